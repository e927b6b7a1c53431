import { blockChart, type ChartItem } from './blockChart';
import type { ChartLanguageOptions } from './chartLanguage';
import { checkNumber } from './checkOption';
import { vizTranslator } from './i18n';
import { conflictScores } from './conflictScores';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { groupRows } from './groupRows';
import type { KuuloResult } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';
import { statementLabeler, type StatementText } from './statementLabeler';
import { tallyPercents } from './tally';
import { topStatements } from './topStatements';
import { validateResult } from './validateResult';

/** Options of `conflictChart`; each field states its default. */
export interface ConflictChartOptions extends ChartLanguageOptions {
  /** Document to create elements in. Default `globalThis.document`. */
  document?: Document;
  /** Width in pixels (height follows the content). Default 640. */
  width?: number;
  /** Space around the content. Default 16. */
  margin?: number;
  /** Statement texts by id. Default "Statement <id>". */
  statementText?: StatementText;
  /** Colour per group. Default: Okabe–Ito by group id. */
  groupColor?: GroupColorOption;
  /** Most divisive statements to show. Default 5. */
  count?: number;
  /** Show only statements whose conflict score (see `conflictScores`, 0..2) exceeds this. Default 0.5. */
  minScore?: number;
  /** Chart title. Default "Points of conflict". */
  title?: string;
  /** Text description. Default: generated. */
  description?: string;
  /** A chart drawn before, to redraw in place. Default none. */
  target?: SVGSVGElement;
}

/**
 * Conflict points: the statements the opinion groups disagree about most (largest spread of
 * net agreement between groups), each with one agree / disagree / pass bar per group.
 */
export function conflictChart(result: KuuloResult, options: ConflictChartOptions = {}): SVGSVGElement {
  const where = 'conflictChart';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateResult(result, where);
  const width = checkNumber(where, 'width', options.width ?? 640, 200);
  const margin = checkNumber(where, 'margin', options.margin ?? 16, 0);
  const count = checkNumber(where, 'count', options.count ?? 5, 0);
  const minScore = checkNumber(where, 'minScore', options.minScore ?? 0.5, 0);
  const color = groupColorAccessor(options.groupColor);
  const t = vizTranslator(options.locale, options.messages);
  const text = statementLabeler(options.statementText, t);
  const scores = conflictScores(result);
  const top = topStatements(result, scores, count, minScore);
  const items: ChartItem[] = [];
  const rows: (string | number)[][] = [];
  if (top.length === 0) items.push({ kind: 'note', text: t.t(result.groups.length < 2 ? 'chart.conflict.fewGroups' : 'chart.conflict.noConflict') });
  for (const j of top) {
    const bars = groupRows(t, result, j, color);
    const score = t.number(scores[j] ?? 0, { maximumFractionDigits: 3 });
    items.push({ kind: 'block', datum: { text: text(result.statements[j]!), note: t.t('chart.conflict.score', { score, max: t.number(2) }), rows: bars } });
    for (const r of bars) {
      const p = tallyPercents(r.tally);
      rows.push(r.hidden ? [text(result.statements[j]!), r.label, '–', '–', '–', r.hidden, score] : [text(result.statements[j]!), r.label, p.agree, p.disagree, p.pass, t.number(r.tally.seen), score]);
    }
  }
  const title = options.title ?? t.t('chart.conflict.title');
  return blockChart(items, {
    document,
    width,
    margin,
    className: 'kuulo-conflict-chart',
    idKind: 'conflict-chart',
    title,
    description: options.description ?? t.t('chart.conflict.desc', { count: top.length }),
    table: {
      caption: t.t('chart.conflict.tableCaption', { title }),
      columns: ['statement', 'group', 'agree', 'disagree', 'pass', 'votes', 'conflictScore'].map((c) => t.t(`chart.column.${c}`)),
      rows,
    },
    t,
    ...(options.target ? { target: options.target } : {}),
  });
}
