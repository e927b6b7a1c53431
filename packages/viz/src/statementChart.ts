import { blockChart } from './blockChart';
import type { ChartLanguageOptions } from './chartLanguage';
import { checkNumber } from './checkOption';
import { vizTranslator } from './i18n';
import { wholePercent } from './numberText';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { groupRows } from './groupRows';
import type { KuuloResult, StatementId } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';
import { statementIndex } from './statementIndex';
import { statementLabeler, type StatementText } from './statementLabeler';
import { sumTallies, tallyPercents } from './tally';
import { validateResult } from './validateResult';

/** Options of `statementChart`; each field states its default. */
export interface StatementChartOptions extends ChartLanguageOptions {
  /** Document to create elements in. Default `globalThis.document`. */
  document?: Document;
  /** Width in pixels (height follows the content). Default 480. */
  width?: number;
  /** Space around the content. Default 16. */
  margin?: number;
  /** Statement texts by id. Default "Statement <id>". */
  statementText?: StatementText;
  /** Colour per group. Default: Okabe–Ito by group id. */
  groupColor?: GroupColorOption;
  /** Chart title. Default "Votes on statement <id>". */
  title?: string;
  /** Text description. Default: generated. */
  description?: string;
  /** A chart drawn before, to redraw in place. Default none. */
  target?: SVGSVGElement;
}

/** How each opinion group, and all groups together, voted on one statement: agree / disagree / pass. */
export function statementChart(result: KuuloResult, statement: StatementId, options: StatementChartOptions = {}): SVGSVGElement {
  const where = 'statementChart';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateResult(result, where);
  const j = statementIndex(result).get(statement);
  if (j === undefined) throw new Error(`${where}: statement ${JSON.stringify(statement)} is not in result.statements (it has no votes yet, or the id has the wrong type)`);
  const width = checkNumber(where, 'width', options.width ?? 480, 200);
  const margin = checkNumber(where, 'margin', options.margin ?? 16, 0);
  const t = vizTranslator(options.locale, options.messages);
  const text = statementLabeler(options.statementText, t)(statement);
  const rows = groupRows(t, result, j, groupColorAccessor(options.groupColor));
  const total = { label: t.t('chart.groupedParticipants'), tally: sumTallies(rows.map((r) => r.tally)) };
  const allRows = rows.length > 1 ? [...rows, total] : rows.length === 1 ? rows : [total];
  const title = options.title ?? t.t('chart.statementChart.title', { id: String(statement) });
  const p = tallyPercents(total.tally);
  return blockChart([{ kind: 'block', datum: { text, rows: allRows } }], {
    document,
    width,
    margin,
    className: 'kuulo-statement-chart',
    idKind: 'statement-chart',
    title,
    description:
      options.description ??
      t.t('chart.statementChart.desc', {
        groupCount: rows.length,
        text,
        agree: wholePercent(t, p.agree),
        disagree: wholePercent(t, p.disagree),
        pass: wholePercent(t, p.pass),
        count: total.tally.seen,
      }),
    table: {
      caption: t.t('chart.statementChart.tableCaption', { title }),
      columns: ['voters', 'agree', 'disagree', 'pass', 'votes'].map((c) => t.t(`chart.column.${c}`)),
      rows: allRows.map((r) => {
        const q = tallyPercents(r.tally);
        return [r.label, q.agree, q.disagree, q.pass, t.number(r.tally.seen)];
      }),
    },
    t,
    ...(options.target ? { target: options.target } : {}),
  });
}
