import { setDataTable, setTitleAndDesc } from './accessibility';
import type { ChartLanguageOptions } from './chartLanguage';
import { chartId } from './chartId';
import { checkNumber, checkShare } from './checkOption';
import { confidenceSummary } from './confidenceSummary';
import { createSvg } from './createSvg';
import { groupColorAccessor, type GroupColorOption } from './groupColorAccessor';
import { groupVerdicts, mapOverview, stabilityCell, unstableSentence, youSentence } from './groupText';
import { vizTranslator, type Translator } from './i18n';
import { formatShare, wholePercent } from './numberText';
import type { KuuloResult, ParticipantId, StatementId } from '@kuulo/core';
import { layer } from './layer';
import { densityContours } from './marks/densityContours';
import { groupHulls } from './marks/groupHulls';
import { groupLabels } from './marks/groupLabels';
import { participantDots } from './marks/participantDots';
import { statementPoints } from './marks/statementPoints';
import { youAreHere } from './marks/youAreHere';
import { opinionMapLayout, type MapLayout } from './opinionMapLayout';
import { resolveDocument } from './resolveDocument';
import { statementLabeler, type StatementText } from './statementLabeler';
import { svgNamespace } from './svgNamespace';
import { defaultStabilityThreshold, uncertaintyIndex, type UncertaintyIndex } from './uncertaintyIndex';
import { validateResult } from './validateResult';

/** Options of `opinionMap`; each field states its default. */
export interface OpinionMapOptions extends ChartLanguageOptions {
  /** Document to create elements in. Default `globalThis.document`; pass jsdom's on a server. */
  document?: Document;
  /** Width in pixels. Default 640. */
  width?: number;
  /** Height in pixels. Default 480. */
  height?: number;
  /** Space around the plotted points, room for group labels. Default 40. */
  margin?: number;
  /** The current participant's id, marked "You". Default none. */
  you?: ParticipantId;
  /** Mark statement positions: true for all (moderated-out and meta excluded) or a list of ids. Default false. */
  statements?: boolean | readonly StatementId[];
  /** Statement texts by id. Default "Statement <id>". */
  statementText?: StatementText;
  /** Above this many participants, draw density contours instead of dots. Default 2000. */
  densityThreshold?: number;
  /** Dot radius in pixels. Default: 4.5 for up to 200 participants, shrinking to 2 for more. */
  dotRadius?: number;
  /**
   * Share (0..1] of each group's members its area is drawn around: the group's core (core's `coreHulls`:
   * outer hull layers peeled off, members nearer another group's median left out), padded, never
   * overlapping another group's area. Default `defaultCoreShare` (2/3). 1 is Polis's hull of every member.
   */
  hullCoverage?: number;
  /** Show participants who are not in a group yet, in grey. Default true. */
  showUngrouped?: boolean;
  /** With `result.uncertainty`: fade participants by membership confidence and mark unstable groups. Default true. */
  uncertainty?: boolean;
  /** Opacity of a participant whose membership confidence is 0; opacity = minOpacity + (1 − minOpacity) × confidence. Default 0.2. */
  minOpacity?: number;
  /** Groups whose bootstrap stability is below this get a dashed hull and "unstable" in their label. Default 0.75 (Hennig's "stable"). */
  stabilityThreshold?: number;
  /** Colour per group, a constant or a function of the group. Default: Okabe–Ito by group id. */
  groupColor?: GroupColorOption;
  /** Chart title. Default "Opinion map". */
  title?: string;
  /** Text description. Default: generated from the result (groups, sizes, your group). */
  description?: string;
  /** Note under the map; '' for none. Default explains dots (or shading in density mode) in one sentence. */
  caption?: string;
  /** A map drawn before, to update in place (used by `liveChart`). Default none: a new <svg>. */
  target?: SVGSVGElement;
  /** Transition length in ms when updating `target`. Default 0. */
  duration?: number;
}

const defaults = {
  width: 640,
  height: 480,
  margin: 40,
  statements: false as boolean | readonly StatementId[],
  densityThreshold: 2000,
  showUngrouped: true,
  minOpacity: 0.2,
  duration: 0,
};

/** Membership confidence at which the description and table count a participant as confident (confidenceSummary's default). */
const confidentAt = 0.9;

function describe(t: Translator, result: KuuloResult, layout: MapLayout, you: ParticipantId | undefined, index: UncertaintyIndex | null): string {
  const groups = [...result.groups].sort((a, b) => a.id - b.id);
  const parts = [mapOverview(t, result.participants.length, groups), t.t('chart.map.desc.alike')];
  if (layout.ungrouped > 0) parts.push(t.t('chart.map.desc.ungrouped', { count: layout.ungrouped }));
  if (layout.density) parts.push(t.t('chart.map.desc.density'));
  if (layout.statements.length > 0) parts.push(t.t('chart.map.desc.statements', { count: layout.statements.length }));
  if (index) parts.push(describeUncertainty(t, result, layout, index));
  if (you !== undefined) parts.push(youSentence(t, layout.you));
  return parts.join(' ');
}

/** The bootstrap's verdict on the groups and how to read the faded dots, for the description. */
function describeUncertainty(t: Translator, result: KuuloResult, layout: MapLayout, index: UncertaintyIndex): string {
  const groups = [...result.groups].sort((a, b) => a.id - b.id);
  const unstable = groups.filter((g) => index.group(g.id)!.unstable).length;
  const summary = confidenceSummary(result, { confidentAt })!;
  const share = summary.measured > 0 ? Math.round((100 * summary.confident) / summary.measured) : 0;
  return [
    t.t('chart.map.desc.uncertainty', { resamples: index.uncertainty.resamples, verdicts: groupVerdicts(t, groups, (id) => index.group(id)) || t.t('chart.none') }),
    unstableSentence(t, unstable, index.stabilityThreshold),
    t.t('chart.map.desc.confidence', {
      share: wholePercent(t, share),
      confident: summary.confident,
      measured: summary.measured,
      least: t.percent(confidentAt),
      density: layout.density ? 'yes' : 'no',
    }),
  ].join(' ');
}

/**
 * The opinion map: participants (dots, or density contours above `densityThreshold`), group
 * hulls with "A (n)" labels, optionally "You" and statement positions. Returns an <svg> with a
 * title, description and data table. Group colours key on group id, so they stay put across updates.
 * With `result.uncertainty`, dots fade by membership confidence and unstable groups are dashed.
 */
export function opinionMap(result: KuuloResult, options: OpinionMapOptions = {}): SVGSVGElement {
  const where = 'opinionMap';
  const document = resolveDocument(options.document ?? options.target?.ownerDocument, where);
  validateResult(result, where);
  const width = checkNumber(where, 'width', options.width ?? defaults.width, 1);
  const height = checkNumber(where, 'height', options.height ?? defaults.height, 1);
  const margin = checkNumber(where, 'margin', options.margin ?? defaults.margin, 0);
  const densityThreshold = checkNumber(where, 'densityThreshold', options.densityThreshold ?? defaults.densityThreshold, 0);
  const duration = checkNumber(where, 'duration', options.duration ?? defaults.duration, 0);
  if (options.dotRadius !== undefined) checkNumber(where, 'dotRadius', options.dotRadius, 0);
  if (options.hullCoverage !== undefined && !(options.hullCoverage > 0 && options.hullCoverage <= 1)) {
    throw new Error(`${where}: options.hullCoverage must be in (0, 1], got ${options.hullCoverage}`);
  }
  if (2 * margin >= Math.min(width, height)) throw new Error(`${where}: options.margin ${margin} leaves no room in a ${width}×${height} chart`);
  const color = groupColorAccessor(options.groupColor);
  const statementOption = options.statements ?? defaults.statements;
  const t = vizTranslator(options.locale, options.messages);
  const statementLabel = statementLabeler(options.statementText, t);
  const stabilityThreshold = checkShare(where, 'stabilityThreshold', options.stabilityThreshold ?? defaultStabilityThreshold);
  const minOpacity = checkShare(where, 'minOpacity', options.minOpacity ?? defaults.minOpacity);
  const index = options.uncertainty === false ? null : uncertaintyIndex(result, stabilityThreshold);
  const layout = opinionMapLayout(result, {
    width,
    height,
    margin,
    you: options.you,
    statements: new Set(statementOption === true ? result.statements : statementOption === false ? [] : statementOption),
    statementLabel,
    densityThreshold,
    dotRadius: options.dotRadius,
    showUngrouped: options.showUngrouped ?? defaults.showUngrouped,
    groupColor: color,
    hullCoverage: options.hullCoverage,
    uncertainty: index,
    minOpacity,
    t,
  });

  const svg = createSvg(document, width, height, 'kuulo-opinion-map', t.lang, options.target);
  const id = svg.getAttribute('data-chart-id') ?? chartId(document, 'opinion-map');
  svg.setAttribute('data-chart-id', id);
  const title = options.title ?? t.t('chart.map.title');
  setTitleAndDesc(svg, id, title, options.description ?? describe(t, result, layout, options.you, index));
  const viewport = layer(svg, 'kuulo-viewport');
  const mark = { document, duration };
  densityContours(layout.densityGroups, { ...mark, target: layer(viewport, 'kuulo-density'), width, height, bandwidth: layout.bandwidth });
  groupHulls(layout.hulls, { ...mark, target: layer(viewport, 'kuulo-hulls') });
  participantDots(layout.dots, { ...mark, target: layer(viewport, 'kuulo-participants') });
  statementPoints(layout.statements, { ...mark, target: layer(viewport, 'kuulo-statements'), t });
  groupLabels(layout.labels, { ...mark, target: layer(viewport, 'kuulo-labels') });
  youAreHere(layout.you, { ...mark, target: layer(viewport, 'kuulo-you'), width, t });

  // The caption stays outside the zoomed viewport so it never scales or pans away.
  const caption = options.caption ?? t.t(layout.density ? 'chart.map.densityCaption' : 'chart.map.caption');
  const captionLayer = layer(svg, 'kuulo-caption');
  captionLayer.setAttribute('aria-hidden', 'true');
  const captionText = captionLayer.firstElementChild ?? captionLayer.appendChild(document.createElementNS(svgNamespace, 'text'));
  captionText.setAttribute('x', '8');
  captionText.setAttribute('y', String(height - 8));
  captionText.setAttribute('font-size', '11');
  captionText.setAttribute('fill', '#555555');
  captionText.textContent = caption;

  const text = statementLabel;
  const summary = index && confidenceSummary(result, { confidentAt });
  const uncertaintyCells = (id: number): (string | number)[] => {
    if (!index || !summary) return [];
    const c = summary.groups.find((g) => g.id === id);
    return [
      stabilityCell(t, index.group(id)),
      c && c.measured > 0 ? t.t('chart.countOf', { count: c.confident, total: c.measured }) : '–',
      c && c.median !== null ? formatShare(t, c.median) : '–',
    ];
  };
  setDataTable(svg, id, {
    caption: t.t('chart.map.tableCaption', { title }),
    columns: [
      t.t('chart.column.group'),
      t.t('chart.column.participants'),
      ...(index ? [t.t('chart.column.stability'), t.t('chart.column.confidentMembers', { threshold: confidentAt }), t.t('chart.column.medianConfidence')] : []),
      t.t('chart.column.topStatement'),
    ],
    rows: [
      ...[...result.groups].sort((a, b) => a.id - b.id).map((g) => {
        const top = g.repness[0];
        const share = top && top.nTrials > 0 ? Math.round((100 * top.nSuccess) / top.nTrials) : 0;
        return [
          t.t('chart.group', { label: g.label }),
          t.number(g.size),
          ...uncertaintyCells(g.id),
          top ? t.t('chart.map.topStatement', { statement: text(top.statement), share: wholePercent(t, share), side: top.repfulFor }) : t.t('chart.none'),
        ];
      }),
      ...(layout.ungrouped > 0 ? [[t.t('chart.notInGroup'), t.number(layout.ungrouped), ...(index ? ['–', '–', '–'] : []), t.t('chart.none')]] : []),
    ],
  });
  return svg;
}
