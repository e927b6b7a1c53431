import type { ParticipantView, ParticipantViewGroup, ParticipantViewStatement, StatementId } from '@kuulo/core';
import { groupColor, type Translator } from '@kuulo/viz';
import type { Statement } from './apiTypes';
import { el, uniqueId } from './el';
import { statementNumberView } from './statementNumber';
import { statementTextView } from './statementText';
import { repnessTally } from './viewPrivacy';
import { voteBar } from './voteBar';

export interface GroupDetailsOptions {
  /** The reader's translator. */
  t: Translator;
  /** A statement by id; undefined while unknown or hidden from participants (then it is left out). */
  statement: (id: StatementId) => Statement | undefined;
}

/** Statements shown per list: all the view carries (5 a side at most). */
const shownPerList = 5;

/** "#12 text": the number people can say out loud, then the text in the reader's language. */
function statementLine(statement: Statement, t: Translator): HTMLElement {
  return el('span', { class: 'kuulo-group-statement-line' }, [statementNumberView(statement.id), statementTextView(statement, t, 'kuulo-group-statement-text')]);
}

/** The entries whose texts are known, at most `shownPerList`. */
function known<E extends { statement: StatementId }>(entries: readonly E[], o: GroupDetailsOptions): { e: E; statement: Statement }[] {
  return entries
    .map((e) => ({ e, statement: o.statement(e.statement) }))
    .filter((x): x is { e: E; statement: Statement } => x.statement !== undefined)
    .slice(0, shownPerList);
}

const shareOf = (e: ParticipantViewStatement, t: Translator): { share: string; success: number; trials: number } => ({
  share: t.percent(e.nTrials > 0 ? Math.round((100 * e.nSuccess) / e.nTrials) / 100 : 0),
  success: e.nSuccess,
  trials: e.nTrials,
});

/**
 * How one group voted: the statements that set it apart (its representative statements, agree side
 * first), each with the group's agree / disagree / pass bar. Without the group's vote counts (an
 * older server) each says its share in words instead.
 */
export function groupDetails(group: ParticipantViewGroup, o: GroupDetailsOptions): HTMLElement {
  const { t } = o;
  const headingId = uniqueId('group-details');
  const lists = (['agree', 'disagree'] as const).map((side) => {
    const items = known(
      group.repness.filter((e) => e.repfulFor === side),
      o,
    ).map(({ e, statement }) => {
      const tally = repnessTally(e);
      return el('li', { class: 'kuulo-group-statement' }, [
        statementLine(statement, t),
        tally
          ? el('div', { class: 'kuulo-group-bar' }, [voteBar(t.t('participant.group.barLabel', { label: group.label }), tally, t)])
          : el('span', { class: 'kuulo-group-share' }, [' ', t.t('participant.group.share', { ...shareOf(e, t), label: group.label, side })]),
      ]);
    });
    if (items.length === 0) return null;
    return el('section', { class: 'kuulo-group-list' }, [el('h4', { class: 'kuulo-group-list-title' }, [t.t(`participant.group.${side}Title`, { label: group.label })]), el('ul', {}, items)]);
  });
  const shown = lists.filter((l): l is HTMLElement => l !== null);
  const section = el('section', { class: 'kuulo-group-details', attrs: { 'aria-labelledby': headingId, 'data-group': group.id } }, [
    el('h3', { class: 'kuulo-group-details-title', attrs: { id: headingId } }, [t.t('participant.group.heading', { label: group.label, size: group.size })]),
    el('p', { class: 'kuulo-hint' }, [t.t(shown.length > 0 ? 'participant.group.intro' : 'participant.group.none', { label: group.label })]),
    ...shown,
  ]);
  // The bars' group dot in the group's map colour.
  section.style.setProperty('--group-color', groupColor(group.id));
  return section;
}

/** The majority view: what most participants, across the groups, agree and disagree with (the view's consensus). */
export function majorityView(consensus: ParticipantView['consensus'], o: GroupDetailsOptions): HTMLElement | null {
  const { t } = o;
  const lists = (['agree', 'disagree'] as const).map((side) => {
    const items = known(consensus[side], o).map(({ e, statement }) =>
      el('li', { class: 'kuulo-group-statement' }, [statementLine(statement, t), ' ', el('span', { class: 'kuulo-group-share' }, [t.t('participant.majority.share', { ...shareOf(e, t), side })])]),
    );
    if (items.length === 0) return null;
    return el('section', { class: 'kuulo-group-list' }, [el('h4', { class: 'kuulo-group-list-title' }, [t.t(side === 'agree' ? 'participant.majority.title' : 'participant.majority.disagreeTitle')]), el('ul', {}, items)]);
  });
  const shown = lists.filter((l): l is HTMLElement => l !== null);
  if (shown.length === 0) return null;
  const headingId = uniqueId('majority');
  return el('section', { class: 'kuulo-majority', attrs: { 'aria-labelledby': headingId } }, [
    el('h3', { class: 'kuulo-group-details-title', attrs: { id: headingId } }, [t.t('participant.majority.heading')]),
    ...shown,
  ]);
}
