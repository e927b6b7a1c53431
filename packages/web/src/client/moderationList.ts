import type { Translator } from '@kuulo/viz';
import { errorMessage, type ApiClient } from './apiClient';
import type { QueueItem, QueuePage } from './apiTypes';
import { debounce } from './debounce';
import { el, replaceChildren, uniqueId } from './el';
import { queueRow, type Action, type Related } from './queueRow';
import { queueCommand, shortcutHelp } from './queueShortcuts';
import { statementLanguages } from './statementLanguages';

export type QueueState = 'pending' | 'flagged' | 'accepted' | 'rejected' | 'meta' | 'all';
export type QueueSort = 'oldest' | 'newest' | 'votes' | 'similar';

export interface ModerationList {
  readonly element: HTMLElement;
  /** Reloads the shown state (after events from other moderators or participants). */
  refresh(): Promise<void>;
}

const actions: Record<Action, { moderation: 'accepted' | 'rejected'; isMeta?: boolean }> = {
  accept: { moderation: 'accepted', isMeta: false },
  reject: { moderation: 'rejected' },
  // Meta statements (about the conversation itself) stay visible but are left out of the math.
  meta: { moderation: 'accepted', isMeta: true },
};

const states: readonly QueueState[] = ['pending', 'flagged', 'accepted', 'rejected', 'meta', 'all'];
const sorts: readonly QueueSort[] = ['oldest', 'newest', 'votes', 'similar'];
/** The server's largest page and bulk request. */
const maxPage = 500;

/** Whether a statement, as changed, still belongs in the shown state ('flagged' is the server's to say: kept unless rejected). */
function matches(item: QueueItem, state: QueueState): boolean {
  if (state === 'all') return true;
  if (state === 'meta') return item.isMeta;
  if (state === 'flagged') return item.moderation !== 'rejected';
  return item.moderation === state;
}

/** Where focus was in the list before it was drawn again: the statement and the control in it ('row' for the row itself). */
interface FocusSpot {
  id: number;
  index: number;
  control: string;
}

/**
 * The moderation queue: search, a state filter, a sort, select many and accept or reject them at
 * once, and per statement accept / reject / meta / reject as duplicate, a duplicate hint and a
 * languages editor. Keyboard shortcuts (documented under the tools) work on the focused row; focus
 * stays on the same control, or the statement that took the acted-on one's place, after every
 * action. Outcomes are announced through `announce` (a live region on the page).
 */
export function moderationList(
  t: Translator,
  api: ApiClient,
  auth: () => Record<string, string>,
  announce: (text: string) => void,
  onPending: (count: number) => void,
  languages: () => readonly string[],
): ModerationList {
  let state: QueueState = 'pending';
  let sort: QueueSort = 'oldest';
  let query = '';
  let items: QueueItem[] = [];
  let nextOffset: number | null = null;
  let total = 0;
  let related = new Map<number, Related>();
  // Replies to requests older than the latest are dropped (typing in the search sends many).
  let loadSeq = 0;
  const selected = new Set<number>();
  // Where a shift-click range selection starts.
  let anchor: number | null = null;
  // Drawn items by id with the data they show: unchanged ones are kept, so an open editor and its drafts survive refreshes.
  const drawn = new Map<number, { key: string; node: HTMLLIElement }>();
  const openEditors = new Set<number>();

  const searchId = uniqueId('queue-search');
  const searchHintId = uniqueId('queue-search-hint');
  const search = el('input', { class: 'kuulo-input', attrs: { id: searchId, type: 'search', 'aria-describedby': searchHintId, autocomplete: 'off', spellcheck: false } });
  const selectId = uniqueId('queue-state');
  const select = el(
    'select',
    { class: 'kuulo-input', attrs: { id: selectId } },
    states.map((value) => el('option', { attrs: { value } }, [value === 'flagged' ? t.t('queue.state.flagged') : t.t(`moderate.state.${value}`)])),
  );
  const sortId = uniqueId('queue-sort');
  const sortSelect = el(
    'select',
    { class: 'kuulo-input', attrs: { id: sortId } },
    sorts.map((value) => el('option', { attrs: { value } }, [t.t(`queue.sort.${value}`)])),
  );
  const selectAll = el('input', { class: 'kuulo-queue-check', attrs: { type: 'checkbox', id: uniqueId('queue-all') } });
  const selectedCount = el('span', { class: 'kuulo-queue-selected', attrs: { 'aria-live': 'polite' } });
  const bulkButton = (kind: 'accept' | 'reject') =>
    el('button', { class: `kuulo-button kuulo-small kuulo-action-${kind}`, attrs: { type: 'button', 'data-bulk': kind }, on: { click: () => void bulk(kind) } }, [t.t(`queue.bulk.${kind}`)]);
  const bulkAccept = bulkButton('accept');
  const bulkReject = bulkButton('reject');
  const clear = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('queue.bulk.clear')]);
  const list = el('ul', { class: 'kuulo-items kuulo-queue-list', attrs: { 'aria-live': 'off', 'aria-labelledby': selectId } });
  const more = el('button', { class: 'kuulo-button', attrs: { type: 'button' } }, [t.t('moderate.more')]);
  // Focusable from script only: where focus goes when the last statement of the list was moderated.
  const summary = el('p', { class: 'kuulo-muted kuulo-queue-summary', attrs: { tabindex: -1 } });

  const reload = (): void => void load(false);
  const searchLater = debounce(reload, 200);
  search.addEventListener('input', () => {
    query = search.value.trim();
    searchLater();
  });
  select.addEventListener('change', () => {
    state = select.value as QueueState;
    reload();
  });
  sortSelect.addEventListener('change', () => {
    sort = sortSelect.value as QueueSort;
    reload();
  });
  selectAll.addEventListener('change', () => {
    if (selectAll.checked) items.forEach((i) => selected.add(i.id));
    else selected.clear();
    showSelection();
  });
  clear.addEventListener('click', () => {
    selected.clear();
    showSelection();
    selectAll.focus();
  });
  more.addEventListener('click', () => void load(true));

  async function load(append: boolean): Promise<void> {
    const seq = ++loadSeq;
    const limit = append ? 50 : Math.min(maxPage, Math.max(50, items.length));
    const params = new URLSearchParams({ state, sort, limit: String(limit), offset: String(append ? (nextOffset ?? 0) : 0) });
    if (query !== '') params.set('q', query);
    try {
      const page = await api.get<QueuePage>(`/moderation/queue?${params}`, auth());
      if (seq !== loadSeq) return;
      items = append ? [...items, ...page.items.filter((i) => !items.some((old) => old.id === i.id))] : page.items;
      nextOffset = page.nextOffset;
      total = page.total;
      related = new Map([...(append ? related : []), ...page.related.map((r) => [r.id, r] as const)]);
      render();
      if (state === 'pending' && query === '') onPending(page.total);
    } catch (error) {
      if (seq === loadSeq) summary.textContent = errorMessage(error, t);
    }
  }

  function render(): void {
    summary.textContent =
      total === 0
        ? query !== ''
          ? t.t('queue.noMatch', { query })
          : t.t(state === 'pending' ? 'moderate.nothingPending' : 'moderate.noneInState')
        : t.t('moderate.count', { count: total });
    const spot = focusSpot();
    const langs = languages().join(',');
    const nodes = items.map((item) => {
      const names = [...(item.similar ?? []).map((s) => s.statementId), item.duplicateOf ?? -1].map((id) => related.get(id)?.text ?? '');
      const key = JSON.stringify([item, langs, names]);
      const old = drawn.get(item.id);
      if (old && old.key === key) return old.node;
      const node = queueRow(item, { t, related, selected: selected.has(item.id), onSelect, onAct: (i, a, b) => void act(i, a, b), onDuplicate: (i, of, b) => void duplicate(i, of, b), languages: languagesEditor });
      drawn.set(item.id, { key, node });
      return node;
    });
    const shown = new Set(items.map((i) => i.id));
    for (const id of drawn.keys()) if (!shown.has(id)) drawn.delete(id);
    // Selected statements that left the list (moderated elsewhere, or filtered out) are no longer selected.
    for (const id of selected) if (!shown.has(id)) selected.delete(id);
    replaceChildren(list, nodes);
    more.hidden = nextOffset === null;
    showSelection();
    if (spot && !(document.activeElement instanceof HTMLElement && list.contains(document.activeElement))) restoreFocus(spot);
  }

  function showSelection(): void {
    for (const node of list.children) {
      const box = node.querySelector<HTMLInputElement>(':scope > .kuulo-queue-check');
      if (box) box.checked = selected.has(Number((node as HTMLElement).dataset.statementId));
    }
    const count = selected.size;
    selectedCount.textContent = t.t('queue.selected', { count });
    selectAll.checked = count > 0 && count === items.length;
    selectAll.indeterminate = count > 0 && count < items.length;
    bulkAccept.disabled = bulkReject.disabled = clear.disabled = count === 0;
  }

  function onSelect(item: QueueItem, checked: boolean, range: boolean): void {
    const at = items.findIndex((i) => i.id === item.id);
    const from = anchor === null ? -1 : items.findIndex((i) => i.id === anchor);
    // Shift-click selects (or unselects) every statement between the last one clicked and this one.
    const span = range && from >= 0 ? items.slice(Math.min(from, at), Math.max(from, at) + 1) : [item];
    for (const i of span) {
      if (checked) selected.add(i.id);
      else selected.delete(i.id);
    }
    anchor = item.id;
    showSelection();
  }

  /** The focused statement row and control, if focus is in the list. */
  function focusSpot(): FocusSpot | null {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !list.contains(active)) return null;
    const row = active.closest<HTMLElement>('[data-statement-id]');
    if (!row) return null;
    const id = Number(row.dataset.statementId);
    return { id, index: items.findIndex((i) => i.id === id), control: row === active ? 'row' : (active.dataset.focus ?? 'row') };
  }

  /**
   * Focus after the list was drawn again: the same control of the same statement, else the same
   * control of the statement that took its place (the next one, or the last), else that row, else the summary.
   */
  function restoreFocus(spot: FocusSpot): void {
    const find = (row: Element | null | undefined): HTMLElement | null => {
      if (!(row instanceof HTMLElement)) return null;
      if (spot.control === 'row') return row;
      return row.querySelector<HTMLElement>(`[data-focus="${spot.control}"]:not(:disabled)`) ?? row.querySelector<HTMLElement>('.kuulo-actions button') ?? row;
    };
    const same = list.querySelector(`[data-statement-id="${spot.id}"]`);
    const rows = list.children;
    const target = find(same) ?? find(rows[Math.min(Math.max(spot.index, 0), rows.length - 1)]);
    (target ?? summary).focus();
  }

  function languagesEditor(item: QueueItem): HTMLElement {
    return statementLanguages(item, { t, api, auth, languages, openEditors, change });
  }

  /** Sends one change of a statement, announces the outcome and shows the statement as stored. */
  async function change(id: number, button: HTMLButtonElement, send: () => Promise<unknown>, done: string): Promise<void> {
    button.disabled = true;
    try {
      await send();
      announce(done);
      await load(false);
      // The item was drawn again: focus goes back to the same control in it.
      if (!button.isConnected) list.querySelector<HTMLElement>(`[data-statement-id="${id}"] [data-focus="${button.dataset.focus}"]`)?.focus();
    } catch (error) {
      announce(t.t('moderate.failed', { id: String(id), message: errorMessage(error, t) }));
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Sends a change of one statement from a button or a shortcut. Disabling the pressed button drops
   * focus to the page, so focus is put back where the next key press acts on the next statement.
   */
  async function moderate(item: QueueItem, body: object, done: string, origin: HTMLElement): Promise<void> {
    const spot = focusSpot() ?? (origin === document.activeElement ? { id: item.id, index: items.indexOf(item), control: origin.dataset.focus ?? 'row' } : null);
    const button = origin instanceof HTMLButtonElement ? origin : null;
    if (button) button.disabled = true;
    try {
      const updated = await api.send<QueueItem>('PATCH', `/statements/${item.id}`, body, auth());
      items = items.flatMap((i) => (i.id !== item.id ? [i] : matches(updated, state) ? [updated] : []));
      announce(done);
      await load(false);
    } catch (error) {
      if (button) button.disabled = false;
      announce(t.t('moderate.failed', { id: String(item.id), message: errorMessage(error, t) }));
    }
    const active = document.activeElement;
    const lost = active === null || active === document.body || !active.isConnected || (active instanceof HTMLButtonElement && active.disabled);
    if (spot && lost) restoreFocus(spot);
  }

  const act = (item: QueueItem, action: Action, origin: HTMLElement) => moderate(item, actions[action], t.t(`moderate.done.${action}`, { id: String(item.id) }), origin);
  const duplicate = (item: QueueItem, of: number, origin: HTMLElement) =>
    moderate(item, { moderation: 'rejected', duplicateOf: of }, t.t('queue.dup.done', { id: String(item.id), of: String(of) }), origin);

  /** Accepts or rejects every selected statement in one request per 500; focus goes to the statement now where the first selected one was. */
  async function bulk(kind: 'accept' | 'reject'): Promise<void> {
    const ids = items.filter((i) => selected.has(i.id)).map((i) => i.id);
    if (ids.length === 0) return;
    const first = items.findIndex((i) => selected.has(i.id));
    const moderation = kind === 'accept' ? 'accepted' : 'rejected';
    bulkAccept.disabled = bulkReject.disabled = true;
    let changed = 0;
    try {
      for (let i = 0; i < ids.length; i += maxPage) {
        const reply = await api.send<{ changed: number[] }>('POST', '/moderation/bulk', { statementIds: ids.slice(i, i + maxPage), moderation }, auth());
        changed += reply.changed.length;
      }
      selected.clear();
      announce(t.t(`queue.bulk.done.${kind}`, { count: changed }));
    } catch (error) {
      announce(t.t('queue.bulk.failed', { message: errorMessage(error, t) }));
    }
    await load(false);
    const rows = list.children;
    const row = rows[Math.min(first, rows.length - 1)];
    (row instanceof HTMLElement ? row : summary).focus();
  }

  /** The row keyboard focus is in, and its statement. */
  function currentRow(): { row: HTMLElement; item: QueueItem; index: number } | null {
    const row = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('.kuulo-queue-list > [data-statement-id]') : null;
    if (!row || !list.contains(row)) return null;
    const index = items.findIndex((i) => String(i.id) === row.dataset.statementId);
    return index < 0 ? null : { row, item: items[index]!, index };
  }

  function onKey(event: KeyboardEvent): void {
    const command = queueCommand(event);
    if (command === null) return;
    if (command === 'search') {
      event.preventDefault();
      search.focus();
      return;
    }
    if (command === 'bulkAccept' || command === 'bulkReject') {
      if (selected.size === 0) return;
      event.preventDefault();
      void bulk(command === 'bulkAccept' ? 'accept' : 'reject');
      return;
    }
    const current = currentRow();
    const rows = list.children;
    if (command === 'next' || command === 'previous') {
      event.preventDefault();
      const index = current ? current.index + (command === 'next' ? 1 : -1) : 0;
      const target = rows[Math.max(0, Math.min(index, rows.length - 1))];
      if (target instanceof HTMLElement) {
        target.focus();
        target.scrollIntoView({ block: 'nearest' });
      }
      return;
    }
    if (!current) return;
    event.preventDefault();
    const { row, item } = current;
    // A shortcut acts on the row: focus moves to the row itself, so the next key press goes on from there.
    if (document.activeElement !== row) row.focus();
    if (command === 'select') onSelect(item, !selected.has(item.id), false);
    else if (command === 'duplicate') {
      if (item.duplicateOf !== null && item.duplicateOf !== undefined && item.moderation !== 'rejected') void duplicate(item, item.duplicateOf, row);
    } else if (command === 'accept' || command === 'reject' || command === 'meta') {
      if (command === 'accept' && item.moderation === 'accepted' && !item.isMeta) return;
      if (command === 'reject' && item.moderation === 'rejected') return;
      if (command === 'meta' && item.isMeta && item.moderation === 'accepted') return;
      void act(item, command, row);
    }
  }

  const element = el('div', { class: 'kuulo-queue' }, [
    el('div', { class: 'kuulo-queue-tools' }, [
      el('div', { class: 'kuulo-queue-filters' }, [
        el('div', { class: 'kuulo-queue-field kuulo-queue-search' }, [
          el('label', { attrs: { for: searchId } }, [t.t('queue.search.label')]),
          search,
          el('span', { class: 'kuulo-hint', attrs: { id: searchHintId } }, [t.t('queue.search.hint')]),
        ]),
        el('div', { class: 'kuulo-queue-field kuulo-queue-filter' }, [el('label', { attrs: { for: selectId } }, [t.t('moderate.show')]), select]),
        el('div', { class: 'kuulo-queue-field' }, [el('label', { attrs: { for: sortId } }, [t.t('queue.sort.label')]), sortSelect]),
      ]),
      el('div', { class: 'kuulo-queue-bulk', attrs: { role: 'group', 'aria-label': t.t('queue.bulk.label') } }, [
        el('label', { class: 'kuulo-queue-all' }, [selectAll, ' ', t.t('queue.select.all')]),
        selectedCount,
        bulkAccept,
        bulkReject,
        clear,
      ]),
    ]),
    shortcutHelp(t),
    summary,
    list,
    more,
  ]);
  // Anywhere on the page (not while typing): "/" goes to the search and J / K to the statements.
  document.addEventListener('keydown', onKey);
  showSelection();
  return { element, refresh: () => load(false) };
}
