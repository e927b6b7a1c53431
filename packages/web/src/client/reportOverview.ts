import type { KuuloResult } from '@kuulo/core';
import { confidenceSummary, defaultStabilityThreshold } from '@kuulo/viz';
import type { Conversation, Statement } from './apiTypes';
import { el } from './el';

/** The report's headline numbers as a description list; with a bootstrap, also how sure the groups are. */
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
  const summary = result && confidenceSummary(result);
  if (result?.uncertainty && summary) {
    const stable = result.uncertainty.groups.filter((g) => g.stability >= defaultStabilityThreshold).length;
    numbers.push(
      ['stable-groups', `${stable} of ${result.groups.length}`, `groups stable when resampled (stability ≥ ${defaultStabilityThreshold})`],
      ['confident', summary.measured === 0 ? '–' : `${Math.round((100 * summary.confident) / summary.measured)}%`, 'of people in groups stayed in theirs in at least 9 of 10 resamples'],
    );
  }
  return el(
    'dl',
    { class: 'kuulo-numbers' },
    numbers.map(([key, value, label]) => el('div', { class: 'kuulo-number', attrs: { 'data-number': key } }, [el('dt', {}, [label]), el('dd', {}, [value])])),
  );
}
