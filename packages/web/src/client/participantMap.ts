import type { ParticipantView, StatementId } from '@kuulo/core';
import { defaultStabilityThreshold, liveChart, opinionMapSummary, type ChartController, type SummaryYou, type Translator } from '@kuulo/viz';
import type { ParticipantMathReply, ParticipantUncertainty, Statement } from './apiTypes';
import { chartWidth } from './chartWidth';
import { disclosure } from './disclosure';
import { el, uniqueId } from './el';
import { groupDetails, majorityView } from './groupDetails';
import { groupVoteThreshold, votesToJoin, type VoteProgress } from './groupJoin';
import { groupPicker } from './groupPicker';
import { stabilityVerdict } from './stabilityVerdict';
import { shownText } from './statementText';
import { viewPrivacy } from './viewPrivacy';

export interface ParticipantMapOptions {
  /** The reader's translator: the chart's, the caption's and the statements' language. */
  t: Translator;
  /** The participant's pid, read at every update; undefined while they have not voted. */
  you: () => number | undefined;
  /** A statement by id; undefined while unknown (or hidden from participants). */
  statement: (id: StatementId) => Statement | undefined;
  /** Zoom and pan. Default: on, except with a coarse pointer (a finger would trap page scrolling). */
  zoom?: boolean;
  /** The participant's own votes so far, read at every update, for "vote on N more statements". Default none (not said). */
  progress?: () => VoteProgress | undefined;
}

export interface ParticipantMap {
  /** Draws the first reply or animates to a new one; a reply without groups takes the map away. */
  show(reply: ParticipantMathReply): void;
  /** Redraws the lists, the legend and the map's table with the texts and votes known now (texts arrived or were withdrawn, the participant voted). */
  texts(): void;
  destroy(): void;
}

/** Chart data: the view, the participant's place drawn on it (undefined: not identified, so no "You" sentence) and any bootstrap stabilities. */
interface Drawn {
  view: ParticipantView;
  you: SummaryYou | null | undefined;
  stability: ParticipantUncertainty['groups'] | undefined;
}

/** The note under the map: what the outlines are and, with a bootstrap, how the groups held and what a dashed outline means. */
export function mapCaption(reply: ParticipantMathReply, t: Translator): string {
  const caption = t.t('participant.map.caption');
  const u = reply.uncertainty;
  if (!u) return caption;
  // Match stabilities to the view's groups by id, never by position.
  const byId = new Map(u.groups.map((g) => [g.id, g.stability]));
  const groups = reply.view.groups.filter((g) => byId.has(g.id)).map((g) => ({ label: g.label, stability: byId.get(g.id)! }));
  if (groups.length === 0) return caption;
  const dashed = groups.some((g) => g.stability < defaultStabilityThreshold);
  return [caption, stabilityVerdict(groups, u.resamples, t), ...(dashed ? [t.t('participant.map.dashed')] : [])].join(' ');
}

/** The statements a reply refers to (its groups' and consensus lists), for fetching their texts. */
export function referencedStatements(view: ParticipantView): StatementId[] {
  const ids = [...view.groups.flatMap((g) => g.repness), ...view.consensus.agree, ...view.consensus.disagree].map((e) => e.statement);
  return [...new Set(ids)];
}

/** Group id of a map element (an outline or its label), or null for anything else. */
function groupAt(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null;
  const mark = target.closest('.kuulo-hulls [data-key], .kuulo-labels [data-key]');
  const id = Number(mark?.getAttribute('data-key'));
  return mark && Number.isInteger(id) ? id : null;
}

/**
 * The participant page's opinion map, drawn from GET …/math/participant: group outlines with
 * "A (n)" labels and "You" (no dot per participant). Under it a button per group (tapping an outline
 * does the same) opens how that group voted, the participant's own group at first; then a legend for
 * people not in a group, the majority view and "What am I seeing?". Texts go in as text.
 * With a bootstrap of the tick, unstable groups are dashed and the caption says why in words.
 * Without groups (too few voters, or groups below the privacy floor) only the lists under it show.
 */
export function participantMap(container: HTMLElement, options: ParticipantMapOptions): ParticipantMap {
  let controller: ChartController<Drawn> | null = null;
  let last: ParticipantMathReply | null = null;
  // undefined: follow the participant's own group; null: closed by them; else the group they opened.
  let chosen: number | null | undefined;
  let panelKey = '';
  let majorityKey = '';
  const { t } = options;
  const statementText = (id: StatementId): string | undefined => {
    const statement = options.statement(id);
    return statement && shownText(statement, t.lang).text;
  };
  const zoom = options.zoom ?? !window.matchMedia('(pointer: coarse)').matches;
  const details = { t, statement: options.statement };

  const chartBox = el('div', { class: 'kuulo-map-chart' });
  const captionEl = el('p', { class: 'kuulo-map-caption' }, [t.t('participant.map.caption')]);
  const panelId = uniqueId('group-panel');
  const panel = el('div', { class: 'kuulo-group-panel-box', attrs: { id: panelId } });
  const picker = groupPicker(t, panelId, (id) => {
    chosen = selectedGroup() === id ? null : id;
    if (last) render(last);
  });
  const legend = el('p', { class: 'kuulo-map-legend' });
  const majority = el('div', { class: 'kuulo-majority-box' });
  const explainer = disclosure(t.t('participant.explain.button'), 'kuulo-map-explainer');
  for (const part of [captionEl, picker.element, legend, panel]) part.hidden = true;
  container.replaceChildren(chartBox, captionEl, picker.element, legend, panel, majority, explainer.element);
  explainer.setContent(explanation(null));

  const openFromMap = (id: number | null): boolean => {
    if (id === null || !last?.view.groups.some((g) => g.id === id)) return false;
    chosen = id;
    render(last);
    panel.scrollIntoView({ block: 'nearest' });
    return true;
  };
  chartBox.addEventListener('click', (event) => void openFromMap(groupAt(event.target)));
  // Outlines are keyboard stops on the map: Enter or Space opens them as a tap does.
  chartBox.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && openFromMap(groupAt(event.target))) event.preventDefault();
  });

  const drawnOf = (reply: ParticipantMathReply): Drawn => {
    const pid = options.you();
    return { view: reply.view, you: pid === undefined ? undefined : reply.you && reply.you.pid === pid ? reply.you : null, stability: reply.uncertainty?.groups };
  };
  const draw = (d: Drawn, o?: Parameters<typeof opinionMapSummary>[1]): SVGSVGElement =>
    opinionMapSummary(d.view, { ...o, ...(d.you !== undefined && { you: d.you }), ...(d.stability && { stability: d.stability }) });
  const yourGroup = (reply: ParticipantMathReply): number | null => drawnOf(reply).you?.group ?? null;

  /** The open group: the one chosen (while it exists), else the participant's own. */
  function selectedGroup(): number | null {
    if (!last) return null;
    const groups = last.view.groups;
    if (chosen !== undefined && chosen !== null && !groups.some((g) => g.id === chosen)) chosen = undefined;
    const id = chosen === undefined ? yourGroup(last) : chosen;
    return id !== null && groups.some((g) => g.id === id) ? id : null;
  }

  function drawChart(reply: ParticipantMathReply): void {
    const d = drawnOf(reply);
    if (reply.view.groups.length === 0) {
      controller?.destroy();
      controller = null;
      chartBox.replaceChildren();
      return;
    }
    if (controller) return controller.update(d);
    const width = chartWidth(container, 280, 720);
    controller = liveChart(draw, d, {
      width,
      height: Math.max(260, Math.round(width * 0.72)),
      margin: width < 420 ? 28 : 40,
      statementText,
      locale: t.lang,
      // The caption goes below as HTML, which wraps on narrow screens (SVG text does not).
      caption: '',
      zoom,
    });
    chartBox.replaceChildren(controller.node);
  }

  /** Who is not in a group, and how many more votes would put this participant in one. */
  function legendText(reply: ParticipantMathReply): string {
    const parts: string[] = [];
    const ungrouped = reply.view.counts.ungrouped;
    if (ungrouped > 0) parts.push(t.t('participant.legend.notInGroup', { count: ungrouped }));
    const progress = options.progress?.();
    if (yourGroup(reply) === null && progress) {
      const need = votesToJoin(progress);
      if (need > 0) parts.push(t.t(progress.voted === 0 ? 'participant.legend.joinFirst' : 'participant.legend.joinMore', { count: need }));
    }
    return parts.join(' ');
  }

  function explanation(reply: ParticipantMathReply | null): HTMLElement[] {
    const privacy = reply && viewPrivacy(reply.view);
    return [
      t.t('participant.explain.map'),
      t.t('participant.explain.groups'),
      t.t('participant.explain.details'),
      t.t('participant.explain.majority'),
      // Polis needs min(7, statements) votes: in a short conversation, all of them.
      t.t('participant.explain.join', { threshold: Math.min(groupVoteThreshold, options.progress?.()?.total ?? groupVoteThreshold) || groupVoteThreshold }),
      ...(privacy ? [t.t('participant.explain.privacy', { minimum: privacy.mapMinimum, floor: privacy.floor })] : []),
    ].map((text) => el('p', {}, [text]));
  }

  function render(reply: ParticipantMathReply): void {
    const hasMap = reply.view.groups.length > 0;
    const selected = selectedGroup();
    captionEl.hidden = !hasMap;
    captionEl.textContent = mapCaption(reply, t);
    picker.update(reply.view.groups, selected, yourGroup(reply));
    legend.textContent = hasMap ? legendText(reply) : '';
    legend.hidden = legend.textContent === '';
    const group = reply.view.groups.find((g) => g.id === selected);
    // Drawn again only when what it shows changed, so focus inside it (a "show original" button) survives ticks.
    const key = JSON.stringify([group, group?.repness.map((e) => statementText(e.statement))]);
    if (key !== panelKey) {
      panelKey = key;
      panel.replaceChildren(...(group ? [groupDetails(group, details)] : []));
    }
    panel.hidden = !group;
    const consensus = reply.view.consensus;
    const shownMajority = JSON.stringify([consensus, [...consensus.agree, ...consensus.disagree].map((e) => statementText(e.statement))]);
    if (shownMajority !== majorityKey) {
      majorityKey = shownMajority;
      majority.replaceChildren(...[majorityView(consensus, details)].filter((m): m is HTMLElement => m !== null));
    }
    explainer.setContent(explanation(reply));
  }

  return {
    show(reply) {
      last = reply;
      drawChart(reply);
      render(reply);
    },
    texts() {
      if (!last) return;
      if (controller) controller.update(drawnOf(last));
      render(last);
    },
    destroy() {
      controller?.destroy();
      controller = null;
    },
  };
}
