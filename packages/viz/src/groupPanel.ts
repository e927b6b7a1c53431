import { blockChart, type ChartItem } from './blockChart';
import type { ChartLanguageOptions } from './chartLanguage';
import { checkNumber, checkShare } from './checkOption';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { vizTranslator, type Translator } from './i18n';
import { groupVerdicts } from './groupText';
import { formatShare, wholePercent } from './numberText';
import type { GroupResult, KuuloResult, StatementId } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';
import { robustnessCell, robustnessFlag } from './robustnessFlag';
import { statementIndex } from './statementIndex';
import { statementLabeler, type StatementText } from './statementLabeler';
import { sumTallies, tallyAt, tallyPercents, type Tally } from './tally';
import { defaultStabilityThreshold, uncertaintyIndex, type UncertaintyIndex } from './uncertaintyIndex';
import { validateResult } from './validateResult';

/** Options of `groupPanel`; each field states its default. */
export interface GroupPanelOptions extends ChartLanguageOptions {
  /** Document to create elements in. Default `globalThis.document`. */
  document?: Document;
  /** Width in pixels (height follows the content). Default 640. */
  width?: number;
  /** Space around the content. Default 16. */
  margin?: number;
  /** Statement texts by id. Default "Statement <id>". */
  statementText?: StatementText;
  /** Colour per group. Default: Okabe–Ito by group id, as on the opinion map. */
  groupColor?: GroupColorOption;
  /** Show only these group ids, in this order. Default every group, by id. */
  groups?: readonly number[];
  /** With `result.uncertainty`: show each group's stability and flag representative statements that are not robust. Default true. */
  uncertainty?: boolean;
  /** Groups whose bootstrap stability is below this are called unstable. Default 0.75 (Hennig's "stable"). */
  stabilityThreshold?: number;
  /** Chart title. Default "Opinion groups". */
  title?: string;
  /** Text description. Default: generated. */
  description?: string;
  /** A panel drawn before, to redraw in place. Default none. */
  target?: SVGSVGElement;
}

/**
 * Each group's representative statements (core's `repness`, best first), each with two bars:
 * how the group voted and how everyone else did (participants in the other groups).
 */
export function groupPanel(result: KuuloResult, options: GroupPanelOptions = {}): SVGSVGElement {
  const where = 'groupPanel';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateResult(result, where);
  const width = checkNumber(where, 'width', options.width ?? 640, 200);
  const margin = checkNumber(where, 'margin', options.margin ?? 16, 0);
  const color = groupColorAccessor(options.groupColor);
  const t = vizTranslator(options.locale, options.messages);
  const text = statementLabeler(options.statementText, t);
  const column = statementIndex(result);
  const stabilityThreshold = checkShare(where, 'stabilityThreshold', options.stabilityThreshold ?? defaultStabilityThreshold);
  const index = options.uncertainty === false ? null : uncertaintyIndex(result, stabilityThreshold);
  const byId = new Map(result.groups.map((g) => [g.id, g]));
  const ids = options.groups ?? [...byId.keys()].sort((a, b) => a - b);
  const groups = ids.map((id) => {
    const g = byId.get(id);
    if (!g) throw new Error(`${where}: options.groups lists group id ${id}, but the result has groups ${[...byId.keys()].join(', ') || 'none'}`);
    return g;
  });
  const at = (id: StatementId): number => {
    const j = column.get(id);
    if (j === undefined) throw new Error(`${where}: representative statement ${id} is not in result.statements`);
    return j;
  };

  const items: ChartItem[] = [];
  const rows: (string | number)[][] = [];
  const pct = (tally: Tally): (number | string)[] => {
    const p = tallyPercents(tally);
    return [p.agree, p.disagree, p.pass, t.number(tally.seen)];
  };
  for (const g of groups) {
    const stability = index?.group(g.id);
    const heading = t.t('chart.panel.heading', {
      label: g.label,
      size: g.size,
      state: stability ? (stability.unstable ? 'unstable' : 'stable') : 'none',
      stability: stability ? formatShare(t, stability.stability) : '',
    });
    items.push({ kind: 'heading', text: heading, color: color(g) });
    if (g.repness.length === 0) items.push({ kind: 'note', text: t.t('chart.panel.noRepness') });
    for (const entry of g.repness) {
      const j = at(entry.statement);
      const mine = tallyAt(g.tallies, j);
      const others = sumTallies(result.groups.filter((o) => o.id !== g.id).map((o) => tallyAt(o.tallies, j)));
      const support = index?.repness(g.id, entry.statement, entry.repfulFor);
      const flag = index && robustnessFlag(t, support, { key: 'chart.flag.repness', values: { label: g.label } }, index.uncertainty.resamples, index.uncertainty.robustThreshold);
      const groupName = t.t('chart.group', { label: g.label });
      items.push({
        kind: 'block',
        datum: {
          text: text(entry.statement),
          note: t.t('chart.panel.note', { label: g.label, side: entry.repfulFor }),
          ...(flag && { flag }),
          rows: [
            { label: groupName, color: color(g), tally: mine },
            { label: t.t('chart.everyoneElse'), tally: others },
          ],
        },
      });
      rows.push([text(entry.statement), groupName, t.t('chart.lean', { side: entry.repfulFor }), ...pct(mine), ...pct(others), ...(index ? [robustnessCell(t, support)] : [])]);
    }
  }
  if (groups.length === 0) items.push({ kind: 'note', text: t.t('chart.panel.none') });
  const title = options.title ?? t.t('chart.panel.title');
  return blockChart(items, {
    document,
    width,
    margin,
    className: 'kuulo-group-panel',
    idKind: 'group-panel',
    title,
    description:
      options.description ??
      (groups.length === 0
        ? t.t('chart.panel.none')
        : [
            t.t('chart.panel.desc', { count: groups.length, groups: t.list(groups.map((g) => t.t('chart.panel.groupCount', { label: g.label, count: g.repness.length })), 'unit') }),
            ...(index ? [uncertaintySentence(t, groups, index)] : []),
          ].join(' ')),
    table: {
      caption: t.t('chart.panel.tableCaption', { title }),
      columns: [
        'statement', 'group', 'groupLeans', 'groupAgree', 'groupDisagree', 'groupPass', 'groupVotes', 'othersAgree', 'othersDisagree', 'othersPass', 'othersVotes', ...(index ? ['robust'] : []),
      ].map((c) => t.t(`chart.column.${c}`)),
      rows,
    },
    t,
    ...(options.target ? { target: options.target } : {}),
  });
}

/** What the bootstrap says about the shown groups and their statements, for the description. */
function uncertaintySentence(t: Translator, groups: readonly GroupResult[], index: UncertaintyIndex): string {
  const { resamples, robustThreshold } = index.uncertainty;
  const entries = groups.flatMap((g) => g.repness.map((e) => index.repness(g.id, e.statement, e.repfulFor)));
  return t.t('chart.panel.desc.uncertainty', {
    resamples,
    verdicts: groupVerdicts(t, groups, (id) => index.group(id)),
    threshold: index.stabilityThreshold,
    weak: entries.filter((s) => s && !s.robust).length,
    total: entries.length,
    least: wholePercent(t, Math.round(100 * robustThreshold)),
  });
}
