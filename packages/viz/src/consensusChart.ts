import { blockChart, type ChartItem } from './blockChart';
import type { ChartLanguageOptions } from './chartLanguage';
import { checkNumber } from './checkOption';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { groupRows } from './groupRows';
import { everyGroupVoted, headlineRules, supportLine, tallyVotes, type HeadlineSupportOptions } from './headlineSupport';
import { vizTranslator, type Translator } from './i18n';
import { wholePercent } from './numberText';
import type { ConsensusEntry, KuuloResult, StatementId, Uncertainty } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';
import { robustnessCell, robustnessFlag } from './robustnessFlag';
import { statementIndex } from './statementIndex';
import { statementLabeler, type StatementText } from './statementLabeler';
import { sumTallies, tallyAt, tallyPercents, type Tally } from './tally';
import { topStatements } from './topStatements';
import { uncertaintyIndex } from './uncertaintyIndex';
import { validateResult } from './validateResult';

/** A section of the consensus chart: statements most agree on, most disagree on, or agreed across groups. */
export type ConsensusSection = 'agree' | 'disagree' | 'groupAware';

/** Options of `consensusChart`; each field states its default. */
export interface ConsensusChartOptions extends ChartLanguageOptions, HeadlineSupportOptions {
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
  /**
   * Everyone's votes on a statement (e.g. the API's statement tallies), drawn as the "Everyone" bar and
   * counted for the minimum support. Default: the groups' votes summed, labelled "Grouped participants".
   */
  statementTally?: (id: StatementId) => { agree: number; disagree: number; pass: number } | undefined;
  /**
   * "Agreed across groups" lists only statements that every group agrees with more than it disagrees with,
   * as its note says. Default true; false ranks by group-aware consensus alone, as Polis does.
   */
  groupsLeanAgree?: boolean;
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
 *
 * Every headline needs `minVotes` votes overall and shows how many voted ("58 of 373 voted", flagged in
 * words under `lowShare` of the participants); "agreed across groups" also needs `minGroupVotes` in
 * every group, and (`groupsLeanAgree`) more agree than disagree votes in each. Deviation from Polis,
 * which ranks group-aware consensus with no minimum (its add-one smoothing turns 2 of 2 into 0.75)
 * and lists its top scores even where a group mostly disagrees.
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
  const rules = headlineRules(result, options, where);
  const grouped = (j: number) => sumTallies(result.groups.map((g) => tallyAt(g.tallies, j)));
  const everyone = (j: number): Tally | undefined => {
    const tally = options.statementTally?.(result.statements[j]!);
    return tally && { ...tally, seen: tallyVotes(tally) };
  };
  const all = (j: number): Tally => everyone(j) ?? grouped(j);
  const allLabel = t.t(options.statementTally ? 'chart.everyone' : 'chart.groupedParticipants');
  // Group-aware candidates: enough votes overall and in every group; the rest cannot be headlines.
  const leanAgree = (j: number): boolean => options.groupsLeanAgree === false || result.groups.every((g) => (g.tallies.agree[j] ?? 0) > (g.tallies.disagree[j] ?? 0));
  const supported = result.groupAwareConsensus.map((score, j) => (all(j).seen >= rules.minVotes && everyGroupVoted(result, j, rules.minGroupVotes) && leanAgree(j) ? score : null));
  const groupAwareTop = topStatements(result, supported as number[], count);
  const tableRow = (section: string, label: string, j: number, score: string, tally = all(j), robust = '–'): void => {
    const p = tallyPercents(tally);
    rows.push([text(result.statements[j]!), section, label, p.agree, p.disagree, p.pass, t.number(tally.seen), score, ...(index ? [robust] : [])]);
  };
  for (const section of sections) {
    if (!(section in headings)) throw new Error(`${where}: options.sections has unknown section ${JSON.stringify(section)}; use 'agree', 'disagree' or 'groupAware'`);
    const heading = t.t(headings[section][0]);
    items.push({ kind: 'heading', text: heading }, { kind: 'note', text: t.t(headings[section][1]) });
    if (section === 'groupAware') {
      const top = groupAwareTop;
      if (result.groups.length === 0) items.push({ kind: 'note', text: t.t('chart.consensus.noGroups') });
      else if (top.length === 0) items.push({ kind: 'note', text: t.t('chart.consensus.noneSupportedGroups', { minVotes: rules.minVotes, minGroupVotes: rules.minGroupVotes }) });
      else for (const j of top) {
        const groupBars = groupRows(t, result, j, color);
        items.push({ kind: 'block', datum: { text: text(result.statements[j]!), support: supportLine(t, all(j).seen, rules), rows: groupBars } });
        for (const r of groupBars) tableRow(heading, r.label, j, t.number(result.groupAwareConsensus[j] ?? 0, { maximumSignificantDigits: 3 }), r.tally);
      }
      continue;
    }
    // Polis's consensus counts everyone who voted (nTrials); too few votes cannot make a headline.
    const entries: ConsensusEntry[] = result.consensus[section].filter((e) => e.nTrials >= rules.minVotes);
    if (entries.length === 0) items.push({ kind: 'note', text: t.t(result.consensus[section].length === 0 ? 'chart.consensus.noneYet' : 'chart.consensus.noneSupported', { minVotes: rules.minVotes, minGroupVotes: rules.minGroupVotes }) });
    for (const e of entries) {
      const j = column.get(e.statement);
      if (j === undefined) throw new Error(`${where}: consensus.${section} statement ${e.statement} is not in result.statements`);
      const share = e.nTrials > 0 ? Math.round((100 * e.nSuccess) / e.nTrials) : 0;
      const support = index?.consensus(section, e.statement);
      const flag = index && robustnessFlag(t, support, { key: 'chart.flag.consensus', values: { side: section } }, index.uncertainty.resamples, index.uncertainty.robustThreshold);
      items.push({
        kind: 'block',
        datum: {
          text: text(e.statement),
          note: t.t('chart.consensus.note', { count: e.nSuccess, total: e.nTrials, side: section, share: wholePercent(t, share) }),
          support: supportLine(t, e.nTrials, rules),
          ...(flag && { flag }),
          rows: [{ label: allLabel, tally: all(j) }],
        },
      });
      tableRow(heading, allLabel, j, t.t('chart.consensus.score', { count: e.nSuccess, total: e.nTrials, side: section }), all(j), robustnessCell(t, support));
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
            count: s === 'groupAware' ? groupAwareTop.length : result.consensus[s].filter((e) => e.nTrials >= rules.minVotes).length,
          }),
        ),
        t.t('chart.consensus.desc.bars', { who: options.statementTally ? 'everyone' : 'groups' }),
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
