import { select } from 'd3';
import { setDataTable, setTitleAndDesc } from './accessibility';
import type { ChartLanguageOptions } from './chartLanguage';
import { chartId } from './chartId';
import { checkNumber } from './checkOption';
import { clearChart, createSvg } from './createSvg';
import type { KuuloResult } from '@kuulo/core';
import { vizTranslator, type Translator } from './i18n';
import { bridgingColumns, bridgingRow, bridgingRowHeight, fixed2, type BridgingRowDatum } from './marks/bridgingRow';
import { decimals } from './numberText';
import { resolveDocument } from './resolveDocument';
import { round } from './round';
import { statementLabeler, type StatementText } from './statementLabeler';
import { topStatements } from './topStatements';
import { validateResult } from './validateResult';
import { wrapText } from './wrapText';

/** What `bridgingChart` ranks its statements by. */
export type BridgingOrder = 'bridging' | 'groupAwareConsensus';

/** Options of `bridgingChart`; each field states its default. */
export interface BridgingChartOptions extends ChartLanguageOptions {
  /** Document to create elements in. Default `globalThis.document`. */
  document?: Document;
  /** Width in pixels (height follows the content). Default 640. */
  width?: number;
  /** Space around the content. Default 16. */
  margin?: number;
  /** Statement texts by id. Default "Statement <id>". */
  statementText?: StatementText;
  /** Statements shown. Default 8. */
  count?: number;
  /** Rank by the bridging score or by group-aware consensus. Default 'bridging' when the result has bridging scores, else 'groupAwareConsensus'. */
  orderBy?: BridgingOrder;
  /** Chart title. Default "Bridging and group-aware consensus". */
  title?: string;
  /** Text description. Default: generated. */
  description?: string;
  /** A chart drawn before, to redraw in place. Default none. */
  target?: SVGSVGElement;
}

/**
 * Two consensus measures side by side for the top statements: Polis's group-aware consensus
 * (the product over groups of each group's add-one agree share, so it depends on the groups found)
 * and Kuulo's bridging score (a one-factor model of the votes that needs no groups), with the
 * bridging score's 5th–95th percentile over the bootstrap when `result.uncertainty` has it.
 */
export function bridgingChart(result: KuuloResult, options: BridgingChartOptions = {}): SVGSVGElement {
  const where = 'bridgingChart';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateResult(result, where);
  const width = checkNumber(where, 'width', options.width ?? 640, 200);
  const margin = checkNumber(where, 'margin', options.margin ?? 16, 0);
  const count = checkNumber(where, 'count', options.count ?? 8, 0);
  const hasBridging = Array.isArray(result.bridging);
  const orderBy = options.orderBy ?? (hasBridging ? 'bridging' : 'groupAwareConsensus');
  if (orderBy !== 'bridging' && orderBy !== 'groupAwareConsensus') throw new Error(`${where}: options.orderBy must be 'bridging' or 'groupAwareConsensus', got ${JSON.stringify(orderBy)}`);
  if (orderBy === 'bridging' && !hasBridging) throw new Error(`${where}: options.orderBy is 'bridging' but the result has no bridging scores (result.bridging is missing)`);
  const t = vizTranslator(options.locale, options.messages);
  const text = statementLabeler(options.statementText, t);
  const bridging = result.statements.map((_, j) => result.bridging?.[j] ?? null);
  const intervals = result.uncertainty?.bridging ?? null;
  const gacRank = rankOf(topStatements(result, result.groupAwareConsensus, Infinity));
  const bridgingRank = rankOf(topStatements(result, bridging.map((b) => b ?? NaN), Infinity));
  const top = orderBy === 'bridging' ? [...bridgingRank.keys()].slice(0, count) : [...gacRank.keys()].slice(0, count);

  const interval = (j: number): [number, number] | null => {
    const low = intervals?.low[j];
    const high = intervals?.high[j];
    return low === null || low === undefined || high === null || high === undefined ? null : [low, high];
  };
  const rows: BridgingRowDatum[] = top.map((j) => {
    const b = bridging[j] ?? null;
    const range = interval(j);
    const spoken = t.t('chart.bridging.aria', {
      consensus: fixed2(t, result.groupAwareConsensus[j] ?? 0),
      state: b === null ? 'none' : range ? 'range' : 'score',
      score: b === null ? '' : fixed2(t, b),
      low: range ? fixed2(t, range[0]) : '',
      high: range ? fixed2(t, range[1]) : '',
    });
    const statement = text(result.statements[j]!);
    return {
      text: statement,
      groupAwareConsensus: result.groupAwareConsensus[j] ?? 0,
      bridging: b,
      interval: range,
      // No second full stop after a statement that already ends a sentence.
      ariaLabel: `${statement}${/[.!?]$/.test(statement) ? '' : '.'} ${spoken}`,
    };
  });
  // One symmetric scale for every row, wide enough for each score and whisker.
  const extent = Math.max(1e-9, ...rows.flatMap((r) => [r.bridging ?? 0, ...(r.interval ?? [])].map(Math.abs)));

  const inner = width - 2 * margin;
  const headerY = margin + 12;
  const notes = [...(hasBridging ? [] : [t.t('chart.bridging.noScores')]), ...(rows.length === 0 ? [t.t('chart.bridging.empty')] : [])].flatMap((n) => wrapText(n, inner, 12));
  let y = headerY + 30 + notes.length * 16 + (notes.length ? 8 : 0);
  const placed = rows.map((datum) => {
    const at = y;
    y += bridgingRowHeight(datum, inner) + 16;
    return { datum, y: at };
  });
  const height = Math.ceil(y + margin - 8);

  const svg = createSvg(document, width, height, 'kuulo-bridging-chart', t.lang, options.target);
  if (options.target) clearChart(svg);
  const id = svg.getAttribute('data-chart-id') ?? chartId(document, 'bridging-chart');
  svg.setAttribute('data-chart-id', id);
  const title = options.title ?? t.t('chart.bridging.title');
  setTitleAndDesc(svg, id, title, options.description ?? describe(t, rows.length, orderBy, hasBridging, result, top, gacRank, bridgingRank));
  const body = select(svg).append('g').attr('class', 'kuulo-body');
  const columns = bridgingColumns(inner);
  const header = body.append('g').attr('class', 'kuulo-columns').attr('aria-hidden', 'true').attr('transform', `translate(${margin},${headerY})`);
  const headerText = (x: number, dy: number, value: string, anchor = 'start', weight = 700, size = 12) =>
    header.append('text').attr('x', round(x)).attr('y', dy).attr('text-anchor', anchor).attr('font-size', size).attr('font-weight', weight).attr('fill', '#333333').text(value);
  headerText(columns.left, 0, t.t('chart.column.groupAwareConsensus'));
  headerText(columns.right, 0, t.t('chart.column.bridging'));
  headerText(columns.left, 16, t.number(0), 'start', 400, 10);
  headerText(columns.left + columns.bar, 16, t.number(1), 'end', 400, 10);
  if (hasBridging) {
    headerText(columns.right, 16, fixed2(t, -extent), 'start', 400, 10);
    headerText(columns.right + columns.bar / 2, 16, t.number(0), 'middle', 400, 10);
    headerText(columns.right + columns.bar, 16, `+${fixed2(t, extent)}`, 'end', 400, 10);
  }
  if (notes.length) {
    const note = body.append('text').attr('font-size', 12).attr('fill', '#555555');
    notes.forEach((line, i) => note.append('tspan').attr('x', margin).attr('y', headerY + 40 + i * 16).text(line));
  }
  for (const { datum, y: rowY } of placed) body.node()!.appendChild(bridgingRow(datum, { document, x: margin, y: rowY, width: inner, extent, t }));

  setDataTable(svg, id, {
    caption: t.t('chart.bridging.tableCaption', { title, order: orderBy }),
    columns: ['statement', 'groupAwareConsensus', 'groupAwareRank', 'bridging', 'bridgingRank', ...(intervals ? ['bridgingLow', 'bridgingHigh'] : [])].map((c) => t.t(`chart.column.${c}`)),
    rows: top.map((j, k) => {
      const r = rows[k]!;
      const fixed = (v: number | null | undefined) => (v === null || v === undefined ? '–' : decimals(t, v, 3));
      return [r.text, fixed(r.groupAwareConsensus), gacRank.get(j) ?? '–', fixed(r.bridging), bridgingRank.get(j) ?? '–', ...(intervals ? [fixed(r.interval?.[0]), fixed(r.interval?.[1])] : [])];
    }),
  });
  return svg;
}

/** Column index → 1-based rank, in rank order. */
function rankOf(columns: readonly number[]): Map<number, number> {
  return new Map(columns.map((j, k) => [j, k + 1]));
}

function describe(t: Translator, shown: number, orderBy: BridgingOrder, hasBridging: boolean, result: KuuloResult, top: readonly number[], gacRank: Map<number, number>, bridgingRank: Map<number, number>): string {
  if (shown === 0) return t.t('chart.bridging.empty');
  const parts = [t.t('chart.bridging.desc.top', { count: shown, order: orderBy }), t.t('chart.bridging.desc.explain')];
  if (!hasBridging) parts.push(t.t('chart.bridging.noScores'));
  else {
    const other = orderBy === 'bridging' ? gacRank : bridgingRank;
    const shared = top.filter((j) => (other.get(j) ?? Infinity) <= shown).length;
    parts.push(t.t('chart.bridging.desc.shared', { shared, count: shown, order: orderBy }));
    const u = result.uncertainty;
    if (u?.bridging) parts.push(t.t('chart.bridging.desc.whiskers', { resamples: u.resamples }));
  }
  return parts.join(' ');
}
