import { activityChart, type ActivitySpan, type Translator } from '@kuulo/viz';
import type { PanelContext } from './adminShare';
import { errorMessage } from './apiClient';
import { chartWidth } from './chartWidth';
import { disclosure } from './disclosure';
import { el, uniqueId } from './el';

/** GET /conversations/:id/activity (see packages/server/src/schemas/activity.ts). */
export interface ActivityReply {
  bucket: 'hour' | 'day';
  timeZone: string;
  floor: number;
  floorApplied: boolean;
  withheld: boolean;
  buckets: (ActivitySpan & { merged: boolean })[];
}

/** A span's time as people write it: "2 Mar 2026, 09:00–10:00" or "2 Mar 2026" (several days as a range). */
function spanText(span: ActivitySpan, bucket: 'hour' | 'day', t: Translator): string {
  const format = new Intl.DateTimeFormat(t.lang, bucket === 'hour' ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  // A day ends at the next midnight: the range ends on the span's last day.
  return format.formatRange(span.start, bucket === 'hour' ? span.end : span.end - 1);
}

/**
 * Activity over time: participants, votes and statements per hour or day in the reader's time zone,
 * as a chart (viz activityChart) and as a table. Asked with the admin key, so every bucket is shown
 * as it is; the note says what the public API does instead. Returns a function that stops it.
 */
export function renderActivityPanel(container: HTMLElement, ctx: PanelContext): () => void {
  const { api, t } = ctx;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const titleId = uniqueId('activity-title');
  const name = uniqueId('activity-bucket');
  const bucketRadio = (value: 'hour' | 'day', label: string, checked: boolean): HTMLElement => {
    const id = uniqueId('activity-option');
    return el('div', { class: 'kuulo-check' }, [el('input', { attrs: { type: 'radio', id, name, value, checked } }), el('label', { attrs: { for: id } }, [label])]);
  };
  const status = el('p', { class: 'kuulo-activity-status', attrs: { role: 'status', 'aria-live': 'polite' } }, [t.t('common.loading')]);
  const chartBox = el('div', { class: 'kuulo-activity-chart-box' });
  const table = disclosure(t.t('activity.table.show'), 'kuulo-activity-table');
  const note = el('p', { class: 'kuulo-hint' });
  const refresh = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' }, on: { click: () => void load() } }, [t.t('activity.refresh')]);
  const form = el('form', { class: 'kuulo-activity-form', on: { submit: (event) => event.preventDefault(), change: () => void load() } }, [
    el('fieldset', { class: 'kuulo-fieldset kuulo-row' }, [el('legend', {}, [t.t('activity.bucket')]), bucketRadio('day', t.t('activity.bucket.day'), true), bucketRadio('hour', t.t('activity.bucket.hour'), false)]),
  ]);
  container.replaceChildren(
    el('section', { class: 'kuulo-card kuulo-activity', attrs: { 'aria-labelledby': titleId } }, [
      el('h3', { class: 'kuulo-card-title', attrs: { id: titleId } }, [t.t('activity.title')]),
      form,
      status,
      chartBox,
      table.element,
      note,
      refresh,
    ]),
  );
  let stopped = false;
  let generation = 0;
  void load();
  return () => {
    stopped = true;
  };

  async function load(): Promise<void> {
    const mine = ++generation;
    const bucket = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value === 'hour' ? 'hour' : 'day';
    status.textContent = t.t('common.loading');
    let reply: ActivityReply;
    try {
      reply = await api.get<ActivityReply>(`/activity?bucket=${bucket}&timeZone=${encodeURIComponent(timeZone)}`);
    } catch (error) {
      if (!stopped && mine === generation) status.textContent = errorMessage(error, t);
      return;
    }
    if (stopped || mine !== generation) return;
    show(reply);
  }

  function show(reply: ActivityReply): void {
    const spans = reply.buckets;
    const labels = { participants: t.t('activity.participants'), votes: t.t('activity.votes'), statements: t.t('activity.statements') };
    const title = t.t('activity.chart.title', { bucket: reply.bucket });
    if (spans.length === 0) {
      status.textContent = t.t('activity.empty');
      chartBox.replaceChildren();
      table.setContent([]);
      table.element.hidden = true;
    } else {
      const from = spanText(spans[0]!, reply.bucket, t);
      const to = spanText(spans[spans.length - 1]!, reply.bucket, t);
      status.textContent = t.t('activity.summary', {
        votes: spans.reduce((sum, s) => sum + s.votes, 0),
        statements: spans.reduce((sum, s) => sum + s.statements, 0),
        spans: spans.length,
        bucket: reply.bucket,
      });
      const previous = chartBox.querySelector<SVGSVGElement>('svg.kuulo-activity-chart') ?? undefined;
      const chart = activityChart(spans, {
        width: chartWidth(chartBox, 280, 720),
        lang: t.lang,
        title,
        description: t.t('activity.chart.description', { bucket: reply.bucket, from, to, timeZone: reply.timeZone }),
        labels,
        table: { caption: title, time: t.t('activity.time') },
        formatSpan: (span) => spanText(span, reply.bucket, t),
        ...(previous && { target: previous }),
      });
      if (!previous) chartBox.replaceChildren(chart);
      table.element.hidden = false;
      table.setContent([
        el('table', { class: 'kuulo-table kuulo-activity-numbers' }, [
          el('caption', {}, [title]),
          el('thead', {}, [el('tr', {}, [t.t('activity.time'), labels.participants, labels.votes, labels.statements].map((text) => el('th', { attrs: { scope: 'col' } }, [text])))]),
          el(
            'tbody',
            {},
            spans.map((span) =>
              el('tr', {}, [
                el('th', { attrs: { scope: 'row' } }, [spanText(span, reply.bucket, t), span.merged ? ` (${t.t('activity.merged')})` : '']),
                ...[span.participants, span.votes, span.statements].map((n) => el('td', {}, [n.toLocaleString(t.lang)])),
              ]),
            ),
          ),
        ]),
      ]);
    }
    note.textContent = t.t(reply.floorApplied ? 'activity.note.public' : 'activity.note.key', { floor: reply.floor, timeZone: reply.timeZone });
  }
}
