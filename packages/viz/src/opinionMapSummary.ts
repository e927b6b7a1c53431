import type { ParticipantView, ParticipantViewGroup } from '@kuulo/core';
import { setDataTable, setTitleAndDesc } from './accessibility';
import { chartId } from './chartId';
import { checkNumber, checkShare } from './checkOption';
import { constant } from './constant';
import { createSvg } from './createSvg';
import { layer } from './layer';
import { groupHulls } from './marks/groupHulls';
import { groupLabels } from './marks/groupLabels';
import { youAreHere } from './marks/youAreHere';
import { opinionMapSummaryLayout, type SummaryLayout, type SummaryYou } from './opinionMapSummaryLayout';
import { groupColor } from './palette';
import { resolveDocument } from './resolveDocument';
import { statementLabeler, type StatementText } from './statementLabeler';
import { svgNamespace } from './svgNamespace';
import { defaultStabilityThreshold, formatShare, type GroupStability } from './uncertaintyIndex';

/** Options of `opinionMapSummary`; each field states its default. */
export interface OpinionMapSummaryOptions {
  /** Document to create elements in. Default `globalThis.document`; pass jsdom's on a server. */
  document?: Document;
  /** Width in pixels. Default 640. */
  width?: number;
  /** Height in pixels. Default 480. */
  height?: number;
  /** Space around the map, room for group labels. Default 40. */
  margin?: number;
  /** The current participant's place (the server's `you`), marked "You". Default none. */
  you?: SummaryYou | null;
  /**
   * Bootstrap stability per group (the server's `uncertainty.groups`), matched to the view's groups by
   * id: a group below `stabilityThreshold` gets a dashed hull and "unstable 0.62" in its label, and the
   * description and data table state every stability. Default none.
   */
  stability?: readonly { id: number; stability: number }[];
  /** Groups whose stability is below this are drawn as unstable. Default 0.75 (`defaultStabilityThreshold`, Hennig's "stable"), as `opinionMap`. */
  stabilityThreshold?: number;
  /** Statement texts by id, for the data table. Default "Statement <id>". */
  statementText?: StatementText;
  /** Colour per group, a constant or a function of the view's group. Default: Okabe–Ito by group id (as opinionMap). */
  groupColor?: string | ((group: ParticipantViewGroup) => string);
  /** Chart title. Default "Opinion map". */
  title?: string;
  /** Text description. Default: generated from the view (groups, sizes, your group). */
  description?: string;
  /** Note under the map; '' for none. Default explains the outlines in one sentence, and dashed ones in another when a group is unstable. */
  caption?: string;
  /** A map drawn before, to update in place (as `liveChart` does). Default none: a new <svg>. */
  target?: SVGSVGElement;
  /** Transition length in ms when updating `target`. Default 0. */
  duration?: number;
}

const defaults = {
  width: 640,
  height: 480,
  margin: 40,
  title: 'Opinion map',
  caption: 'Each outline is an opinion group. People who voted alike are close together.',
  unstableCaption: 'A dashed outline is a group that often came out differently when the votes were resampled.',
  duration: 0,
};

/** Checks the parts of a ParticipantView the map reads, once, naming the field and value. */
function validateView(view: ParticipantView, where: string): void {
  if (view === null || typeof view !== 'object' || view.format !== 'kuulo-participant-view@1') {
    throw new Error(`${where}: view must be a ParticipantView (format 'kuulo-participant-view@1'), got ${view === null || typeof view !== 'object' ? String(view) : JSON.stringify(view.format)}`);
  }
  if (!Array.isArray(view.groups)) throw new Error(`${where}: view.groups must be an array, got ${typeof view.groups}`);
  const ids = new Set<number>();
  view.groups.forEach((g, i) => {
    if (!Number.isInteger(g.id) || g.id < 0 || ids.has(g.id)) throw new Error(`${where}: view.groups[${i}].id must be a distinct non-negative integer, got ${g.id}`);
    ids.add(g.id);
    if (!Array.isArray(g.hull) || g.hull.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
      throw new Error(`${where}: view.groups[${i}].hull must be a list of [x, y] numbers`);
    }
  });
  for (const axis of ['x', 'y'] as const) {
    const e = view.extent?.[axis];
    if (!Array.isArray(e) || !Number.isFinite(e[0]) || !Number.isFinite(e[1])) throw new Error(`${where}: view.extent.${axis} must be [min, max], got ${JSON.stringify(e)}`);
  }
}

/** Checks `options.stability` and indexes it by group id, marking groups below `threshold`. */
function stabilityIndex(stability: OpinionMapSummaryOptions['stability'], threshold: number, where: string): Map<number, GroupStability> {
  if (stability === undefined) return new Map();
  if (!Array.isArray(stability)) throw new Error(`${where}: options.stability must be an array of { id, stability }, got ${typeof stability}`);
  return new Map(
    stability.map((s, i) => {
      if (!Number.isInteger(s?.id) || typeof s.stability !== 'number' || !(s.stability >= 0 && s.stability <= 1)) {
        throw new Error(`${where}: options.stability[${i}] must be { id: integer, stability: number in [0, 1] }, got ${JSON.stringify(s)}`);
      }
      return [s.id, { stability: s.stability, unstable: s.stability < threshold }];
    }),
  );
}

/** The groups' stabilities and what the dashed outlines mean, for the description; '' without any. */
function describeStability(groups: readonly ParticipantViewGroup[], stability: ReadonlyMap<number, GroupStability>, threshold: number): string {
  const known = groups.filter((g) => stability.has(g.id));
  if (known.length === 0) return '';
  const verdicts = known.map((g) => `${g.label} ${formatShare(stability.get(g.id)!.stability)}${stability.get(g.id)!.unstable ? ' (unstable)' : ''}`);
  const unstable = known.filter((g) => stability.get(g.id)!.unstable).length;
  return [
    `Group stability when the votes are resampled: ${verdicts.join(', ')}.`,
    unstable > 0 ? `${unstable} group${unstable === 1 ? ' is' : 's are'} below ${threshold} and drawn with a dashed outline.` : `Every group reaches ${threshold}.`,
  ].join(' ');
}

function describe(view: ParticipantView, layout: SummaryLayout, withYou: boolean, stability: ReadonlyMap<number, GroupStability>, threshold: number): string {
  const groups = [...view.groups].sort((a, b) => a.id - b.id);
  const n = view.counts.participants;
  const parts = [
    `Opinion map of ${n} participant${n === 1 ? '' : 's'}${groups.length ? ` in ${groups.length} opinion group${groups.length === 1 ? '' : 's'}: ${groups.map((g) => `${g.label} (${g.size})`).join(', ')}` : ', not yet divided into groups'}.`,
    'Participants who voted alike are placed close together; each group is drawn as an outline around its members.',
  ];
  if (view.hullCoverage < 1) parts.push(`Each outline encloses the ${Math.round(view.hullCoverage * 100)}% of its group nearest the group's middle.`);
  if (view.counts.ungrouped > 0) parts.push(`${view.counts.ungrouped} participant${view.counts.ungrouped === 1 ? ' is' : 's are'} not in a group yet.`);
  const stable = describeStability(groups, stability, threshold);
  if (stable) parts.push(stable);
  if (withYou) parts.push(layout.you === null ? 'You are not on the map yet.' : layout.you.groupLabel === null ? 'You are not in a group yet.' : `You are in group ${layout.you.groupLabel}.`);
  return parts.join(' ');
}

/**
 * The opinion map of a participant's page, drawn from a `ParticipantView` (core's `participantView`,
 * served by GET …/math/participant) instead of a full result: group outlines with "A (n)" labels and
 * "You", no dot per participant, so it costs the same at 20 and 20,000 participants. Returns an <svg>
 * with a title, description and data table. Group colours key on group id, as `opinionMap`'s do.
 * With `stability` (from a bootstrap), unstable groups are dashed and labelled as `opinionMap` marks them.
 */
export function opinionMapSummary(view: ParticipantView, options: OpinionMapSummaryOptions = {}): SVGSVGElement {
  const where = 'opinionMapSummary';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateView(view, where);
  const width = checkNumber(where, 'width', options.width ?? defaults.width, 1);
  const height = checkNumber(where, 'height', options.height ?? defaults.height, 1);
  const margin = checkNumber(where, 'margin', options.margin ?? defaults.margin, 0);
  const duration = checkNumber(where, 'duration', options.duration ?? defaults.duration, 0);
  if (2 * margin >= Math.min(width, height)) throw new Error(`${where}: options.margin ${margin} leaves no room in a ${width}×${height} chart`);
  const you = options.you ?? null;
  if (you !== null && (!Number.isFinite(you.x) || !Number.isFinite(you.y))) throw new Error(`${where}: options.you must have finite x and y, got ${JSON.stringify(you)}`);
  const colorOption = options.groupColor;
  if (colorOption !== undefined && typeof colorOption !== 'string' && typeof colorOption !== 'function') {
    throw new Error(`${where}: options.groupColor must be a colour string or a function of the group, got ${typeof colorOption}`);
  }
  const color = colorOption === undefined ? (g: ParticipantViewGroup) => groupColor(g.id) : typeof colorOption === 'string' ? constant(colorOption) : colorOption;
  const text = statementLabeler(options.statementText);
  const threshold = checkShare(where, 'stabilityThreshold', options.stabilityThreshold ?? defaultStabilityThreshold);
  const stability = stabilityIndex(options.stability, threshold, where);
  const layout = opinionMapSummaryLayout(view, { width, height, margin, you, groupColor: color, stability });

  const svg = createSvg(document, width, height, 'kuulo-opinion-map kuulo-opinion-map-summary', options.target);
  const id = svg.getAttribute('data-chart-id') ?? chartId(document, 'opinion-map');
  svg.setAttribute('data-chart-id', id);
  setTitleAndDesc(svg, id, options.title ?? defaults.title, options.description ?? describe(view, layout, options.you !== undefined, stability, threshold));
  const viewport = layer(svg, 'kuulo-viewport');
  const mark = { document, duration };
  groupHulls(layout.hulls, { ...mark, target: layer(viewport, 'kuulo-hulls') });
  groupLabels(layout.labels, { ...mark, target: layer(viewport, 'kuulo-labels') });
  youAreHere(layout.you, { ...mark, target: layer(viewport, 'kuulo-you'), width });

  // The caption stays outside the zoomed viewport so it never scales or pans away.
  const captionLayer = layer(svg, 'kuulo-caption');
  captionLayer.setAttribute('aria-hidden', 'true');
  const captionText = captionLayer.firstElementChild ?? captionLayer.appendChild(document.createElementNS(svgNamespace, 'text'));
  captionText.setAttribute('x', '8');
  captionText.setAttribute('y', String(height - 8));
  captionText.setAttribute('font-size', '11');
  captionText.setAttribute('fill', '#555555');
  captionText.textContent = options.caption ?? (layout.hulls.some((h) => h.unstable) ? `${defaults.caption} ${defaults.unstableCaption}` : defaults.caption);

  const withStability = stability.size > 0;
  const stabilityCell = (gid: number): string[] => {
    if (!withStability) return [];
    const s = stability.get(gid);
    return [s ? `${formatShare(s.stability)}${s.unstable ? ' (unstable)' : ''}` : '–'];
  };
  setDataTable(svg, id, {
    caption: `${options.title ?? defaults.title}: opinion groups`,
    columns: ['Group', 'Participants', ...(withStability ? ['Stability'] : []), 'Most representative statement'],
    rows: [
      ...[...view.groups]
        .sort((a, b) => a.id - b.id)
        .map((g) => {
          const top = g.repness[0];
          const share = top && top.nTrials > 0 ? Math.round((100 * top.nSuccess) / top.nTrials) : 0;
          return [`Group ${g.label}`, g.size, ...stabilityCell(g.id), top ? `${text(top.statement)} (${share}% of the group ${top.repfulFor})` : 'none'];
        }),
      ...(view.counts.ungrouped > 0 ? [['Not in a group', view.counts.ungrouped, ...(withStability ? ['–'] : []), 'none']] : []),
    ],
  });
  return svg;
}
