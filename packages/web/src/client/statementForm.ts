import { el, uniqueId } from './el';

export interface StatementForm {
  readonly element: HTMLElement;
  setOpen(open: boolean): void;
}

export interface StatementFormOptions {
  /** Longest statement accepted. */
  maxLength: number;
  /** Section heading. Default "Add your own statement". */
  title?: string;
  /** Hint under the heading. Default asks for one short idea. */
  hint?: string;
  /** Submit button text. Default "Submit statement". */
  button?: string;
}

/**
 * "Write a statement": a labelled textarea with a character count. `onSubmit` returns the
 * message to show (or throws one); the text is cleared after a successful submission.
 */
export function statementForm(options: StatementFormOptions, onSubmit: (text: string) => Promise<string>): StatementForm {
  const { maxLength } = options;
  const ids = { heading: uniqueId('write-heading'), input: uniqueId('write-input'), hint: uniqueId('write-hint'), count: uniqueId('write-count') };
  const input = el('textarea', {
    class: 'kuulo-input',
    attrs: { id: ids.input, name: 'text', rows: 3, maxlength: maxLength, required: true, 'aria-describedby': `${ids.hint} ${ids.count}` },
  });
  const count = el('span', { class: 'kuulo-count', attrs: { id: ids.count } });
  const button = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [options.button ?? 'Submit statement']);
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  let open = true;
  let sending = false;
  const refresh = (): void => {
    count.textContent = `${input.value.length} / ${maxLength} characters`;
    button.disabled = !open || sending;
    input.disabled = !open;
  };
  input.addEventListener('input', refresh);

  const form = el('form', { class: 'kuulo-write-form', attrs: { novalidate: true } }, [
    el('label', { attrs: { for: ids.input } }, ['Your statement']),
    input,
    el('div', { class: 'kuulo-row kuulo-write-row' }, [count, button]),
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') {
      status.textContent = 'Write a statement first.';
      input.focus();
      return;
    }
    sending = true;
    refresh();
    status.textContent = 'Sending…';
    onSubmit(text)
      .then((message) => {
        input.value = '';
        status.textContent = message;
      })
      .catch((error: unknown) => {
        status.textContent = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        sending = false;
        refresh();
      });
  });
  refresh();

  const element = el('section', { class: 'kuulo-card kuulo-write', attrs: { 'aria-labelledby': ids.heading } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: ids.heading } }, [options.title ?? 'Add your own statement']),
    el('p', { class: 'kuulo-hint', attrs: { id: ids.hint } }, [options.hint ?? 'One short idea that others can agree or disagree with.']),
    form,
  ]);
  return {
    element,
    setOpen(value) {
      open = value;
      refresh();
      if (!open) status.textContent = 'This conversation is closed: no new statements.';
    },
  };
}
