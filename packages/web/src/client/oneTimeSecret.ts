import type { Translator } from '@kuulo/viz';
import { copyField } from './copyField';
import { el, uniqueId } from './el';

export interface OneTimeSecretOptions {
  title: string;
  /** Why it is shown once and where it goes. */
  hint: string;
  /** The field's label. */
  label: string;
  value: string;
  announce: (text: string) => void;
}

/**
 * A secret the server returns only once (a moderator key, an xid secret), in a read-only field
 * with a copy button. Kept as text in the DOM only while the view is open; never stored.
 */
export function oneTimeSecret(t: Translator, options: OneTimeSecretOptions): HTMLElement {
  const inputId = uniqueId('secret');
  const hintId = uniqueId('secret-hint');
  const input = el('input', { class: 'kuulo-input kuulo-secret-value', attrs: { id: inputId, readonly: true, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': hintId } });
  input.value = options.value;
  const copy = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('admin.secret.copy')]);
  copy.addEventListener('click', () =>
    copyField(
      input,
      () => options.announce(t.t('admin.secret.copied', { what: options.label })),
      () => options.announce(t.t('admin.secret.copyByHand')),
    ),
  );
  return el('div', { class: 'kuulo-secret', attrs: { role: 'group', 'aria-labelledby': `${inputId}-title` } }, [
    el('h3', { class: 'kuulo-secret-title', attrs: { id: `${inputId}-title` } }, [options.title]),
    el('p', { class: 'kuulo-hint', attrs: { id: hintId } }, [options.hint]),
    el('label', { attrs: { for: inputId } }, [options.label]),
    el('div', { class: 'kuulo-row' }, [input, copy]),
  ]);
}
