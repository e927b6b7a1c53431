import type { ParticipantView, ParticipantViewGroup } from '@kuulo/core';
import { setDataTable, setTitleAndDesc } from './accessibility';
import type { ChartLanguageOptions } from './chartLanguage';
import { chartId } from './chartId';
import { checkNumber, checkShare } from './checkOption';
import { constant } from './constant';
import { createSvg } from './createSvg';
import { groupVerdicts, mapOverview, stabilityCell, unstableSentence, youSentence } from './groupText';
import { vizTranslator, type Translator } from './i18n';
import { layer } from './layer';
import { groupHulls } from './marks/groupHulls';
import { groupLabels } from './marks/groupLabels';
import { youAreHere } from './marks/youAreHere';
import { opinionMapSummaryLayout, type SummaryLayout, type SummaryYou } from './opinionMapSummaryLayout';
import { groupColor } from './palette';
import { resolveDocument } from './resolveDocument';
import { statementLabeler, type StatementText } from './statementLabeler';
import { svgNamespace } from './svgNamespace';
import { wholePercent } from './numberText';
import { defaultStabilityThreshold, type GroupStability } from './uncertaintyIndex';

/** Options of `opinionMapSummary`; each field states its default. */
export interface OpinionMapSummaryOptions extends ChartLanguageOptions {
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
function describeStability(t: Translator, groups: readonly ParticipantViewGroup[], stability: ReadonlyMap<number, GroupStability>, threshold: number): string {
  const known = groups.filter((g) => stability.has(g.id));
  if (known.length === 0) return '';
  const unstable = known.filter((g) => stability.get(g.id)!.unstable).length;
  return [
    t.t('chart.summary.desc.stability', { verdicts: groupVerdicts(t, known, (id) => stability.get(id)) }),
    unstableSentence(t, unstable, threshold),
  ].join(' ');
}

function describe(t: Translator, view: ParticipantView, layout: SummaryLayout, withYou: boolean, stability: ReadonlyMap<number, GroupStability>, threshold: number): string {
  const groups = [...view.groups].sort((a, b) => a.id - b.id);
  const parts = [mapOverview(t, view.counts.participants, groups), t.t('chart.summary.desc.alike')];
  if (view.hullCoverage < 1) parts.push(t.t('chart.summary.desc.coverage', { share: wholePercent(t, Math.round(view.hullCoverage * 100)) }));
  if (view.counts.ungrouped > 0) parts.push(t.t('chart.map.desc.ungrouped', { count: view.counts.ungrouped }));
  const stable = describeStability(t, groups, stability, threshold);
  if (stable) parts.push(stable);
  if (withYou) parts.push(youSentence(t, layout.you));
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
  const t = vizTranslator(options.locale, options.messages);
  const text = statementLabeler(options.statementText, t);
  const threshold = checkShare(where, 'stabilityThreshold', options.stabilityThreshold ?? defaultStabilityThreshold);
  const stability = stabilityIndex(options.stability, threshold, where);
  const layout = opinionMapSummaryLayout(view, { width, height, margin, you, groupColor: color, stability, t });

  const svg = createSvg(document, width, height, 'kuulo-opinion-map kuulo-opinion-map-summary', t.lang, options.target);
  const id = svg.getAttribute('data-chart-id') ?? chartId(document, 'opinion-map');
  svg.setAttribute('data-chart-id', id);
  const title = options.title ?? t.t('chart.map.title');
  setTitleAndDesc(svg, id, title, options.description ?? describe(t, view, layout, options.you !== undefined, stability, threshold));
  const viewport = layer(svg, 'kuulo-viewport');
  const mark = { document, duration };
  groupHulls(layout.hulls, { ...mark, target: layer(viewport, 'kuulo-hulls') });
  groupLabels(layout.labels, { ...mark, target: layer(viewport, 'kuulo-labels') });
  youAreHere(layout.you, { ...mark, target: layer(viewport, 'kuulo-you'), width, t });

  // The caption stays outside the zoomed viewport so it never scales or pans away.
  const captionLayer = layer(svg, 'kuulo-caption');
  captionLayer.setAttribute('aria-hidden', 'true');
  const captionText = captionLayer.firstElementChild ?? captionLayer.appendChild(document.createElementNS(svgNamespace, 'text'));
  captionText.setAttribute('x', '8');
  captionText.setAttribute('y', String(height - 8));
  captionText.setAttribute('font-size', '11');
  captionText.setAttribute('fill', '#555555');
  captionText.textContent = options.caption ?? [t.t('chart.summary.caption'), ...(layout.hulls.some((h) => h.unstable) ? [t.t('chart.summary.unstableCaption')] : [])].join(' ');

  const withStability = stability.size > 0;
  setDataTable(svg, id, {
    caption: t.t('chart.map.tableCaption', { title }),
    columns: [t.t('chart.column.group'), t.t('chart.column.participants'), ...(withStability ? [t.t('chart.column.stability')] : []), t.t('chart.column.topStatement')],
    rows: [
      ...[...view.groups]
        .sort((a, b) => a.id - b.id)
        .map((g) => {
          const top = g.repness[0];
          const share = top && top.nTrials > 0 ? Math.round((100 * top.nSuccess) / top.nTrials) : 0;
          return [
            t.t('chart.group', { label: g.label }),
            t.number(g.size),
            ...(withStability ? [stabilityCell(t, stability.get(g.id))] : []),
            top ? t.t('chart.map.topStatement', { statement: text(top.statement), share: wholePercent(t, share), side: top.repfulFor }) : t.t('chart.none'),
          ];
        }),
      ...(view.counts.ungrouped > 0 ? [[t.t('chart.notInGroup'), t.number(view.counts.ungrouped), ...(withStability ? ['–'] : []), t.t('chart.none')]] : []),
    ],
  });
  return svg;
}
