import type { Translator } from '@kuulo/viz';
import { ApiError, errorMessage, type ApiClient } from './apiClient';
import type { AnswersReply, MyAnswers, Question, QuestionsReply } from './apiTypes';
import { disclosure } from './disclosure';
import { el } from './el';
import { localText } from './localText';
import type { ParticipantIdentity } from './participantIdentity';
import { questionCard } from './questionCard';

export interface ParticipantQuestions {
  /** The question card and the "Your answers" disclosure, in page order. */
  readonly elements: HTMLElement[];
  /** Fetches the conversation's questions (none when the server has no such route or fails). */
  load(): Promise<void>;
  /** Called with the participant's vote count after each statement shown: may put a question in place of the statement. */
  progressed(voted: number): void;
  /** Whether a question is on screen instead of the voting card. */
  asking(): boolean;
}

export interface ParticipantQuestionsOptions {
  t: Translator;
  api: ApiClient;
  identity: ParticipantIdentity;
  /** The conversation's languages, main first: where a question's text falls back to. */
  languages: readonly string[];
  /** Hides the voting card while a question is asked, and shows it (with focus on the statement) after. */
  setVoting(visible: boolean, focus: boolean): void;
}

/**
 * The optional questions about participants: after `askAfterVotes` votes, one unasked question at a
 * time in place of the next statement, answered or skipped; "Your answers" changes or removes them.
 * Meta questions are answered by their statement's vote and never asked.
 */
export function participantQuestions(options: ParticipantQuestionsOptions): ParticipantQuestions {
  const { t, api, identity, languages } = options;
  let setup: QuestionsReply = { askAfterVotes: 3, questions: [] };
  let answers: MyAnswers | null = null;
  let fetching = false;
  let voted = 0;
  // A question opened from "Your answers" is asked even when it was answered before.
  let changing = false;
  const asked = (): Question[] => setup.questions.filter((q) => q.meta === null);

  const card = questionCard(t, languages, (question, answer) => void send({ [question.key]: answer }));
  const mine = disclosure(t.t('participant.answers.title'), 'kuulo-your-answers');
  mine.element.hidden = true;

  const headers = (): Record<string, string> => identity.headers();
  const query = (): string => (identity.query() ? '?' + identity.query() : '');

  async function fetchAnswers(): Promise<void> {
    if (fetching) return;
    fetching = true;
    try {
      answers = (await api.get<AnswersReply>(`/answers/me${query()}`, headers())).answers;
    } catch (error) {
      // Not voted yet as far as the server knows: nothing answered.
      if (error instanceof ApiError && error.code === 'PARTICIPANT_REQUIRED') answers = {};
    } finally {
      fetching = false;
    }
    showMine();
  }

  async function send(change: MyAnswers): Promise<void> {
    card.setBusy(true);
    try {
      answers = (await api.send<AnswersReply>('PUT', '/answers/me', { answers: change, ...identity.body() }, headers())).answers;
    } catch (error) {
      card.setBusy(false);
      // A skip that cannot be sent still lets the participant vote on: never stuck behind an optional question.
      if (Object.values(change).every((v) => v === null)) answers = { ...answers, ...change };
      else return void card.notice(errorMessage(error, t));
    }
    changing = false;
    showMine();
    if (!askNext()) {
      card.hide();
      options.setVoting(true, true);
    }
  }

  /** Shows the next unasked question, if it is time for one; true when a question is on screen. */
  function askNext(): boolean {
    // Answers belong to a participant, who exists once they voted: never before the first vote.
    if (identity.pid() === undefined || voted < Math.max(1, setup.askAfterVotes)) return false;
    const open = asked().filter((q) => !answers || !(q.key in answers));
    if (open.length === 0) return false;
    if (answers === null) {
      void fetchAnswers().then(() => {
        if (answers !== null && !card.showing()) askNext();
      });
      return false;
    }
    options.setVoting(false, false);
    card.show(open[0]!);
    return true;
  }

  /** "Your answers": each asked question with the answer given (or skipped), to change or remove. */
  function showMine(): void {
    const given = asked().filter((q) => answers && q.key in answers);
    mine.element.hidden = given.length === 0;
    if (given.length === 0) return;
    const answerText = (q: Question): { text: string; lang?: string } => {
      const key = answers?.[q.key];
      const answer = q.answers.find((a) => a.key === key);
      if (!answer) return { text: t.t('participant.answers.skipped') };
      const shown = localText(answer.text, t.lang, languages);
      return { text: shown.text, ...(shown.lang && shown.lang !== t.lang && { lang: shown.lang }) };
    };
    const remove = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button' } }, [t.t('participant.answers.remove')]);
    remove.addEventListener('click', () => {
      const cleared = Object.fromEntries(given.map((q) => [q.key, null]));
      void api.send<AnswersReply>('PUT', '/answers/me', { answers: cleared, ...identity.body() }, headers()).then(
        (reply) => {
          answers = reply.answers;
          showMine();
          mine.element.querySelector<HTMLElement>('.kuulo-disclosure-button')?.focus();
        },
        () => {},
      );
    });
    mine.setContent([
      el(
        'dl',
        { class: 'kuulo-answer-list' },
        given.map((q) => {
          const question = localText(q.text, t.lang, languages);
          const answer = answerText(q);
          const change = el('button', { class: 'kuulo-button kuulo-small', attrs: { type: 'button', 'aria-label': t.t('participant.answers.changeOne', { question: question.text }) } }, [
            t.t('participant.answers.change'),
          ]);
          change.addEventListener('click', () => {
            changing = true;
            options.setVoting(false, false);
            card.show(q, answers?.[q.key] ?? null);
          });
          return el('div', { class: 'kuulo-answer-item' }, [
            el('dt', { attrs: { ...(question.lang && question.lang !== t.lang && { lang: question.lang }) } }, [question.text]),
            el('dd', {}, [el('span', { attrs: { ...(answer.lang && { lang: answer.lang }) } }, [answer.text]), ' ', change]),
          ]);
        }),
      ),
      el('p', { class: 'kuulo-hint' }, [t.t('participant.question.optional')]),
      remove,
    ]);
  }

  return {
    elements: [card.element, mine.element],
    async load() {
      try {
        setup = await api.get<QuestionsReply>('/questions');
      } catch {
        // Questions are optional: without them the page is the voting page as before.
        setup = { askAfterVotes: 3, questions: [] };
      }
    },
    progressed(count) {
      voted = count;
      if (card.showing() || changing) return;
      // A returning participant sees "Your answers" once they have a vote (before it the server has no answers for them).
      if (!askNext() && answers === null && count > 0 && identity.pid() !== undefined && asked().length > 0) void fetchAnswers();
    },
    asking: () => card.showing(),
  };
}
