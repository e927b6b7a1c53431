import type { KuuloResult } from '@kuulo/core';
import { confidenceSummary, defaultStabilityThreshold, type Translator } from '@kuulo/viz';
import type { Conversation, Statement } from './apiTypes';
import { el } from './el';
import { countText } from './voteBar';

/** The report's headline numbers as a description list; with a bootstrap, also how sure the groups are. */
export function reportOverview(conversation: Conversation, statements: readonly Statement[], result: KuuloResult | null, t: Translator): HTMLElement {
  const { participants, votes } = conversation.counts;
  const grouped = result ? result.groups.reduce((n, g) => n + g.size, 0) : 0;
  const count = (n: number): string => countText(n, t);
  const numbers: [string, string, string][] = [
    ['participants', count(participants), t.t('report.number.participants')],
    ['statements', count(statements.length), t.t('report.number.statements')],
    ['votes', count(votes), t.t('report.number.votes')],
    ['per-participant', participants === 0 ? t.number(0) : t.number(votes / participants, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), t.t('report.number.perParticipant')],
    ['groups', count(result?.groups.length ?? 0), t.t('report.number.groups')],
    ['grouped', count(grouped), t.t('report.number.grouped')],
  ];
  const summary = result && confidenceSummary(result);
  if (result?.uncertainty && summary) {
    const stable = result.uncertainty.groups.filter((g) => g.stability >= defaultStabilityThreshold).length;
    numbers.push(
      ['stable-groups', t.t('report.number.stableOf', { stable, total: result.groups.length }), t.t('report.number.stableGroups', { threshold: t.number(defaultStabilityThreshold) })],
      ['confident', summary.measured === 0 ? '–' : t.percent(summary.confident / summary.measured), t.t('report.number.confident')],
    );
  }
  return el(
    'dl',
    { class: 'kuulo-numbers' },
    numbers.map(([key, value, label]) => el('div', { class: 'kuulo-number', attrs: { 'data-number': key } }, [el('dt', {}, [label]), el('dd', {}, [value])])),
  );
}
