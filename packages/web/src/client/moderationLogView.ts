import type { Translator } from '@kuulo/viz';
import { errorMessage } from './apiClient';
import { el, replaceChildren, uniqueId } from './el';
import type { ModerationPanelContext } from './flaggedParticipants';

export interface ModerationLogEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

interface LogPage {
  items: ModerationLogEntry[];
  next: number | null;
  total: number;
}

/** Actions with words of their own in the catalogs; any other is shown as the server names it. */
const knownActions: Record<string, string> = {
  'statement.accept': 'modlog.action.accept',
  'statement.reject': 'modlog.action.reject',
  'statement.reset': 'modlog.action.reset',
  'statement.meta': 'modlog.action.meta',
  'participant.exclude': 'modlog.action.exclude',
  'participant.include': 'modlog.action.include',
  'moderator-key.reissue': 'modlog.action.keyReissue',
  'moderator-key.add': 'modlog.action.keyAdd',
  'moderator-key.revoke': 'modlog.action.keyRevoke',
  'conversation.feature': 'modlog.action.feature',
  'conversation.unfeature': 'modlog.action.unfeature',
  'conversation.settings': 'modlog.action.settings',
  'conversation.open': 'modlog.action.open',
  'conversation.close': 'modlog.action.close',
  'conversation.questions': 'modlog.action.questions',
};

/** The action in the reader's language. */
export function actionText(t: Translator, action: string): string {
  const key = knownActions[action];
  return key ? t.t(key) : action;
}

/** 'statement:12' → "statement #12", 'participant:7' → "participant #7", 'key:Anna' → "key “Anna”"; anything else as it is. */
export function targetText(t: Translator, target: string | null): string {
  if (target === null) return '';
  const key = /^key:(.+)$/s.exec(target);
  if (key) return t.t('modlog.target.key', { label: key[1]! });
  const m = /^(statement|participant):(\d+)$/.exec(target);
  if (!m) return target;
  return t.t(m[1] === 'statement' ? 'modlog.target.statement' : 'modlog.target.participant', { id: m[2]! });
}

/**
 * The moderation log: who (the key's label) did what, when, oldest first, with "show more" and a CSV
 * download (the file needs the key in a header, so it is fetched and handed to the browser).
 */
export function renderModerationLog(container: HTMLElement, ctx: ModerationPanelContext): { refresh: () => Promise<void> } {
  const { t, api, auth } = ctx;
  const headingId = uniqueId('modlog');
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status', 'aria-live': 'polite' } });
  const summary = el('p', { class: 'kuulo-muted' });
  const body = el('tbody');
  const table = el('table', { class: 'kuulo-table kuulo-modlog-table' }, [
    el('caption', { class: 'kuulo-visually-hidden' }, [t.t('modlog.caption')]),
    el('thead', {}, [
      el('tr', {}, [
        el('th', { attrs: { scope: 'col' } }, [t.t('modlog.col.time')]),
        el('th', { attrs: { scope: 'col' } }, [t.t('modlog.col.actor')]),
        el('th', { attrs: { scope: 'col' } }, [t.t('modlog.col.action')]),
        el('th', { attrs: { scope: 'col' } }, [t.t('modlog.col.target')]),
      ]),
    ]),
    body,
  ]);
  // A wide table scrolls inside its box on a phone instead of widening the page.
  const scroller = el('div', { class: 'kuulo-table-scroll', attrs: { tabindex: 0, role: 'region', 'aria-labelledby': headingId } }, [table]);
  const more = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', hidden: true } }, [t.t('modlog.more')]);
  const download = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('modlog.download')]);
  let next: number | null = null;

  const row = (e: ModerationLogEntry): HTMLTableRowElement =>
    el('tr', { attrs: { 'data-id': e.id } }, [
      el('td', {}, [el('time', { attrs: { datetime: new Date(e.at).toISOString() } }, [t.dateTime(e.at, { dateStyle: 'short', timeStyle: 'medium' })])]),
      el('td', {}, [e.actor]),
      el('td', {}, [actionText(t, e.action)]),
      el('td', {}, [targetText(t, e.target)]),
    ]);

  const load = async (after: number | null): Promise<void> => {
    const page = await api.get<LogPage>(`/moderation/log?limit=100${after === null ? '' : `&after=${after}`}`, auth());
    if (after === null) body.replaceChildren();
    body.append(...page.items.map(row));
    next = page.next;
    more.hidden = next === null;
    table.hidden = page.total === 0;
    summary.textContent = page.total === 0 ? t.t('modlog.empty') : t.t('modlog.count', { count: page.total });
  };

  const refresh = async (): Promise<void> => {
    try {
      await load(null);
    } catch (error) {
      status.textContent = errorMessage(error, t);
    }
  };

  more.addEventListener('click', () => {
    if (next === null) return;
    void load(next).catch((error: unknown) => (status.textContent = errorMessage(error, t)));
  });
  download.addEventListener('click', () => {
    download.disabled = true;
    void (async () => {
      try {
        const response = await fetch(api.url('/moderation/log?format=csv'), { headers: auth() });
        if (!response.ok) {
          const problem = (await response.json().catch(() => null)) as { message?: string } | null;
          status.textContent = problem?.message ?? response.statusText;
          return;
        }
        const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'moderation-log.csv';
        const url = URL.createObjectURL(await response.blob());
        const link = el('a', { attrs: { href: url, download: name } });
        document.body.append(link);
        link.click();
        link.remove();
        // The browser has the file once the click ran: free the memory a moment later.
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        status.textContent = t.t('modlog.downloaded', { file: name });
      } catch (error) {
        status.textContent = errorMessage(error, t);
      } finally {
        download.disabled = false;
      }
    })();
  });

  replaceChildren(container, [
    el('section', { class: 'kuulo-card kuulo-modlog-card', attrs: { 'aria-labelledby': headingId } }, [
      el('h2', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('modlog.title')]),
      el('div', { class: 'kuulo-row' }, [summary, download]),
      scroller,
      more,
      status,
    ]),
  ]);
  void refresh();
  return { refresh };
}
