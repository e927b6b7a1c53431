import { blockChart, type ChartItem } from './blockChart';
import { checkNumber } from './checkOption';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { groupRows } from './groupRows';
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
export interface ConsensusChartOptions {
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

const headings: Record<ConsensusSection, [string, string]> = {
  agree: ['Most participants agree', 'Statements with the broadest agreement among all participants.'],
  disagree: ['Most participants disagree', 'Statements with the broadest disagreement among all participants.'],
  groupAware: ['Agreed across groups', 'Statements that every opinion group tends to agree with (group-aware consensus).'],
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
  const text = statementLabeler(options.statementText);
  const column = statementIndex(result);
  // Stability thresholds do not matter here: only the statements' own robust flags are shown.
  const index = options.uncertainty === false ? null : uncertaintyIndex(result, 0);
  const items: ChartItem[] = [];
  const rows: (string | number)[][] = [];
  const all = (j: number) => sumTallies(result.groups.map((g) => tallyAt(g.tallies, j)));
  const tableRow = (section: string, label: string, j: number, score: string, t = all(j), robust = '–'): void => {
    const p = tallyPercents(t);
    rows.push([text(result.statements[j]!), section, label, p.agree, p.disagree, p.pass, t.seen, score, ...(index ? [robust] : [])]);
  };
  for (const section of sections) {
    if (!(section in headings)) throw new Error(`${where}: options.sections has unknown section ${JSON.stringify(section)}; use 'agree', 'disagree' or 'groupAware'`);
    const [heading, note] = headings[section];
    items.push({ kind: 'heading', text: heading }, { kind: 'note', text: note });
    if (section === 'groupAware') {
      const top = topStatements(result, result.groupAwareConsensus, count);
      if (result.groups.length === 0 || top.length === 0) items.push({ kind: 'note', text: 'No opinion groups yet.' });
      else for (const j of top) {
        const groupBars = groupRows(result, j, color);
        items.push({ kind: 'block', datum: { text: text(result.statements[j]!), rows: groupBars } });
        for (const r of groupBars) tableRow(heading, r.label, j, String(Number((result.groupAwareConsensus[j] ?? 0).toPrecision(3))), r.tally);
      }
      continue;
    }
    const entries: ConsensusEntry[] = result.consensus[section];
    if (entries.length === 0) items.push({ kind: 'note', text: 'None yet.' });
    for (const e of entries) {
      const j = column.get(e.statement);
      if (j === undefined) throw new Error(`${where}: consensus.${section} statement ${e.statement} is not in result.statements`);
      const share = e.nTrials > 0 ? Math.round((100 * e.nSuccess) / e.nTrials) : 0;
      const support = index?.consensus(section, e.statement);
      const flag = index && robustnessFlag(support, `passed the consensus test (${section})`, index.uncertainty.resamples, index.uncertainty.robustThreshold);
      items.push({
        kind: 'block',
        datum: {
          text: text(e.statement),
          note: `${e.nSuccess} of ${e.nTrials} participants who voted ${section} (${share}%)`,
          ...(flag && { flag }),
          rows: [{ label: 'All groups', tally: all(j) }],
        },
      });
      tableRow(heading, 'All groups', j, `${e.nSuccess} of ${e.nTrials} ${section}`, all(j), robustnessCell(support));
    }
  }
  const title = options.title ?? 'Common ground';
  return blockChart(items, {
    document,
    width,
    margin,
    className: 'kuulo-consensus-chart',
    idKind: 'consensus-chart',
    title,
    description:
      options.description ??
      `${sections.map((s) => `${headings[s][0]}: ${s === 'groupAware' ? Math.min(count, topStatements(result, result.groupAwareConsensus, count).length) : result.consensus[s].length} statements`).join('. ')}. Bars show how participants in the opinion groups voted: agree, disagree, pass.${index ? ` ${robustSentence(sections, index.uncertainty)}` : ''}`,
    table: {
      caption: `${title}: consensus statements`,
      columns: ['Statement', 'Section', 'Voters', 'Agree %', 'Disagree %', 'Pass %', 'Votes', 'Consensus', ...(index ? ['Robust (support)'] : [])],
      rows,
    },
    ...(options.target ? { target: options.target } : {}),
  });
}

/** How many shown consensus statements the bootstrap found not robust, for the description. */
function robustSentence(sections: readonly ConsensusSection[], u: Uncertainty): string {
  const shown = new Set(sections.filter((s) => s !== 'groupAware'));
  const entries = u.consensus.filter((e) => shown.has(e.side));
  const weak = entries.filter((e) => !e.robust).length;
  return `${weak} of ${entries.length} consensus statements are not robust: they passed the test in fewer than ${Math.round(100 * u.robustThreshold)}% of ${u.resamples} bootstrap resamples, and are marked.`;
}
