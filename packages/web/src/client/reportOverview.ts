import type { KuuloResult, PrivacyInfo } from '@kuulo/core';
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

/**
 * Why people are not in groups, in the overview: "201 of 339 participants voted on fewer than 7 statements"
 * (the math's `inConvThreshold`, at most the number of statements, as Polis), and how many are in groups
 * too small to publish. Null before any math or when everyone is in a group.
 */
export function ungroupedNote(result: KuuloResult | null, privacy: PrivacyInfo, t: Translator): HTMLElement | null {
  if (!result || result.participants.length === 0) return null;
  const option = result.options.inConvThreshold;
  const threshold = Math.min(typeof option === 'number' ? option : 7, result.statements.length);
  const few = result.voteCounts.filter((n) => n < threshold).length;
  const sentences = [
    few > 0 && t.t('report.ungrouped', { few, participants: result.participants.length, threshold }),
    privacy.published && privacy.hiddenParticipants > 0 && t.t('report.ungroupedHidden', { people: privacy.hiddenParticipants }),
  ].filter((s): s is string => typeof s === 'string');
  return sentences.length === 0 ? null : el('p', { class: 'kuulo-hint', attrs: { 'data-note': 'ungrouped' } }, [sentences.join(' ')]);
}
