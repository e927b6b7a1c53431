import type { KuuloResult } from '@kuulo/core';
import type { Conversation, Statement } from './apiTypes';
import { el } from './el';

/** The report's headline numbers as a description list. */
export function reportOverview(conversation: Conversation, statements: readonly Statement[], result: KuuloResult | null): HTMLElement {
  const { participants, votes } = conversation.counts;
  const grouped = result ? result.groups.reduce((n, g) => n + g.size, 0) : 0;
  const numbers: [string, string, string][] = [
    ['participants', String(participants), 'participants'],
    ['statements', String(statements.length), 'statements'],
    ['votes', String(votes), 'votes'],
    ['per-participant', participants === 0 ? '0' : (votes / participants).toFixed(1), 'votes per participant'],
    ['groups', String(result?.groups.length ?? 0), 'opinion groups'],
    ['grouped', String(grouped), 'participants in groups'],
  ];
  return el(
    'dl',
    { class: 'kuulo-numbers' },
    numbers.map(([key, value, label]) => el('div', { class: 'kuulo-number', attrs: { 'data-number': key } }, [el('dt', {}, [label]), el('dd', {}, [value])])),
  );
}
