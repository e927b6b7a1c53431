import type { Translator } from '@kuulo/viz';
import { errorMessage, type ApiClient } from './apiClient';
import type { LocalizedText, QuestionsChange, QuestionsReply } from './apiTypes';
import { el, replaceChildren, uniqueId } from './el';
import { languageName } from './languageName';

interface AnswerDraft {
  key: string;
  text: LocalizedText;
  /** Population share in percent as typed ('' for none). */
  percent: string;
}

interface QuestionDraft {
  key: string;
  text: LocalizedText;
  meta: number | null;
  answers: AnswerDraft[];
}

export interface QuestionsEditorOptions {
  t: Translator;
  api: ApiClient;
  auth: () => Record<string, string>;
  /** The conversation's languages, main first: a text field per language. */
  languages: () => readonly string[];
}

const maxQuestions = 10;
const maxAnswers = 12;

const percentOf = (share: number | null): string => (share === null ? '' : String(Math.round(share * 10000) / 100));

/**
 * The moderator's "Participant questions": questions with a key, a text per conversation language
 * and 2–12 answers, each with an optional population share (%), and after how many votes they are
 * asked. Saved whole with PUT …/questions; the server's message names what it refused.
 */
export function questionsEditor(options: QuestionsEditorOptions): HTMLElement {
  const { t, api, auth } = options;
  const headingId = uniqueId('questions-editor');
  let drafts: QuestionDraft[] = [];
  const askId = uniqueId('ask-after');
  const askAfter = el('input', {
    class: 'kuulo-input kuulo-input-number',
    attrs: { id: askId, name: 'askAfterVotes', type: 'number', inputmode: 'numeric', min: 0, max: 50, step: 1, required: true, value: 3, 'aria-describedby': `${askId}-hint` },
  });
  const list = el('div', { class: 'kuulo-questions-list' });
  const status = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const addQuestion = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('questions.addQuestion')]);
  const saveButton = el('button', { class: 'kuulo-button kuulo-primary', attrs: { type: 'submit' } }, [t.t('questions.save')]);

  const fill = (reply: QuestionsReply): void => {
    askAfter.value = String(reply.askAfterVotes);
    drafts = reply.questions.map((q) => ({ key: q.key, text: { ...q.text }, meta: q.meta, answers: q.answers.map((a) => ({ key: a.key, text: { ...a.text }, percent: percentOf(a.population) })) }));
    render();
  };

  /** A text input per conversation language, bound to `text` (other languages' texts are kept as they are). */
  const textFields = (text: LocalizedText, labelKey: string, name: string): HTMLElement[] =>
    options.languages().map((lang) => {
      const id = uniqueId(name);
      const input = el('input', { class: 'kuulo-input', attrs: { id, name, lang, maxlength: 500, 'data-lang': lang, value: text[lang] ?? '' } });
      input.addEventListener('input', () => {
        if (input.value.trim() === '') delete text[lang];
        else text[lang] = input.value;
      });
      return el('div', { class: 'kuulo-field' }, [el('label', { attrs: { for: id } }, [t.t(labelKey, { language: languageName(lang, t) })]), input]);
    });

  const keyField = (draft: { key: string }, labelKey: string, readonly = false): HTMLElement => {
    const id = uniqueId('key');
    const input = el('input', {
      class: 'kuulo-input kuulo-input-key',
      attrs: { id, name: 'key', required: true, readonly, maxlength: 40, pattern: '[a-z0-9_\\-]{1,40}', autocapitalize: 'none', spellcheck: 'false', value: draft.key, 'aria-describedby': `${id}-hint` },
    });
    input.addEventListener('input', () => (draft.key = input.value.trim()));
    return el('div', { class: 'kuulo-field' }, [el('label', { attrs: { for: id } }, [t.t(labelKey)]), input, el('p', { class: 'kuulo-hint', attrs: { id: `${id}-hint` } }, [t.t('questions.key.hint')])]);
  };

  function answerView(question: QuestionDraft, answer: AnswerDraft, q: number, a: number): HTMLElement {
    const percentId = uniqueId('population');
    const percent = el('input', { class: 'kuulo-input kuulo-input-number', attrs: { id: percentId, name: 'population', type: 'number', min: 0, max: 100, step: 'any', inputmode: 'decimal', value: answer.percent } });
    percent.addEventListener('input', () => (answer.percent = percent.value));
    const remove = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', disabled: question.answers.length <= 2 || question.meta !== null } }, [t.t('questions.removeAnswer', { number: a + 1 })]);
    remove.addEventListener('click', () => {
      question.answers.splice(a, 1);
      render();
      list.querySelector<HTMLElement>(`[data-question="${q}"] .kuulo-add-answer`)?.focus();
    });
    return el('fieldset', { class: 'kuulo-fieldset kuulo-answer-edit', attrs: { 'data-answer': a } }, [
      el('legend', {}, [t.t('questions.answer', { number: a + 1 })]),
      // A meta statement's answers are its votes: their keys are fixed.
      keyField(answer, 'questions.answerKey', question.meta !== null),
      ...textFields(answer.text, 'questions.answerText', 'answer-text'),
      el('div', { class: 'kuulo-field' }, [el('label', { attrs: { for: percentId } }, [t.t('questions.population')]), percent]),
      remove,
    ]);
  }

  function questionView(question: QuestionDraft, q: number): HTMLElement {
    const addAnswer = el('button', { class: 'kuulo-button kuulo-small kuulo-add-answer', attrs: { type: 'button', disabled: question.answers.length >= maxAnswers || question.meta !== null } }, [t.t('questions.addAnswer')]);
    addAnswer.addEventListener('click', () => {
      question.answers.push({ key: '', text: {}, percent: '' });
      render();
      list.querySelector<HTMLElement>(`[data-question="${q}"] [data-answer="${question.answers.length - 1}"] input`)?.focus();
    });
    const remove = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('questions.removeQuestion', { number: q + 1 })]);
    remove.addEventListener('click', () => {
      drafts.splice(q, 1);
      render();
      addQuestion.focus();
    });
    return el('fieldset', { class: 'kuulo-fieldset kuulo-question-edit', attrs: { 'data-question': q } }, [
      el('legend', {}, [t.t('questions.question', { number: q + 1 })]),
      keyField(question, 'questions.key'),
      question.meta !== null && el('p', { class: 'kuulo-hint' }, [t.t('questions.meta', { id: String(question.meta) })]),
      ...textFields(question.text, 'questions.text', 'question-text'),
      el('p', { class: 'kuulo-hint' }, [t.t('questions.population.hint')]),
      ...question.answers.map((answer, a) => answerView(question, answer, q, a)),
      el('div', { class: 'kuulo-row' }, [addAnswer, remove]),
    ]);
  }

  function render(): void {
    replaceChildren(list, drafts.length === 0 ? [el('p', { class: 'kuulo-muted' }, [t.t('questions.none')])] : drafts.map(questionView));
    addQuestion.disabled = drafts.length >= maxQuestions;
  }

  addQuestion.addEventListener('click', () => {
    drafts.push({ key: '', text: {}, meta: null, answers: [{ key: '', text: {}, percent: '' }, { key: '', text: {}, percent: '' }] });
    render();
    list.querySelector<HTMLElement>(`[data-question="${drafts.length - 1}"] input`)?.focus();
  });

  // Imported Polis conversations: a meta statement ("I live in district X") becomes a question its votes answer.
  const metaId = uniqueId('meta-statement');
  const metaInput = el('input', { class: 'kuulo-input kuulo-input-number', attrs: { id: metaId, name: 'metaStatement', type: 'number', inputmode: 'numeric', min: 0, step: 1, 'aria-describedby': `${metaId}-hint` } });
  const addMeta = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('questions.addMeta')]);
  addMeta.addEventListener('click', () => {
    const tid = Number(metaInput.value);
    if (metaInput.value.trim() === '' || !Number.isInteger(tid) || tid < 0 || drafts.length >= maxQuestions) {
      metaInput.focus();
      return;
    }
    const lang = options.languages()[0] ?? 'en';
    drafts.push({
      key: `meta-${tid}`,
      text: {},
      meta: tid,
      answers: [
        { key: 'agree', text: { [lang]: t.t('questions.metaAgree') }, percent: '' },
        { key: 'disagree', text: { [lang]: t.t('questions.metaDisagree') }, percent: '' },
      ],
    });
    metaInput.value = '';
    render();
    list.querySelector<HTMLElement>(`[data-question="${drafts.length - 1}"] input[name="question-text"]`)?.focus();
  });

  const body = (): QuestionsChange => ({
    askAfterVotes: Number(askAfter.value),
    questions: drafts.map((q) => ({
      key: q.key,
      text: q.text,
      ...(q.meta !== null && { meta: q.meta }),
      // An empty field sends no share: the answer is not weighted by this question.
      answers: q.answers.map((a) => ({ key: a.key, text: a.text, ...(a.percent.trim() !== '' && { population: Number(a.percent) / 100 }) })),
    })),
  });

  const form = el('form', { class: 'kuulo-questions-form' }, [
    el('label', { attrs: { for: askId } }, [t.t('questions.askAfter')]),
    askAfter,
    el('p', { class: 'kuulo-hint', attrs: { id: `${askId}-hint` } }, [t.t('questions.askAfter.hint')]),
    list,
    el('div', { class: 'kuulo-row' }, [addQuestion]),
    el('div', { class: 'kuulo-field kuulo-meta-question' }, [
      el('label', { attrs: { for: metaId } }, [t.t('questions.metaStatement')]),
      el('p', { class: 'kuulo-hint', attrs: { id: `${metaId}-hint` } }, [t.t('questions.metaStatement.hint')]),
      el('div', { class: 'kuulo-row' }, [metaInput, addMeta]),
    ]),
    saveButton,
    status,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveButton.disabled = true;
    status.textContent = t.t('settings.saving');
    api
      .send<QuestionsReply>('PUT', '/questions', body(), auth())
      .then((reply) => {
        fill(reply);
        status.textContent = t.t('questions.saved');
      })
      .catch((error: unknown) => {
        // The server's message names the question or answer it refused (a moderator can act on it).
        status.textContent = errorMessage(error, t);
      })
      .finally(() => (saveButton.disabled = false));
  });

  render();
  void api.get<QuestionsReply>('/questions').then(fill, (error: unknown) => (status.textContent = errorMessage(error, t)));

  return el('section', { class: 'kuulo-card kuulo-questions-editor', attrs: { id: 'participant-questions', 'aria-labelledby': headingId } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('questions.title')]),
    el('p', { class: 'kuulo-hint' }, [t.t('questions.hint')]),
    form,
  ]);
}
