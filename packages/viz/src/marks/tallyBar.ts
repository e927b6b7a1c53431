import { select } from 'd3';
import { formatTally } from '../formatTally';
import type { Translator } from '../i18n';
import { wholePercent } from '../numberText';
import { voteColors } from '../palette';
import { round } from '../round';
import { tallyPercents, type Tally } from '../tally';
import { markRoot, type MarkOptions } from './markRoot';

export interface TallyBarOptions extends MarkOptions {
  x: number;
  y: number;
  width: number;
  /** Bar height in pixels. Default 14. */
  height?: number;
  /** The chart's language, for percentages and the tooltip. */
  t: Translator;
}

/** Segments narrower than this get no percentage inside them. */
const minLabelWidth = 28;

/**
 * A 100 % stacked bar of agree / disagree / pass shares, percentages inside segments wide enough
 * to hold them (black text: it contrasts better than white on all three colours), an outline
 * when nobody voted, and a <title> with the full numbers.
 */
export function tallyBar(tally: Tally, options: TallyBarOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-tally-bar');
  const height = options.height ?? 14;
  const g = select(root).attr('transform', `translate(${round(options.x)},${round(options.y)})`);
  g.selectAll('*').remove();
  g.append('title').text(formatTally(options.t, tally));
  if (tally.seen === 0) {
    g.append('rect').attr('width', round(options.width)).attr('height', height).attr('fill', 'none').attr('stroke', '#BBBBBB').attr('stroke-dasharray', '3 2');
    return root;
  }
  const pct = tallyPercents(tally);
  const parts = [
    { key: 'agree', value: tally.agree, pct: pct.agree, color: voteColors.agree },
    { key: 'disagree', value: tally.disagree, pct: pct.disagree, color: voteColors.disagree },
    { key: 'pass', value: tally.pass, pct: pct.pass, color: voteColors.pass },
  ];
  let x = 0;
  for (const part of parts) {
    const w = (options.width * part.value) / tally.seen;
    if (w > 0) {
      g.append('rect').attr('class', `kuulo-${part.key}`).attr('x', round(x)).attr('width', round(w)).attr('height', height).attr('fill', part.color);
      if (w >= minLabelWidth) {
        g.append('text').attr('x', round(x + w / 2)).attr('y', round(height / 2)).attr('dy', '0.35em').attr('text-anchor', 'middle').attr('font-size', 10).attr('font-weight', 600).attr('fill', '#000000').text(wholePercent(options.t, part.pct));
      }
    }
    x += w;
  }
  return root;
}
