import type { ParticipantView, ParticipantViewStatement, StatementId } from '@kuulo/core';
import { defaultStabilityThreshold, liveChart, opinionMapSummary, type ChartController, type SummaryYou, type Translator } from '@kuulo/viz';
import type { ParticipantMathReply, ParticipantUncertainty, Statement } from './apiTypes';
import { chartWidth } from './chartWidth';
import { el } from './el';
import { stabilityVerdict } from './stabilityVerdict';
import { shownText, statementTextView } from './statementText';

export interface ParticipantMapOptions {
  /** The reader's translator: the chart's, the caption's and the statements' language. */
  t: Translator;
  /** The participant's pid, read at every update; undefined while they have not voted. */
  you: () => number | undefined;
  /** A statement by id; undefined while unknown (or hidden from participants). */
  statement: (id: StatementId) => Statement | undefined;
  /** Zoom and pan. Default: on, except with a coarse pointer (a finger would trap page scrolling). */
  zoom?: boolean;
}

export interface ParticipantMap {
  /** Draws the first reply or animates to a new one. */
  show(reply: ParticipantMathReply): void;
  /** Redraws the statement list and the map's table with the texts known now (texts arrived or were withdrawn). */
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

const shownPerList = 5;

/** The statements a reply refers to (its groups' and consensus lists), for fetching their texts. */
export function referencedStatements(view: ParticipantView): StatementId[] {
  const ids = [...view.groups.flatMap((g) => g.repness), ...view.consensus.agree, ...view.consensus.disagree].map((e) => e.statement);
  return [...new Set(ids)];
}

/**
 * The participant page's opinion map, drawn from GET …/math/participant: group outlines with
 * "A (n)" labels and "You" (no dot per participant), and under it what the participant's group
 * agrees and disagrees with (or what most agree with, before they are in a group). Texts go in as text.
 * With a bootstrap of the tick, unstable groups are dashed and the caption says why in words.
 */
export function participantMap(container: HTMLElement, options: ParticipantMapOptions): ParticipantMap {
  let controller: ChartController<Drawn> | null = null;
  let last: ParticipantMathReply | null = null;
  const { t } = options;
  const captionEl = el('p', { class: 'kuulo-map-caption' }, [t.t('participant.map.caption')]);
  const statementText = (id: StatementId): string | undefined => {
    const statement = options.statement(id);
    return statement && shownText(statement, t.lang).text;
  };
  const statements = el('div', { class: 'kuulo-group-statements', attrs: { 'aria-live': 'polite' } });
  const zoom = options.zoom ?? !window.matchMedia('(pointer: coarse)').matches;

  const drawnOf = (reply: ParticipantMathReply): Drawn => {
    const pid = options.you();
    return { view: reply.view, you: pid === undefined ? undefined : reply.you && reply.you.pid === pid ? reply.you : null, stability: reply.uncertainty?.groups };
  };
  const draw = (d: Drawn, o?: Parameters<typeof opinionMapSummary>[1]): SVGSVGElement =>
    opinionMapSummary(d.view, { ...o, ...(d.you !== undefined && { you: d.you }), ...(d.stability && { stability: d.stability }) });

  /** `share(entry)` says how many of whom agree or disagree, in a full sentence of the catalog. */
  function list(title: string, entries: readonly ParticipantViewStatement[], share: (values: { share: string; success: number; trials: number }) => string): HTMLElement | null {
    const items = entries
      .map((e) => ({ e, statement: options.statement(e.statement) }))
      .filter((x): x is { e: ParticipantViewStatement; statement: Statement } => x.statement !== undefined)
      .slice(0, shownPerList)
      .map(({ e, statement }) => {
        const rounded = e.nTrials > 0 ? Math.round((100 * e.nSuccess) / e.nTrials) / 100 : 0;
        return el('li', { class: 'kuulo-group-statement' }, [
          statementTextView(statement, t, 'kuulo-group-statement-text'),
          ' ',
          el('span', { class: 'kuulo-group-share' }, [share({ share: t.percent(rounded), success: e.nSuccess, trials: e.nTrials })]),
        ]);
      });
    if (items.length === 0) return null;
    return el('section', { class: 'kuulo-group-list' }, [el('h3', { class: 'kuulo-group-list-title' }, [title]), el('ul', {}, items)]);
  }

  function renderStatements(reply: ParticipantMathReply): void {
    const d = drawnOf(reply);
    const group = d.you ? reply.view.groups.find((g) => g.id === d.you!.group) : undefined;
    const sections = group
      ? (['agree', 'disagree'] as const).map((side) =>
          list(
            t.t(`participant.group.${side}Title`, { label: group.label }),
            group.repness.filter((e) => e.repfulFor === side),
            (values) => t.t('participant.group.share', { ...values, label: group.label, side }),
          ),
        )
      : [list(t.t('participant.majority.title'), reply.view.consensus.agree, (values) => t.t('participant.majority.share', values))];
    statements.replaceChildren(...sections.filter((s): s is HTMLElement => s !== null));
  }

  return {
    show(reply) {
      last = reply;
      const d = drawnOf(reply);
      if (controller) controller.update(d);
      else {
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
        container.replaceChildren(controller.node, captionEl, statements);
      }
      captionEl.textContent = mapCaption(reply, t);
      renderStatements(reply);
    },
    texts() {
      if (!last) return;
      controller?.update(drawnOf(last));
      renderStatements(last);
    },
    destroy() {
      controller?.destroy();
      controller = null;
    },
  };
}
