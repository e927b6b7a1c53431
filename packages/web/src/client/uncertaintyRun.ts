import { ApiError, errorMessage } from './apiClient';
import type { KuuloEvent } from './apiTypes';
import type { AdminSession } from './adminSession';
import { el, uniqueId } from './el';
import { eventStream } from './eventStream';

/** GET/POST …/uncertainty (the server's UncertaintyStatusReply), the fields shown here. */
interface UncertaintyStatus {
  state: 'none' | 'queued' | 'running' | 'done' | 'failed';
  tick: number | null;
  currentTick: number;
  stale: boolean;
  done: number;
  total: number;
  durationMs: number | null;
  error: string | null;
}

/**
 * Starts the bootstrap uncertainty check and shows its progress live (the conversation's event
 * stream), then how it went and where the report shows it. Progress is a <progress> bar; screen
 * readers hear only the start and the end, not every resample.
 */
export function uncertaintyRun(session: AdminSession, id: string): HTMLElement {
  const { t } = session;
  const api = session.conversationApi(id);
  const ids = { heading: uniqueId('uncertainty'), resamples: uniqueId('resamples') };
  const resamples = el('input', { class: 'kuulo-input kuulo-input-number', attrs: { id: ids.resamples, name: 'resamples', type: 'number', inputmode: 'numeric', min: 10, max: 200, step: 1, required: true } });
  resamples.value = '50';
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('admin.uncertainty.start')]);
  const bar = el('progress', { class: 'kuulo-admin-progress', attrs: { max: 1, value: 0, 'aria-label': t.t('admin.uncertainty.progressLabel') } });
  bar.hidden = true;
  const progressText = el('p', { class: 'kuulo-muted' });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const reportLink = el('a', { attrs: { href: `/c/${encodeURIComponent(id)}/report#uncertainty` } }, [t.t('admin.uncertainty.report')]);
  reportLink.hidden = true;

  const progress = (done: number, total: number): void => {
    bar.hidden = false;
    bar.max = Math.max(total, 1);
    bar.value = done;
    const text = t.t('admin.uncertainty.progress', { done, total });
    bar.setAttribute('aria-valuetext', text);
    progressText.textContent = text;
  };
  const show = (s: UncertaintyStatus, announce: boolean): void => {
    const running = s.state === 'queued' || s.state === 'running';
    button.disabled = running;
    reportLink.hidden = s.state !== 'done' || s.stale;
    if (running) progress(s.done, s.total);
    else {
      bar.hidden = true;
      progressText.textContent = '';
    }
    const text =
      s.state === 'none' ? t.t('admin.uncertainty.none')
      : running ? t.t('admin.uncertainty.running')
      : s.state === 'failed' ? t.t('admin.uncertainty.failed', { message: s.error ?? '' })
      : s.stale ? t.t('admin.uncertainty.stale', { tick: s.tick ?? 0 })
      : t.t('admin.uncertainty.done', { total: s.total, seconds: Math.max(1, Math.round((s.durationMs ?? 0) / 1000)), tick: s.tick ?? 0 });
    status.textContent = text;
    if (announce) session.announce(text);
  };
  const refresh = (announce: boolean): Promise<void> => api.get<UncertaintyStatus>('/uncertainty').then((s) => show(s, announce), (error: unknown) => void (status.textContent = errorMessage(error, t)));
  void refresh(false);
  const stop = eventStream(api.url('/events'), (event: KuuloEvent) => {
    if (event.type === 'uncertainty-progress') progress(event.done, event.total);
    else if (event.type === 'uncertainty' || event.type === 'uncertainty-error') void refresh(true);
  });
  session.onLeave(stop);

  const form = el('form', { class: 'kuulo-settings' }, [
    el('label', { attrs: { for: ids.resamples } }, [t.t('admin.uncertainty.resamples')]),
    el('div', { class: 'kuulo-row' }, [resamples, button]),
    bar,
    progressText,
    status,
    reportLink,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const count = Number(resamples.value);
    if (!Number.isInteger(count) || count < 10 || count > 200) {
      status.textContent = t.t('admin.uncertainty.invalid', { value: resamples.value });
      resamples.setAttribute('aria-invalid', 'true');
      resamples.focus();
      return;
    }
    resamples.removeAttribute('aria-invalid');
    button.disabled = true;
    api
      .send<UncertaintyStatus>('POST', '/uncertainty', { resamples: count })
      .then((s) => show(s, true))
      .catch((error: unknown) => {
        button.disabled = false;
        status.textContent =
          error instanceof ApiError && error.code === 'MATH_NOT_READY' ? t.t('admin.uncertainty.noMath')
          : error instanceof ApiError && error.code === 'UNCERTAINTY_RUNNING' ? t.t('admin.uncertainty.running')
          : errorMessage(error, t);
      });
  });
  return el('section', { class: 'kuulo-card', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h3', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, [t.t('admin.uncertainty.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('admin.uncertainty.hint')]),
    form,
  ]);
}
