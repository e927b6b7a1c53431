import type { Translator } from '@kuulo/viz';
import { el, replaceChildren } from './el';
import { safeStorage } from './safeStorage';

/** GET …/participants/me/duplicates. */
export interface MyDuplicates {
  items: { statementId: number; text: string; duplicateOf: { id: number; text: string; lang: string | null } }[];
  pending: number[];
}

export interface DuplicateNotice {
  /** The notice; empty and hidden while there is nothing to say. */
  element: HTMLElement;
  /** Fetches the list again (on load, and when a `moderation` event names one of the participant's pending statements). */
  refresh(): Promise<void>;
  /** A `moderation` event: refreshes only when it concerns one of this participant's pending statements. */
  moderated(statementId: number): void;
}

/**
 * Tells the author of a statement rejected as a duplicate which statement says the same, so they can
 * vote on that one instead. Each notice can be dismissed; dismissed ones stay hidden on this device.
 * Texts go in as text nodes, never as HTML.
 */
export function duplicateNotice(t: Translator, conversationId: string, load: () => Promise<MyDuplicates>): DuplicateNotice {
  const storage = safeStorage('local');
  const seenKey = `kuulo.duplicatesSeen.${conversationId}`;
  const seen = new Set<number>((storage.getItem(seenKey) ?? '').split(',').filter(Boolean).map(Number));
  let pending = new Set<number>();
  let items: MyDuplicates['items'] = [];
  const list = el('ul', { class: 'kuulo-duplicate-list' });
  // A polite live region: a moderator's decision can arrive while the participant is voting.
  const element = el('section', { class: 'kuulo-card kuulo-duplicates', attrs: { 'aria-live': 'polite', 'aria-label': t.t('dup.notice.label') } }, [list]);

  const render = (): void => {
    const shown = items.filter((item) => !seen.has(item.statementId));
    element.hidden = shown.length === 0;
    replaceChildren(
      list,
      shown.map((item) =>
        el('li', { class: 'kuulo-duplicate' }, [
          el('p', { class: 'kuulo-duplicate-text' }, [t.t('dup.notice.text', { mine: item.text, id: item.duplicateOf.id })]),
          el('blockquote', { class: 'kuulo-duplicate-target', attrs: { lang: item.duplicateOf.lang ?? undefined } }, [item.duplicateOf.text]),
          el('p', { class: 'kuulo-hint' }, [t.t('dup.notice.vote')]),
          el('button', { class: 'kuulo-button', attrs: { type: 'button' }, on: { click: () => dismiss(item.statementId) } }, [t.t('dup.notice.dismiss')]),
        ]),
      ),
    );
  };

  const dismiss = (statementId: number): void => {
    seen.add(statementId);
    storage.setItem(seenKey, [...seen].join(','));
    render();
    // The button that had focus is gone: keep keyboard users on the page.
    const next = element.querySelector<HTMLButtonElement>('button');
    if (next) next.focus();
  };

  const refresh = async (): Promise<void> => {
    try {
      const reply = await load();
      items = reply.items;
      pending = new Set(reply.pending);
      render();
    } catch {
      // Not knowing about duplicates must never stop anyone voting.
    }
  };

  render();
  return { element, refresh, moderated: (statementId) => void (pending.has(statementId) && refresh()) };
}
