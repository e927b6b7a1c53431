import { select } from 'd3';
import { setDataTable, setTitleAndDesc, type DataTable } from './accessibility';
import { chartId } from './chartId';
import { clearChart, createSvg } from './createSvg';
import { statementBlock, statementBlockHeight, type StatementBlockDatum } from './marks/statementBlock';
import type { Translator } from './i18n';
import { voteLegend } from './marks/voteLegend';
import { round } from './round';
import { wrapText } from './wrapText';

/** One entry of a vertical list chart: a heading, a statement with bars, or a line of note text. */
export type ChartItem =
  | { kind: 'heading'; text: string; color?: string; level?: 1 | 2 }
  | { kind: 'block'; datum: StatementBlockDatum }
  | { kind: 'note'; text: string };

export interface BlockChartSpec {
  document: Document;
  width: number;
  margin: number;
  className: string;
  /** Kind for page-unique ids, e.g. "group-panel". */
  idKind: string;
  title: string;
  description: string;
  table: DataTable;
  /** The chart's language. */
  t: Translator;
  target?: SVGSVGElement;
}

/**
 * Stacks headings, statement blocks and notes top to bottom under a vote legend, sizing the
 * chart's height to its content. Shared by the group panel, consensus, conflict and statement charts.
 */
export function blockChart(items: readonly ChartItem[], spec: BlockChartSpec): SVGSVGElement {
  const { document, width, margin, t } = spec;
  const inner = width - 2 * margin;
  const placed: { item: ChartItem; y: number; lines?: string[] }[] = [];
  let y = margin + 12;
  const legendY = y;
  y += 20;
  for (const item of items) {
    if (item.kind === 'heading') {
      const size = item.level === 2 ? 13 : 15;
      const lines = wrapText(item.text, inner - (item.color ? 20 : 0), size);
      y += item.level === 2 ? 4 : 10;
      placed.push({ item, y, lines });
      y += lines.length * Math.round(size * 1.3) + 6;
    } else if (item.kind === 'note') {
      const lines = wrapText(item.text, inner, 12);
      placed.push({ item, y, lines });
      y += lines.length * 16 + 8;
    } else {
      placed.push({ item, y });
      y += statementBlockHeight(item.datum, { document, x: margin, y, width: inner, t }) + 16;
    }
  }
  const height = Math.ceil(y + margin - 8);
  const svg = createSvg(document, width, height, spec.className, t.lang, spec.target);
  if (spec.target) clearChart(svg);
  const id = svg.getAttribute('data-chart-id') ?? chartId(document, spec.idKind);
  svg.setAttribute('data-chart-id', id);
  setTitleAndDesc(svg, id, spec.title, spec.description);
  svg.appendChild(voteLegend({ document, x: margin, y: legendY, t }));
  const body = select(svg).append('g').attr('class', 'kuulo-body');
  for (const { item, y: top, lines } of placed) {
    if (item.kind === 'block') {
      body.node()!.appendChild(statementBlock(item.datum, { document, x: margin, y: top, width: inner, t }));
      continue;
    }
    const heading = item.kind === 'heading';
    const size = heading ? (item.level === 2 ? 13 : 15) : 12;
    const lineHeight = heading ? Math.round(size * 1.3) : 16;
    const x = margin + (heading && item.color ? 20 : 0);
    if (heading && item.color) body.append('rect').attr('x', margin).attr('y', top + 1).attr('width', 14).attr('height', 14).attr('rx', 2).attr('fill', item.color);
    const text = body
      .append('text')
      .attr('font-size', size)
      .attr('font-weight', heading ? 700 : 400)
      .attr('fill', heading ? '#111111' : '#555555');
    if (heading) text.attr('role', 'heading').attr('aria-level', item.level === 2 ? 3 : 2);
    (lines ?? []).forEach((line, i) => text.append('tspan').attr('x', x).attr('y', round(top + size - 1 + i * lineHeight)).text(line));
  }
  setDataTable(svg, id, spec.table);
  return svg;
}
