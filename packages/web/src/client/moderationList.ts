import type { Translator } from '@kuulo/viz';
import { errorMessage, type ApiClient } from './apiClient';
import type { PageOf, QueueItem, StatementTranslation } from './apiTypes';
import { el, replaceChildren, uniqueId } from './el';
import { languageName } from './languageName';

export type QueueState = 'pending' | 'accepted' | 'rejected' | 'meta' | 'all';

export interface ModerationList {
  readonly element: HTMLElement;
  /** Reloads the shown state (after events from other moderators or participants). */
  refresh(): Promise<void>;
}

type Action = 'accept' | 'reject' | 'meta';

const actions: Record<Action, { moderation: 'accepted' | 'rejected'; isMeta?: boolean }> = {
  accept: { moderation: 'accepted', isMeta: false },
  reject: { moderation: 'rejected' },
  // Meta statements (about the conversation itself) stay visible but are left out of the math.
  meta: { moderation: 'accepted', isMeta: true },
};

const states: readonly QueueState[] = ['pending', 'accepted', 'rejected', 'meta', 'all'];

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

/** A language code, shown and marked: the code on screen, the language's name for screen readers and on hover. */
function languageTag(lang: string | null, label: string): HTMLElement {
  return el('span', { class: 'kuulo-lang-tag', attrs: { title: label } }, [
    el('span', { attrs: { 'aria-hidden': 'true' } }, [lang ?? '?']),
    el('span', { class: 'kuulo-visually-hidden' }, [label]),
  ]);
}

/**
 * The moderation queue: statements of one state (pending by default) with accept / reject /
 * meta buttons, each shown in its original language with its translations and a "Languages"
 * editor (correct the language, add or fix a translation into each of the conversation's
 * languages). Outcomes are announced through `announce` (a live region on the page).
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
  let items: QueueItem[] = [];
  let next: number | null = null;
  // Drawn items by id with the data they show: unchanged ones are kept, so an open editor and its drafts survive refreshes.
  const drawn = new Map<number, { key: string; node: HTMLLIElement }>();
  const openEditors = new Set<number>();
  const selectId = uniqueId('queue-state');
  const select = el(
    'select',
    { class: 'kuulo-input', attrs: { id: selectId } },
    states.map((value) => el('option', { attrs: { value } }, [t.t(`moderate.state.${value}`)])),
  );
  const list = el('ul', { class: 'kuulo-items', attrs: { 'aria-live': 'off' } });
  const more = el('button', { class: 'kuulo-button', attrs: { type: 'button' } }, [t.t('moderate.more')]);
  // Focusable from script only: where focus goes when the last statement of the list was moderated.
  const summary = el('p', { class: 'kuulo-muted', attrs: { tabindex: -1 } });
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
    summary.textContent = total === 0 ? t.t(state === 'pending' ? 'moderate.nothingPending' : 'moderate.noneInState') : t.t('moderate.count', { count: total });
    // Focus stays on the same control when its item is drawn again (say, after saving a translation).
    const active = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = active?.dataset.focus;
    const focusItem = active?.closest<HTMLElement>('[data-statement-id]')?.dataset.statementId;
    const langs = languages().join(',');
    const nodes = items.map((item) => {
      const key = JSON.stringify([item, langs]);
      const old = drawn.get(item.id);
      if (old && old.key === key) return old.node;
      const node = itemView(item);
      drawn.set(item.id, { key, node });
      return node;
    });
    replaceChildren(list, nodes);
    more.hidden = next === null;
    if (active && !active.isConnected && focusKey && focusItem) list.querySelector<HTMLElement>(`[data-statement-id="${focusItem}"] [data-focus="${focusKey}"]`)?.focus();
  }

  function itemView(item: QueueItem): HTMLLIElement {
    const textId = uniqueId('queue-text');
    const who = item.isSeed ? t.t('moderate.who.seed') : item.authorPid === null ? t.t('moderate.who.unknown') : t.t('moderate.who.participant', { pid: String(item.authorPid) });
    const { agree, disagree, pass } = item.tally;
    const badges = [
      el('span', { class: `kuulo-badge kuulo-badge-${item.moderation}` }, [t.t(`moderate.badge.${item.moderation}`)]),
      item.isMeta && el('span', { class: 'kuulo-badge kuulo-badge-meta' }, [t.t('moderate.badge.meta')]),
    ];
    const buttons = actionsFor(item).map((action) =>
      el(
        'button',
        {
          class: `kuulo-button kuulo-small kuulo-action-${action}`,
          attrs: { type: 'button', 'aria-describedby': textId, 'data-focus': `action-${action}` },
          on: { click: (event) => void act(item, action, event.currentTarget as HTMLButtonElement) },
        },
        // On an accepted meta statement, "accept" only takes the meta mark away.
        [t.t(action === 'accept' && item.isMeta && item.moderation === 'accepted' ? 'moderate.action.notMeta' : `moderate.action.${action}`)],
      ),
    );
    const original = item.lang ? t.t('moderate.lang.original', { language: languageName(item.lang, t) }) : t.t('moderate.lang.unknown');
    const translations = Object.entries(item.translations ?? {}).filter(([lang]) => lang !== item.lang);
    return el('li', { class: 'kuulo-item', attrs: { 'data-statement-id': item.id } }, [
      el('p', { class: 'kuulo-item-text' }, [languageTag(item.lang, original), ' ', el('span', { attrs: { id: textId, lang: item.lang ?? undefined } }, [item.text])]),
      translations.length > 0 &&
        el(
          'ul',
          { class: 'kuulo-translations', attrs: { 'aria-label': t.t('moderate.translations') } },
          translations.map(([lang, translation]) =>
            el('li', { class: 'kuulo-translation' }, [
              languageTag(lang, t.t('moderate.lang.translation', { language: languageName(lang, t) })),
              ' ',
              el('span', { attrs: { lang } }, [translation.text]),
              ' ',
              el('span', { class: `kuulo-badge kuulo-source-${translation.source}` }, [t.t(`moderate.source.${translation.source}`)]),
            ]),
          ),
        ),
      el('p', { class: 'kuulo-item-meta' }, [
        t.t('moderate.itemMeta', { id: String(item.id), who, agree, disagree, pass }),
        ' ',
        ...badges,
      ]),
      el('div', { class: 'kuulo-actions', attrs: { role: 'group', 'aria-label': t.t('moderate.group', { id: String(item.id) }) } }, buttons),
      languagesEditor(item),
    ]);
  }

  /** Per statement: correct the original's language, and write, fix or remove its translation into each other conversation language. */
  function languagesEditor(item: QueueItem): HTMLElement {
    const conversationLanguages = languages();
    const choices = [...new Set([...conversationLanguages, ...(item.lang ? [item.lang] : [])])];
    const langId = uniqueId('statement-lang');
    const langSelect = el('select', { class: 'kuulo-input', attrs: { id: langId, 'data-focus': 'lang' } }, [
      !item.lang && el('option', { attrs: { value: '', selected: true } }, [t.t('moderate.lang.unknownOption')]),
      ...choices.map((lang) => el('option', { attrs: { value: lang, selected: lang === item.lang } }, [t.t('moderate.lang.option', { language: languageName(lang, t), code: lang })])),
    ]);
    const langButton = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-focus': 'lang-save' } }, [t.t('moderate.lang.save')]);
    langButton.addEventListener('click', () => {
      if (langSelect.value === '' || langSelect.value === item.lang) return;
      const lang = langSelect.value;
      void change(item.id, langButton, () => api.send('PATCH', `/statements/${item.id}`, { lang }, auth()), t.t('moderate.lang.saved', { id: String(item.id), language: languageName(lang, t) }));
    });
    const source = item.lang && item.langSource ? el('p', { class: 'kuulo-hint' }, [t.t(`moderate.lang.source.${item.langSource}`)]) : null;

    const targets = conversationLanguages.filter((lang) => lang !== item.lang);
    const fields = targets.map((lang) => translationField(item, lang, item.translations?.[lang]));
    const details = el('details', { class: 'kuulo-languages-editor', attrs: { open: openEditors.has(item.id) } }, [
      el('summary', { attrs: { 'data-focus': 'summary' } }, [t.t('moderate.languages')]),
      el('div', { class: 'kuulo-field' }, [el('label', { attrs: { for: langId } }, [t.t('moderate.lang.label')]), el('div', { class: 'kuulo-row' }, [langSelect, langButton]), source]),
      ...fields,
      targets.length === 0 && el('p', { class: 'kuulo-hint' }, [t.t('moderate.languages.none')]),
    ]);
    details.addEventListener('toggle', () => {
      if (details.open) openEditors.add(item.id);
      else openEditors.delete(item.id);
    });
    return details;
  }

  function translationField(item: QueueItem, lang: string, current: StatementTranslation | undefined): HTMLElement {
    const language = languageName(lang, t);
    const id = uniqueId('translation');
    const hintId = uniqueId('translation-hint');
    const input = el('textarea', { class: 'kuulo-input', attrs: { id, lang, rows: 2, 'aria-describedby': hintId, 'data-focus': `text-${lang}` } });
    input.value = current?.text ?? '';
    const button = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'data-focus': `save-${lang}` } }, [t.t('moderate.translation.save', { language })]);
    button.addEventListener('click', () => {
      const text = input.value.trim();
      if (text === (current?.text ?? '') && current?.source !== 'machine') return;
      if (text === '' && !current) return;
      const path = `/statements/${item.id}/translations/${encodeURIComponent(lang)}`;
      const values = { id: String(item.id), language };
      if (text === '') void change(item.id, button, () => api.send('DELETE', path, undefined, auth()), t.t('moderate.translation.removed', values));
      else void change(item.id, button, () => api.send('PUT', path, { text }, auth()), t.t('moderate.translation.saved', values));
    });
    return el('div', { class: 'kuulo-field kuulo-translation-field' }, [
      el('label', { attrs: { for: id } }, [t.t('moderate.translation.label', { language })]),
      current?.source === 'machine' && el('span', { class: 'kuulo-machine-label' }, [t.t('moderate.source.machine')]),
      input,
      el('p', { class: 'kuulo-hint', attrs: { id: hintId } }, [t.t(current?.source === 'machine' ? 'moderate.translation.machineHint' : 'moderate.translation.hint')]),
      button,
    ]);
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
      announce(t.t('moderate.failed', { id: String(id), message: errorMessage(error) }));
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Keyboard focus after an item was acted on: the same control if the item is still drawn, else the
   * same action on the item that took its place (the next one, or the last), else the list's summary.
   */
  function keepFocus(id: number, index: number, button: HTMLButtonElement): void {
    if (button.isConnected && !button.disabled) return button.focus();
    const drawn = list.querySelector<HTMLElement>(`[data-statement-id="${id}"]`);
    const same = drawn?.querySelector<HTMLElement>(`[data-focus="${button.dataset.focus}"]`) ?? drawn?.querySelector<HTMLElement>('.kuulo-actions button');
    if (same) return same.focus();
    const rows = [...list.children] as HTMLElement[];
    const row = rows[Math.min(index, rows.length - 1)];
    const target = row?.querySelector<HTMLElement>(`[data-focus="${button.dataset.focus}"]`) ?? row?.querySelector<HTMLElement>('.kuulo-actions button');
    if (target) target.focus();
    else summary.focus();
  }

  async function act(item: QueueItem, action: Action, button: HTMLButtonElement): Promise<void> {
    const hadFocus = button === document.activeElement;
    const index = items.findIndex((i) => i.id === item.id);
    button.disabled = true;
    // Disabling the pressed button drops focus to the page; the next Enter must act on the next statement.
    const lostFocus = (): boolean => hadFocus && (document.activeElement === document.body || document.activeElement === null || !document.activeElement.isConnected);
    try {
      const updated = await api.send<QueueItem>('PATCH', `/statements/${item.id}`, actions[action], auth());
      items = items.flatMap((i) => (i.id !== item.id ? [i] : matches(updated, state) ? [updated] : []));
      announce(t.t(`moderate.done.${action}`, { id: String(item.id) }));
      await load(false);
      if (lostFocus()) keepFocus(item.id, Math.max(0, index), button);
    } catch (error) {
      button.disabled = false;
      if (lostFocus()) button.focus();
      announce(t.t('moderate.failed', { id: String(item.id), message: errorMessage(error) }));
    }
  }

  const element = el('div', { class: 'kuulo-queue' }, [
    el('div', { class: 'kuulo-row kuulo-queue-filter' }, [el('label', { attrs: { for: selectId } }, [t.t('moderate.show')]), select]),
    summary,
    list,
    more,
  ]);
  return { element, refresh: () => load(false) };
}
