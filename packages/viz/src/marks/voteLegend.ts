import { select } from 'd3';
import type { Translator } from '../i18n';
import { voteColors } from '../palette';
import { textWidth } from '../wrapText';
import { markRoot, type MarkOptions } from './markRoot';

export interface VoteLegendOptions extends MarkOptions {
  x: number;
  y: number;
  /** The chart's language. */
  t: Translator;
}

/** "■ Agree ■ Disagree ■ Pass" swatches; decorative, since every bar also has numbers in text. */
export function voteLegend(options: VoteLegendOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-legend');
  root.setAttribute('aria-hidden', 'true');
  const g = select(root).attr('transform', `translate(${options.x},${options.y})`);
  g.selectAll('*').remove();
  // Each item starts where the previous label ends, so longer Finnish and Swedish words never overlap.
  let x = 0;
  for (const vote of ['agree', 'disagree', 'pass'] as const) {
    const label = options.t.t(`chart.vote.${vote}`);
    g.append('rect').attr('x', x).attr('y', -9).attr('width', 12).attr('height', 12).attr('fill', voteColors[vote]);
    g.append('text').attr('x', x + 17).attr('y', 0).attr('font-size', 12).attr('fill', '#333333').text(label);
    x = Math.ceil(x + 17 + textWidth(label, 12) + 20);
  }
  return root;
}
