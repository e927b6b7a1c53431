import { select } from 'd3';
import { formatTally } from '../formatTally';
import type { Translator } from '../i18n';
import { round } from '../round';
import type { Tally } from '../tally';
import type { StatementFlag } from '../robustnessFlag';
import { wrapText } from '../wrapText';
import { markRoot, type MarkOptions } from './markRoot';
import { tallyBar } from './tallyBar';

/** One bar under a statement: who voted (label, optional colour swatch) and how. */
export interface BlockRow {
  label: string;
  color?: string;
  tally: Tally;
  /** Shown in words instead of the bar when the tally is not published, e.g. "fewer than 5 votes". */
  hidden?: string;
}

/** A statement's text with one or more tally bars under it. */
export interface StatementBlockDatum {
  text: string;
  rows: readonly BlockRow[];
  /** Extra sentence for screen readers, e.g. why the statement is shown. */
  note?: string;
  /** A caveat shown under the text with its full sentence as a tooltip, e.g. "not robust". */
  flag?: StatementFlag;
  /** How many voted on it, e.g. "58 of 373 voted"; `low` sets it in bold as a warning. */
  support?: { text: string; low: boolean };
}

export interface StatementBlockOptions extends MarkOptions {
  x: number;
  y: number;
  width: number;
  /** Width of the row labels left of the bars. Default 110. */
  labelWidth?: number;
  /** Statement text size. Default 13. */
  fontSize?: number;
  /** Longer text is cut with "…" (the full text stays in the aria-label and table). Default: never cut, so a phone shows it all. */
  maxLines?: number;
  /** The chart's language. */
  t: Translator;
}

const rowHeight = 20;
const barHeight = 14;
const countWidth = 56;
const flagFontSize = 11;
const flagHeight = 16;
const supportFontSize = 12;
const supportHeight = 17;

function layout(datum: StatementBlockDatum, options: StatementBlockOptions): { lines: string[]; lineHeight: number; rowsTop: number; height: number } {
  const fontSize = options.fontSize ?? 13;
  const lineHeight = Math.round(fontSize * 1.3);
  const lines = wrapText(datum.text, options.width, fontSize, options.maxLines ?? Infinity);
  const rowsTop = lines.length * lineHeight + 6 + (datum.flag ? flagHeight : 0) + (datum.support ? supportHeight : 0);
  return { lines, lineHeight, rowsTop, height: rowsTop + datum.rows.length * rowHeight - (rowHeight - barHeight) };
}

/** Height in pixels that `statementBlock` will take, for stacking blocks. */
export function statementBlockHeight(datum: StatementBlockDatum, options: StatementBlockOptions): number {
  return layout(datum, options).height;
}

/**
 * A statement (wrapped, inserted as text) and its tally bars, as one keyboard stop whose
 * accessible name reads the text and every bar's numbers.
 */
export function statementBlock(datum: StatementBlockDatum, options: StatementBlockOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-statement-block kuulo-focusable');
  const { lines, lineHeight, rowsTop, height } = layout(datum, options);
  const fontSize = options.fontSize ?? 13;
  const labelWidth = options.labelWidth ?? 110;
  const g = select(root)
    .attr('transform', `translate(${round(options.x)},${round(options.y)})`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr(
      'aria-label',
      [
        datum.text,
        ...(datum.note ? [datum.note] : []),
        ...(datum.support ? [datum.support.text.replace(/\.$/, '')] : []),
        ...(datum.flag ? [datum.flag.title.replace(/\.$/, '')] : []),
        ...datum.rows.map((r) => options.t.t('chart.block.row', { label: r.label, tally: r.hidden ?? formatTally(options.t, r.tally) })),
      ].join('. '),
    );
  g.selectAll('*').remove();
  g.append('rect').attr('class', 'kuulo-focus-ring').attr('x', -4).attr('y', -4).attr('width', round(options.width + 8)).attr('height', height + 8).attr('rx', 4);
  const text = g.append('text').attr('font-size', fontSize).attr('fill', '#111111');
  lines.forEach((line, i) => text.append('tspan').attr('x', 0).attr('y', round(fontSize + i * lineHeight - 2)).text(line));
  if (datum.flag) {
    const flag = g
      .append('text')
      .attr('class', 'kuulo-flag')
      .attr('x', 0)
      .attr('y', lines.length * lineHeight + flagFontSize)
      .attr('font-size', flagFontSize)
      .attr('font-style', 'italic')
      .attr('fill', '#333333');
    flag.append('title').text(datum.flag.title);
    flag.append('tspan').text(datum.flag.text);
  }
  if (datum.support) {
    g.append('text')
      .attr('class', datum.support.low ? 'kuulo-support kuulo-support-low' : 'kuulo-support')
      .attr('x', 0)
      .attr('y', lines.length * lineHeight + (datum.flag ? flagHeight : 0) + supportFontSize)
      .attr('font-size', supportFontSize)
      .attr('font-weight', datum.support.low ? 700 : 400)
      .attr('fill', datum.support.low ? '#7a2e00' : '#333333')
      .text(datum.support.text);
  }
  datum.rows.forEach((row, i) => {
    const y = rowsTop + i * rowHeight;
    const labelX = row.color ? 14 : 0;
    if (row.color) g.append('circle').attr('cx', 5).attr('cy', y + barHeight / 2).attr('r', 5).attr('fill', row.color);
    g.append('text').attr('x', labelX).attr('y', y + barHeight / 2).attr('dy', '0.35em').attr('font-size', 11).attr('fill', '#333333').text(row.label);
    if (row.hidden) {
      g.append('text').attr('class', 'kuulo-hidden-tally').attr('x', labelWidth).attr('y', y + barHeight / 2).attr('dy', '0.35em').attr('font-size', 11).attr('font-style', 'italic').attr('fill', '#333333').text(row.hidden);
      return;
    }
    const bar = tallyBar(row.tally, { document: options.document, x: labelWidth, y, width: options.width - labelWidth - countWidth, height: barHeight, t: options.t });
    root.appendChild(bar);
    g.append('text')
      .attr('x', options.width)
      .attr('y', y + barHeight / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .attr('font-size', 11)
      .attr('fill', '#555555')
      .text(options.t.t('chart.tally.votes', { count: row.tally.seen }));
  });
  return root;
}
