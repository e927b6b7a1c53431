import type { Translator } from '@kuulo/viz';
import type { NextStatement, Statement, VoteName } from './apiTypes';
import { el, uniqueId, type Child } from './el';
import { statementTextView } from './statementText';

export interface VotingCard {
  readonly element: HTMLElement;
  /** Shows the next statement (or the end of the list) and an optional notice. */
  show(next: NextStatement, notice?: string): void;
  /** The statement on screen, if any. */
  current(): Statement | null;
  /** Open conversations take votes; closed ones only show the statement. */
  setOpen(open: boolean): void;
  /** Makes the buttons inert while a vote is being sent (they keep keyboard focus). */
  setBusy(busy: boolean): void;
  notice(text: string): void;
  /** Moves keyboard focus to the statement (back from a participant question). */
  focus(): void;
}

const marks: Record<VoteName, string> = { agree: '✓', disagree: '✕', pass: '?' };

/**
 * One statement at a time with agree / disagree / pass, in the reader's language (a translation
 * when there is one). The statement sits in a polite live region, so screen readers read each
 * new one; text is only ever set as text. `controls` go under the buttons (e.g. a filter).
 */
export function votingCard(t: Translator, onVote: (statement: Statement, vote: VoteName) => void, controls: readonly Child[] = []): VotingCard {
  const headingId = uniqueId('vote-heading');
  let current: Statement | null = null;
  let open = true;
  let busy = false;

  const progressText = el('span', { class: 'kuulo-progress-text' });
  const progress = el('progress', { class: 'kuulo-progress-bar', attrs: { max: 1, value: 0, 'aria-hidden': 'true' } });
  const statement = el('p', { class: 'kuulo-statement', attrs: { tabindex: -1 } }, [t.t('common.loading')]);
  const buttons = (['agree', 'disagree', 'pass'] as const).map((vote) =>
    el('button', { class: `kuulo-button kuulo-${vote}`, attrs: { type: 'button', 'data-vote': vote }, on: { click: () => current && !busy && open && onVote(current, vote) } }, [
      el('span', { class: 'kuulo-mark', attrs: { 'aria-hidden': 'true' } }, [marks[vote]]),
      el('span', { class: 'kuulo-label' }, [t.t(`participant.vote.${vote}`)]),
    ]),
  );
  const group = el('div', { class: 'kuulo-vote-buttons', attrs: { role: 'group', 'aria-label': t.t('participant.vote.group') } }, buttons);
  const noticeLine = el('p', { class: 'kuulo-notice', attrs: { role: 'status' } });
  const element = el('section', { class: 'kuulo-card kuulo-vote', attrs: { 'aria-labelledby': headingId } }, [
    el('h2', { class: 'kuulo-card-title', attrs: { id: headingId } }, [t.t('participant.vote.title')]),
    el('p', { class: 'kuulo-progress' }, [progressText, progress]),
    el('div', { class: 'kuulo-statement-box', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' } }, [statement]),
    group,
    noticeLine,
    ...controls,
  ]);

  const refreshButtons = (): void => {
    group.hidden = current === null;
    for (const button of buttons) {
      button.disabled = !open || current === null;
      // While a vote is sent the buttons only say they are busy: a disabled button would drop keyboard focus to the page.
      if (busy) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    }
  };

  return {
    element,
    show(next, notice) {
      const hadFocus = buttons.some((b) => b === document.activeElement) || element.contains(document.activeElement);
      current = next.statement;
      const voted = next.total - next.remaining;
      progressText.textContent = next.total === 0 ? t.t('participant.progress.none') : t.t('participant.progress.voted', { voted, total: next.total });
      progress.max = Math.max(1, next.total);
      progress.value = voted;
      statement.classList.toggle('kuulo-done', current === null);
      if (current) statement.replaceChildren(statementTextView(current, t));
      else statement.textContent = t.t(next.total === 0 ? 'participant.statements.none' : 'participant.statements.done');
      noticeLine.textContent = notice ?? '';
      busy = false;
      refreshButtons();
      // Buttons vanish at the end of the list: keep keyboard focus in the card.
      if (current === null && hadFocus) statement.focus();
    },
    current: () => current,
    setOpen(value) {
      open = value;
      refreshButtons();
      if (!open) noticeLine.textContent = t.t('participant.closed.voting');
    },
    setBusy(value) {
      busy = value;
      refreshButtons();
    },
    notice(text) {
      noticeLine.textContent = text;
    },
    focus() {
      statement.focus();
    },
  };
}
