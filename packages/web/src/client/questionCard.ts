import type { Translator } from '@kuulo/viz';
import type { Question } from './apiTypes';
import { el, uniqueId } from './el';
import { localText } from './localText';

export interface QuestionCard {
  readonly element: HTMLElement;
  /** Shows one question (with `current` chosen when changing an earlier answer) and moves focus to its heading. */
  show(question: Question, current?: string | null): void;
  /** Whether a question is on screen. */
  showing(): boolean;
  hide(): void;
  /** While the answer is being sent the buttons do nothing (they keep keyboard focus). */
  setBusy(busy: boolean): void;
  notice(text: string): void;
}

/**
 * One optional question about the participant (district, age band…) as a radio group with
 * "Answer" and "Skip". `onAnswer` gets the answer key, or null for a skip.
 */
export function questionCard(t: Translator, languages: readonly string[], onAnswer: (question: Question, answer: string | null) => void): QuestionCard {
  const headingId = uniqueId('question-heading');
  const hintId = uniqueId('question-hint');
  let current: Question | null = null;
  let busy = false;

  const heading = el('h2', { class: 'kuulo-card-title', attrs: { id: headingId, tabindex: -1 } }, [t.t('participant.question.title')]);
  const legend = el('legend', { class: 'kuulo-question-text' });
  const choices = el('div', { class: 'kuulo-question-answers' });
  const noticeLine = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const answerButton = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('participant.question.answer')]);
  const skipButton = el('button', { class: 'kuulo-button', attrs: { type: 'button' }, on: { click: () => current && !busy && onAnswer(current, null) } }, [t.t('participant.question.skip')]);
  const form = el('form', { class: 'kuulo-question-form' }, [
    el('fieldset', { class: 'kuulo-fieldset', attrs: { 'aria-describedby': hintId } }, [legend, choices]),
    el('p', { class: 'kuulo-hint', attrs: { id: hintId } }, [t.t('participant.question.optional')]),
    el('div', { class: 'kuulo-question-buttons' }, [answerButton, skipButton]),
    noticeLine,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!current || busy) return;
    const chosen = choices.querySelector<HTMLInputElement>('input:checked');
    if (!chosen) {
      noticeLine.textContent = t.t('participant.question.choose');
      choices.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    onAnswer(current, chosen.value);
  });
  const element = el('section', { class: 'kuulo-card kuulo-question', attrs: { 'aria-labelledby': headingId } }, [heading, form]);
  element.hidden = true;

  const setButtons = (): void => {
    // Busy buttons say so instead of being disabled, which would drop keyboard focus to the page.
    for (const button of [answerButton, skipButton]) {
      if (busy) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    }
  };

  return {
    element,
    show(question, chosen) {
      current = question;
      const name = uniqueId('question');
      const text = localText(question.text, t.lang, languages);
      legend.textContent = text.text;
      // Marked only when the text is not in the page's language (a fallback), so screen readers switch voice.
      if (text.lang && text.lang !== t.lang) legend.setAttribute('lang', text.lang);
      else legend.removeAttribute('lang');
      choices.replaceChildren(
        ...question.answers.map((answer) => {
          const id = uniqueId('answer');
          const shown = localText(answer.text, t.lang, languages);
          const input = el('input', { attrs: { id, name, type: 'radio', value: answer.key, checked: chosen === answer.key } });
          return el('div', { class: 'kuulo-check' }, [input, el('label', { attrs: { for: id, ...(shown.lang && shown.lang !== t.lang && { lang: shown.lang }) } }, [shown.text])]);
        }),
      );
      noticeLine.textContent = '';
      busy = false;
      setButtons();
      element.hidden = false;
      heading.focus();
    },
    showing: () => !element.hidden,
    hide() {
      current = null;
      element.hidden = true;
    },
    setBusy(value) {
      busy = value;
      setButtons();
    },
    notice(text) {
      noticeLine.textContent = text;
    },
  };
}
