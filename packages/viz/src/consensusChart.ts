import { blockChart, type ChartItem } from './blockChart';
import type { ChartLanguageOptions } from './chartLanguage';
import { checkNumber } from './checkOption';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { groupRows } from './groupRows';
import { vizTranslator, type Translator } from './i18n';
import { wholePercent } from './numberText';
import type { ConsensusEntry, KuuloResult, Uncertainty } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';
import { robustnessCell, robustnessFlag } from './robustnessFlag';
import { statementIndex } from './statementIndex';
import { statementLabeler, type StatementText } from './statementLabeler';
import { sumTallies, tallyAt, tallyPercents } from './tally';
import { topStatements } from './topStatements';
import { uncertaintyIndex } from './uncertaintyIndex';
import { validateResult } from './validateResult';

/** A section of the consensus chart: statements most agree on, most disagree on, or agreed across groups. */
export type ConsensusSection = 'agree' | 'disagree' | 'groupAware';

/** Options of `consensusChart`; each field states its default. */
export interface ConsensusChartOptions extends ChartLanguageOptions {
  /** Document to create elements in. Default `globalThis.document`. */
  document?: Document;
  /** Width in pixels (height follows the content). Default 640. */
  width?: number;
  /** Space around the content. Default 16. */
  margin?: number;
  /** Statement texts by id. Default "Statement <id>". */
  statementText?: StatementText;
  /** Colour per group (group-aware section). Default: Okabe–Ito by group id. */
  groupColor?: GroupColorOption;
  /** Sections, in order. Default ['agree', 'disagree', 'groupAware']. */
  sections?: readonly ConsensusSection[];
  /** Statements in the group-aware section. Default 5. */
  count?: number;
  /** With `result.uncertainty`: flag consensus statements that are not robust. Default true. */
  uncertainty?: boolean;
  /** Chart title. Default "Common ground". */
  title?: string;
  /** Text description. Default: generated. */
  description?: string;
  /** A chart drawn before, to redraw in place. Default none. */
  target?: SVGSVGElement;
}

/** Each section's heading and the note under it. */
const headings: Record<ConsensusSection, [string, string]> = {
  agree: ['chart.consensus.agree', 'chart.consensus.agreeNote'],
  disagree: ['chart.consensus.disagree', 'chart.consensus.disagreeNote'],
  groupAware: ['chart.consensus.groupAware', 'chart.consensus.groupAwareNote'],
};

/**
 * Common ground: the statements most participants agree and disagree on (core's `consensus`,
 * bars summed over the groups) and those every group agrees on (`groupAwareConsensus`, one bar
 * per group). Consensus counts all participants, so the table also lists its own counts.
 */
export function consensusChart(result: KuuloResult, options: ConsensusChartOptions = {}): SVGSVGElement {
  const where = 'consensusChart';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateResult(result, where);
  const width = checkNumber(where, 'width', options.width ?? 640, 200);
  const margin = checkNumber(where, 'margin', options.margin ?? 16, 0);
  const count = checkNumber(where, 'count', options.count ?? 5, 0);
  const sections = options.sections ?? (['agree', 'disagree', 'groupAware'] as const);
  const color = groupColorAccessor(options.groupColor);
  const t = vizTranslator(options.locale, options.messages);
  const text = statementLabeler(options.statementText, t);
  const column = statementIndex(result);
  // Stability thresholds do not matter here: only the statements' own robust flags are shown.
  const index = options.uncertainty === false ? null : uncertaintyIndex(result, 0);
  const items: ChartItem[] = [];
  const rows: (string | number)[][] = [];
  const all = (j: number) => sumTallies(result.groups.map((g) => tallyAt(g.tallies, j)));
  const tableRow = (section: string, label: string, j: number, score: string, tally = all(j), robust = '–'): void => {
    const p = tallyPercents(tally);
    rows.push([text(result.statements[j]!), section, label, p.agree, p.disagree, p.pass, t.number(tally.seen), score, ...(index ? [robust] : [])]);
  };
  for (const section of sections) {
    if (!(section in headings)) throw new Error(`${where}: options.sections has unknown section ${JSON.stringify(section)}; use 'agree', 'disagree' or 'groupAware'`);
    const heading = t.t(headings[section][0]);
    items.push({ kind: 'heading', text: heading }, { kind: 'note', text: t.t(headings[section][1]) });
    if (section === 'groupAware') {
      const top = topStatements(result, result.groupAwareConsensus, count);
      if (result.groups.length === 0 || top.length === 0) items.push({ kind: 'note', text: t.t('chart.consensus.noGroups') });
      else for (const j of top) {
        const groupBars = groupRows(t, result, j, color);
        items.push({ kind: 'block', datum: { text: text(result.statements[j]!), rows: groupBars } });
        for (const r of groupBars) tableRow(heading, r.label, j, t.number(result.groupAwareConsensus[j] ?? 0, { maximumSignificantDigits: 3 }), r.tally);
      }
      continue;
    }
    const entries: ConsensusEntry[] = result.consensus[section];
    if (entries.length === 0) items.push({ kind: 'note', text: t.t('chart.consensus.noneYet') });
    for (const e of entries) {
      const j = column.get(e.statement);
      if (j === undefined) throw new Error(`${where}: consensus.${section} statement ${e.statement} is not in result.statements`);
      const share = e.nTrials > 0 ? Math.round((100 * e.nSuccess) / e.nTrials) : 0;
      const support = index?.consensus(section, e.statement);
      const flag = index && robustnessFlag(t, support, { key: 'chart.flag.consensus', values: { side: section } }, index.uncertainty.resamples, index.uncertainty.robustThreshold);
      const allGroups = t.t('chart.allGroups');
      items.push({
        kind: 'block',
        datum: {
          text: text(e.statement),
          note: t.t('chart.consensus.note', { count: e.nSuccess, total: e.nTrials, side: section, share: wholePercent(t, share) }),
          ...(flag && { flag }),
          rows: [{ label: allGroups, tally: all(j) }],
        },
      });
      tableRow(heading, allGroups, j, t.t('chart.consensus.score', { count: e.nSuccess, total: e.nTrials, side: section }), all(j), robustnessCell(t, support));
    }
  }
  const title = options.title ?? t.t('chart.consensus.title');
  return blockChart(items, {
    document,
    width,
    margin,
    className: 'kuulo-consensus-chart',
    idKind: 'consensus-chart',
    title,
    description:
      options.description ??
      [
        ...sections.map((s) =>
          t.t('chart.consensus.desc.section', {
            heading: t.t(headings[s][0]),
            count: s === 'groupAware' ? Math.min(count, topStatements(result, result.groupAwareConsensus, count).length) : result.consensus[s].length,
          }),
        ),
        t.t('chart.consensus.desc.bars'),
        ...(index ? [robustSentence(t, sections, index.uncertainty)] : []),
      ].join(' '),
    table: {
      caption: t.t('chart.consensus.tableCaption', { title }),
      columns: ['statement', 'section', 'voters', 'agree', 'disagree', 'pass', 'votes', 'consensus', ...(index ? ['robust'] : [])].map((c) => t.t(`chart.column.${c}`)),
      rows,
    },
    t,
    ...(options.target ? { target: options.target } : {}),
  });
}

/** How many shown consensus statements the bootstrap found not robust, for the description. */
function robustSentence(t: Translator, sections: readonly ConsensusSection[], u: Uncertainty): string {
  const shown = new Set(sections.filter((s) => s !== 'groupAware'));
  const entries = u.consensus.filter((e) => shown.has(e.side));
  const weak = entries.filter((e) => !e.robust).length;
  return t.t('chart.consensus.desc.robust', { weak, total: entries.length, least: wholePercent(t, Math.round(100 * u.robustThreshold)), resamples: u.resamples });
}
