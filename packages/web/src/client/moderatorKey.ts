import type { Translator } from '@kuulo/viz';
import { el, uniqueId } from './el';
import { safeStorage } from './safeStorage';

/** The moderator key of one conversation, kept for this browser tab only (sessionStorage). */
export function moderatorKeyStore(conversationId: string): { get(): string | null; set(key: string): void; clear(): void } {
  const storage = safeStorage('session');
  const name = `kuulo.moderator.${conversationId}`;
  return {
    get: () => storage.getItem(name),
    set: (key) => storage.setItem(name, key),
    clear: () => storage.removeItem(name),
  };
}

/** The words of a key form, already translated (the admin console asks for its own key). */
export interface KeyFormTexts {
  title: string;
  hint: string;
  label: string;
  open: string;
}

/**
 * Asks for the moderator key (or, with `texts`, another key). `check` resolves to null when the
 * key works, or to a message saying why not; the form stays until a key works.
 */
export function moderatorKeyForm(t: Translator, check: (key: string) => Promise<string | null>, initialMessage = '', texts?: KeyFormTexts): HTMLElement {
  const words = texts ?? { title: t.t('moderate.key.title'), hint: t.t('moderate.key.hint'), label: t.t('moderate.key.label'), open: t.t('moderate.key.open') };
  const inputId = uniqueId('moderator-key');
  const hintId = uniqueId('moderator-key-hint');
  const input = el('input', {
    class: 'kuulo-input',
    attrs: { id: inputId, name: 'key', type: 'password', required: true, autocomplete: 'current-password', spellcheck: 'false', 'aria-describedby': hintId },
  });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'alert' } }, [initialMessage]);
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [words.open]);
  const form = el('form', { class: 'kuulo-card kuulo-key-form' }, [
    el('h2', { class: 'kuulo-card-title' }, [words.title]),
    el('p', { class: 'kuulo-hint', attrs: { id: hintId } }, [words.hint]),
    el('label', { attrs: { for: inputId } }, [words.label]),
    el('div', { class: 'kuulo-row' }, [input, button]),
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') {
      status.textContent = t.t('moderate.key.empty');
      input.focus();
      return;
    }
    button.disabled = true;
    status.textContent = t.t('moderate.key.checking');
    void check(key).then((problem) => {
      button.disabled = false;
      status.textContent = problem ?? '';
      if (problem) input.focus();
    });
  });
  queueMicrotask(() => input.focus());
  return form;
}
