import type { Translator } from '@kuulo/viz';
import { ApiError, errorMessage } from './apiClient';
import { el, uniqueId } from './el';

export interface StatementForm {
  readonly element: HTMLElement;
  setOpen(open: boolean): void;
}

export interface StatementFormOptions {
  /** The page's translator. */
  t: Translator;
  /** Longest statement accepted. */
  maxLength: number;
  /** Section heading. Default "Add your own statement". */
  title?: string;
  /** Hint under the heading. Default asks for one short idea. */
  hint?: string;
  /** Submit button text. Default "Submit statement". */
  button?: string;
  /** Messages for API error codes that mean something else on this form (by code). Default none: the participant's wording. */
  errors?: Readonly<Record<string, string>>;
}

/**
 * "Write a statement": a labelled textarea with a character count. `onSubmit` returns the
 * message to show, or throws: an ApiError is said in plain words in the reader's language (never
 * the server's message), any other error by its message. The text is cleared after a successful submission.
 */
export function statementForm(options: StatementFormOptions, onSubmit: (text: string) => Promise<string>): StatementForm {
  const { maxLength, t } = options;
  const ids = { heading: uniqueId('write-heading'), input: uniqueId('write-input'), hint: uniqueId('write-hint'), count: uniqueId('write-count') };
  const input = el('textarea', {
    class: 'kuulo-input',
    attrs: { id: ids.input, name: 'text', rows: 3, maxlength: maxLength, required: true, 'aria-describedby': `${ids.hint} ${ids.count}` },
  });
  const count = el('span', { class: 'kuulo-count', attrs: { id: ids.count } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [options.button ?? t.t('participant.write.button')]);
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  let open = true;
  let sending = false;
  const refresh = (): void => {
    count.textContent = t.t('participant.write.count', { length: String(input.value.length), max: String(maxLength) });
    button.disabled = !open || sending;
    input.disabled = !open;
  };
  input.addEventListener('input', refresh);
  // The server's own message is for developers: people get the catalog's words, or a general one.
  const apiErrorText = (error: ApiError): string =>
    options.errors?.[error.code] ?? (t.has(`error.${error.code}`) ? t.t(`error.${error.code}`) : t.t('participant.write.failed'));

  const form = el('form', { class: 'kuulo-write-form', attrs: { novalidate: true } }, [
    el('label', { attrs: { for: ids.input } }, [t.t('participant.write.label')]),
    input,
    el('div', { class: 'kuulo-row kuulo-write-row' }, [count, button]),
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') {
      status.textContent = t.t('participant.write.empty');
      input.focus();
      return;
    }
    sending = true;
    refresh();
    status.textContent = t.t('common.sending');
    onSubmit(text)
      .then((message) => {
        input.value = '';
        status.textContent = message;
      })
      .catch((error: unknown) => {
        // A rejected submission keeps its text: the writer can change it and try again.
        status.textContent = error instanceof ApiError ? apiErrorText(error) : errorMessage(error, t);
      })
      .finally(() => {
        sending = false;
        refresh();
      });
  });
  refresh();

  const element = el('section', { class: 'kuulo-card kuulo-write', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, [options.title ?? t.t('participant.write.title')]),
    el('p', { class: 'kuulo-hint', attrs: { id: ids.hint } }, [options.hint ?? t.t('participant.write.hint')]),
    form,
  ]);
  return {
    element,
    setOpen(value) {
      open = value;
      refresh();
      if (!open) status.textContent = t.t('participant.closed.writing');
    },
  };
}
