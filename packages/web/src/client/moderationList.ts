import { errorMessage, type ApiClient } from './apiClient';
import type { PageOf, QueueItem } from './apiTypes';
import { el, replaceChildren, uniqueId } from './el';

export type QueueState = 'pending' | 'accepted' | 'rejected' | 'meta' | 'all';

export interface ModerationList {
  readonly element: HTMLElement;
  /** Reloads the shown state (after events from other moderators or participants). */
  refresh(): Promise<void>;
}

type Action = 'accept' | 'reject' | 'meta';

const actions: Record<Action, { label: string; body: { moderation: 'accepted' | 'rejected'; isMeta?: boolean }; done: string }> = {
  accept: { label: 'Accept', body: { moderation: 'accepted', isMeta: false }, done: 'accepted' },
  reject: { label: 'Reject', body: { moderation: 'rejected' }, done: 'rejected' },
  // Meta statements (about the conversation itself) stay visible but are left out of the math.
  meta: { label: 'Meta', body: { moderation: 'accepted', isMeta: true }, done: 'marked as meta' },
};

const stateLabels: Record<QueueState, string> = { pending: 'Waiting for moderation', accepted: 'Accepted', rejected: 'Rejected', meta: 'Meta', all: 'All statements' };

function matches(item: QueueItem, state: QueueState): boolean {
  if (state === 'all') return true;
  if (state === 'meta') return item.isMeta;
  return item.moderation === state;
}

/** Which action buttons fit a statement's state: those that would change it. */
function actionsFor(item: QueueItem): Action[] {
  const list: Action[] = [];
  if (item.moderation !== 'accepted' || item.isMeta) list.push('accept');
  if (item.moderation !== 'rejected') list.push('reject');
  if (!item.isMeta || item.moderation !== 'accepted') list.push('meta');
  return list;
}

/**
 * The moderation queue: statements of one state (pending by default) with accept / reject /
 * meta buttons. Outcomes are announced through `announce` (a live region on the page).
 */
export function moderationList(api: ApiClient, auth: () => Record<string, string>, announce: (text: string) => void, onPending: (count: number) => void): ModerationList {
  let state: QueueState = 'pending';
  let items: QueueItem[] = [];
  let next: number | null = null;
  const selectId = uniqueId('queue-state');
  const select = el(
    'select',
    { class: 'kuulo-input', attrs: { id: selectId } },
    (Object.keys(stateLabels) as QueueState[]).map((value) => el('option', { attrs: { value } }, [stateLabels[value]])),
  );
  const list = el('ul', { class: 'kuulo-items', attrs: { 'aria-live': 'off' } });
  const more = el('button', { class: 'kuulo-button', attrs: { type: 'button' } }, ['Show more']);
  const summary = el('p', { class: 'kuulo-muted' });
  select.addEventListener('change', () => {
    state = select.value as QueueState;
    void load(false);
  });
  more.addEventListener('click', () => void load(true));

  async function load(append: boolean): Promise<void> {
    const limit = append ? 50 : Math.min(500, Math.max(50, items.length));
    try {
      const page = await api.get<PageOf<QueueItem>>(`/moderation/queue?state=${state}&limit=${limit}&after=${append ? (next ?? -1) : -1}`, auth());
      items = append ? [...items, ...page.items] : page.items;
      next = page.next;
      render(page.total);
      if (state === 'pending') onPending(page.total);
    } catch (error) {
      summary.textContent = errorMessage(error);
    }
  }

  function render(total: number): void {
    summary.textContent = total === 0 ? (state === 'pending' ? 'Nothing is waiting for moderation.' : 'No statements in this state.') : `${total} statement${total === 1 ? '' : 's'}.`;
    replaceChildren(list, items.map(itemView));
    more.hidden = next === null;
  }

  function itemView(item: QueueItem): HTMLLIElement {
    const textId = uniqueId('queue-text');
    const who = item.isSeed ? 'seed statement' : item.authorPid === null ? 'unknown author' : `participant ${item.authorPid}`;
    const { agree, disagree, pass } = item.tally;
    const badges = [el('span', { class: `kuulo-badge kuulo-badge-${item.moderation}` }, [item.moderation]), item.isMeta && el('span', { class: 'kuulo-badge kuulo-badge-meta' }, ['meta'])];
    const buttons = actionsFor(item).map((action) =>
      el('button', { class: `kuulo-button kuulo-small kuulo-action-${action}`, attrs: { type: 'button', 'aria-describedby': textId }, on: { click: (event) => void act(item, action, event.currentTarget as HTMLButtonElement) } }, [
        // On an accepted meta statement, "accept" only takes the meta mark away.
        action === 'accept' && item.isMeta && item.moderation === 'accepted' ? 'Not meta' : actions[action].label,
      ]),
    );
    return el('li', { class: 'kuulo-item', attrs: { 'data-statement-id': item.id } }, [
      el('p', { class: 'kuulo-item-text', attrs: { id: textId } }, [item.text]),
      el('p', { class: 'kuulo-item-meta' }, [`#${item.id} · ${who} · ${agree} agree · ${disagree} disagree · ${pass} pass `, ...badges]),
      el('div', { class: 'kuulo-actions', attrs: { role: 'group', 'aria-label': `Moderate statement ${item.id}` } }, buttons),
    ]);
  }

  async function act(item: QueueItem, action: Action, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const updated = await api.send<QueueItem>('PATCH', `/statements/${item.id}`, actions[action].body, auth());
      items = items.flatMap((i) => (i.id !== item.id ? [i] : matches(updated, state) ? [updated] : []));
      announce(`Statement #${item.id} ${actions[action].done}.`);
      await load(false);
    } catch (error) {
      button.disabled = false;
      announce(`Statement #${item.id}: ${errorMessage(error)}`);
    }
  }

  const element = el('div', { class: 'kuulo-queue' }, [
    el('div', { class: 'kuulo-row kuulo-queue-filter' }, [el('label', { attrs: { for: selectId } }, ['Show']), select]),
    summary,
    list,
    more,
  ]);
  return { element, refresh: () => load(false) };
}
