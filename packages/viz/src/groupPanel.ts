import { blockChart, type ChartItem } from './blockChart';
import { checkNumber, checkShare } from './checkOption';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import type { GroupResult, KuuloResult, StatementId } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';
import { robustnessCell, robustnessFlag } from './robustnessFlag';
import { statementIndex } from './statementIndex';
import { statementLabeler, type StatementText } from './statementLabeler';
import { sumTallies, tallyAt, tallyPercents, type Tally } from './tally';
import { defaultStabilityThreshold, formatShare, uncertaintyIndex, type UncertaintyIndex } from './uncertaintyIndex';
import { validateResult } from './validateResult';

/** Options of `groupPanel`; each field states its default. */
export interface GroupPanelOptions {
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
  const text = statementLabeler(options.statementText);
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
  const pct = (t: Tally): number[] => {
    const p = tallyPercents(t);
    return [p.agree, p.disagree, p.pass, t.seen];
  };
  for (const g of groups) {
    const stability = index?.group(g.id);
    const stabilityText = stability ? ` · ${stability.unstable ? 'unstable, ' : ''}stability ${formatShare(stability.stability)}` : '';
    items.push({ kind: 'heading', text: `Group ${g.label} · ${g.size} participant${g.size === 1 ? '' : 's'}${stabilityText}`, color: color(g) });
    if (g.repness.length === 0) items.push({ kind: 'note', text: 'No statement sets this group apart yet.' });
    for (const entry of g.repness) {
      const j = at(entry.statement);
      const mine = tallyAt(g.tallies, j);
      const others = sumTallies(result.groups.filter((o) => o.id !== g.id).map((o) => tallyAt(o.tallies, j)));
      const verb = entry.repfulFor === 'agree' ? 'agrees' : 'disagrees';
      const support = index?.repness(g.id, entry.statement, entry.repfulFor);
      const flag = index && robustnessFlag(support, `stayed representative of group ${g.label}`, index.uncertainty.resamples, index.uncertainty.robustThreshold);
      items.push({
        kind: 'block',
        datum: {
          text: text(entry.statement),
          note: `Group ${g.label} ${verb} more than everyone else`,
          ...(flag && { flag }),
          rows: [
            { label: `Group ${g.label}`, color: color(g), tally: mine },
            { label: 'Everyone else', tally: others },
          ],
        },
      });
      rows.push([text(entry.statement), `Group ${g.label}`, entry.repfulFor, ...pct(mine), ...pct(others), ...(index ? [robustnessCell(support)] : [])]);
    }
  }
  if (groups.length === 0) items.push({ kind: 'note', text: 'There are no opinion groups yet.' });
  const title = options.title ?? 'Opinion groups';
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
        ? 'There are no opinion groups yet.'
        : `The statements that set each of ${groups.length} opinion group${groups.length === 1 ? '' : 's'} apart (${groups.map((g) => `${g.label}: ${g.repness.length}`).join(', ')}), with bars of how the group voted (agree, disagree, pass) and how everyone in the other groups voted.${index ? ` ${uncertaintySentence(groups, index)}` : ''}`),
    table: {
      caption: `${title}: representative statements`,
      columns: ['Statement', 'Group', 'Group leans', 'Group agree %', 'Group disagree %', 'Group pass %', 'Group votes', 'Others agree %', 'Others disagree %', 'Others pass %', 'Others votes', ...(index ? ['Robust (support)'] : [])],
      rows,
    },
    ...(options.target ? { target: options.target } : {}),
  });
}

/** What the bootstrap says about the shown groups and their statements, for the description. */
function uncertaintySentence(groups: readonly GroupResult[], index: UncertaintyIndex): string {
  const { resamples, robustThreshold } = index.uncertainty;
  const stabilities = groups.map((g) => {
    const s = index.group(g.id);
    return s ? `${g.label} ${formatShare(s.stability)}${s.unstable ? ' (unstable)' : ''}` : `${g.label} unknown`;
  });
  const entries = groups.flatMap((g) => g.repness.map((e) => index.repness(g.id, e.statement, e.repfulFor)));
  const weak = entries.filter((s) => s && !s.robust).length;
  return `Over ${resamples} bootstrap resamples the groups' stability is ${stabilities.join(', ')}; groups below ${index.stabilityThreshold} are unstable. ${weak} of ${entries.length} representative statements are not robust (they held in fewer than ${Math.round(100 * robustThreshold)}% of the resamples) and are marked.`;
}
