import { select } from 'd3';
import { voteColors } from '../palette';
import { markRoot, type MarkOptions } from './markRoot';

export interface VoteLegendOptions extends MarkOptions {
  x: number;
  y: number;
}

/** "■ Agree ■ Disagree ■ Pass" swatches; decorative, since every bar also has numbers in text. */
export function voteLegend(options: VoteLegendOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-legend');
  root.setAttribute('aria-hidden', 'true');
  const g = select(root).attr('transform', `translate(${options.x},${options.y})`);
  g.selectAll('*').remove();
  const items = [
    ['Agree', voteColors.agree, 0],
    ['Disagree', voteColors.disagree, 70],
    ['Pass', voteColors.pass, 160],
  ] as const;
  for (const [label, color, x] of items) {
    g.append('rect').attr('x', x).attr('y', -9).attr('width', 12).attr('height', 12).attr('fill', color);
    g.append('text').attr('x', x + 17).attr('y', 0).attr('font-size', 12).attr('fill', '#333333').text(label);
  }
  return root;
}
