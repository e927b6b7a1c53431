import { select } from 'd3';
import type { Translator } from '../i18n';
import { decimals } from '../numberText';
import { voteColors } from '../palette';
import { round } from '../round';
import { wrapText } from '../wrapText';
import { markRoot, type MarkOptions } from './markRoot';

/** One statement of the bridging chart: its text, group-aware consensus and bridging score. */
export interface BridgingRowDatum {
  text: string;
  groupAwareConsensus: number;
  /** null when the result has no bridging score for the statement. */
  bridging: number | null;
  /** 5th and 95th percentile of the bridging score over the bootstrap, when known. */
  interval: [number, number] | null;
  /** Spoken form of the numbers, for the accessible name. */
  ariaLabel: string;
}

export interface BridgingRowOptions extends MarkOptions {
  x: number;
  y: number;
  width: number;
  /** Bridging scores run from −extent to +extent across the column. */
  extent: number;
  /** The chart's language. */
  t: Translator;
}

const fontSize = 13;
const lineHeight = Math.round(fontSize * 1.3);
const barHeight = 14;
/** Space between the two columns, and room for the number after each bar. */
export const columnGap = 24;
export const numberWidth = 44;

/** Left edge and bar width of the two columns within a row of `width` pixels. */
export function bridgingColumns(width: number): { left: number; right: number; bar: number } {
  const column = (width - columnGap) / 2;
  return { left: 0, right: column + columnGap, bar: Math.max(20, column - numberWidth) };
}

/** Two decimals, without the "-0.00" that a tiny negative score would print. */
export function fixed2(t: Translator, value: number): string {
  return decimals(t, Math.abs(value) < 0.005 ? 0 : value, 2);
}

function lines(datum: BridgingRowDatum, width: number): string[] {
  return wrapText(datum.text, width, fontSize);
}

/** Height in pixels that `bridgingRow` will take. */
export function bridgingRowHeight(datum: BridgingRowDatum, width: number): number {
  return lines(datum, width).length * lineHeight + 6 + barHeight;
}

/**
 * A statement (inserted as text) over two aligned bars: group-aware consensus on 0..1, and the
 * bridging score around zero with its bootstrap interval as a whisker. One keyboard stop.
 */
export function bridgingRow(datum: BridgingRowDatum, options: BridgingRowOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-bridging-row kuulo-focusable');
  const text = lines(datum, options.width);
  const top = text.length * lineHeight + 6;
  const height = top + barHeight;
  const { left, right, bar } = bridgingColumns(options.width);
  const g = select(root)
    .attr('transform', `translate(${round(options.x)},${round(options.y)})`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', datum.ariaLabel);
  g.selectAll('*').remove();
  g.append('rect').attr('class', 'kuulo-focus-ring').attr('x', -4).attr('y', -4).attr('width', round(options.width + 8)).attr('height', height + 8).attr('rx', 4);
  const label = g.append('text').attr('font-size', fontSize).attr('fill', '#111111');
  text.forEach((line, i) => label.append('tspan').attr('x', 0).attr('y', round(fontSize + i * lineHeight - 2)).text(line));
  const number = (x: number, value: string) =>
    g.append('text').attr('x', round(x)).attr('y', top + barHeight / 2).attr('dy', '0.35em').attr('font-size', 11).attr('fill', '#333333').text(value);

  const gac = Math.min(1, Math.max(0, datum.groupAwareConsensus));
  g.append('rect').attr('class', 'kuulo-track').attr('x', left).attr('y', top).attr('width', round(bar)).attr('height', barHeight).attr('fill', '#EEEEEE');
  g.append('rect').attr('class', 'kuulo-gac').attr('x', left).attr('y', top).attr('width', round(bar * gac)).attr('height', barHeight).attr('fill', voteColors.agree);
  number(left + bar + 4, fixed2(options.t, datum.groupAwareConsensus));

  g.append('rect').attr('class', 'kuulo-track').attr('x', round(right)).attr('y', top).attr('width', round(bar)).attr('height', barHeight).attr('fill', '#EEEEEE');
  if (datum.bridging === null) {
    number(right + 4, options.t.t('chart.bridging.noScore')).attr('fill', '#555555');
    return root;
  }
  const zero = right + bar / 2;
  const at = (v: number) => round(zero + (Math.max(-1, Math.min(1, v / options.extent)) * bar) / 2);
  const end = at(datum.bridging);
  g.append('rect')
    .attr('class', 'kuulo-bridging')
    .attr('x', Math.min(round(zero), end))
    .attr('y', top)
    .attr('width', round(Math.abs(end - zero)))
    .attr('height', barHeight)
    .attr('fill', datum.bridging >= 0 ? voteColors.agree : voteColors.disagree);
  g.append('line').attr('class', 'kuulo-zero').attr('x1', round(zero)).attr('x2', round(zero)).attr('y1', top - 2).attr('y2', top + barHeight + 2).attr('stroke', '#777777');
  if (datum.interval) {
    const [x1, x2] = [at(datum.interval[0]), at(datum.interval[1])];
    const mid = top + barHeight / 2;
    const whisker = g.append('g').attr('class', 'kuulo-interval').attr('stroke', '#111111').attr('stroke-width', 1.5);
    whisker.append('line').attr('x1', x1).attr('x2', x2).attr('y1', mid).attr('y2', mid);
    for (const x of [x1, x2]) whisker.append('line').attr('x1', x).attr('x2', x).attr('y1', mid - 4).attr('y2', mid + 4);
  }
  number(right + bar + 4, fixed2(options.t, datum.bridging));
  return root;
}
