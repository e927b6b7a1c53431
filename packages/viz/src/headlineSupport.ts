import type { KuuloResult } from '@kuulo/core';
import { checkNumber, checkShare } from './checkOption';
import type { Translator } from './i18n';
import type { Tally } from './tally';

/**
 * Defaults of the minimum support a report headline needs, the same as the conversation settings'
 * (`headlineMinVotes`, `headlineMinGroupVotes`); `lowShare` is the share of participants under which
 * a headline is flagged as resting on few of them.
 */
export const defaultHeadlineSupport = { minVotes: 10, minGroupVotes: 5, lowShare: 0.25 } as const;

/** Minimum support options shared by the charts that pick headline statements; each states its default. */
export interface HeadlineSupportOptions {
  /** Votes a statement needs overall to be a headline. Default 10. */
  minVotes?: number;
  /** Votes it needs in every group for "agreed across groups" (at least the result's privacy floor). Default 5. */
  minGroupVotes?: number;
  /** Participants who could have voted, for "58 of 373 voted". Default `result.privacy.participants`, else every participant in the result. */
  participants?: number;
  /** Headlines voted on by fewer than this share of the participants are flagged. Default 0.25. */
  lowShare?: number;
}

/** The privacy record of a published result (`publishResult`), when the result carries one. */
export function privacyOf(result: KuuloResult): { floor: number; participants: number } | undefined {
  const privacy = (result as { privacy?: { floor?: unknown; participants?: unknown } }).privacy;
  return privacy && typeof privacy.floor === 'number' && typeof privacy.participants === 'number' ? { floor: privacy.floor, participants: privacy.participants } : undefined;
}

/** The options with defaults; the per-group minimum is raised to the privacy floor (a smaller group tally is not published). */
export function headlineRules(result: KuuloResult, options: HeadlineSupportOptions, where: string): Required<HeadlineSupportOptions> {
  const privacy = privacyOf(result);
  return {
    minVotes: checkNumber(where, 'minVotes', options.minVotes ?? defaultHeadlineSupport.minVotes, 1),
    minGroupVotes: Math.max(checkNumber(where, 'minGroupVotes', options.minGroupVotes ?? defaultHeadlineSupport.minGroupVotes, 1), privacy?.floor ?? 0),
    participants: checkNumber(where, 'participants', options.participants ?? privacy?.participants ?? result.participants.length, 0),
    lowShare: checkShare(where, 'lowShare', options.lowShare ?? defaultHeadlineSupport.lowShare),
  };
}

/** Whether every group has at least `min` votes on statement column `j` (a dropped, null tally has too few). */
export function everyGroupVoted(result: KuuloResult, j: number, min: number): boolean {
  return result.groups.length > 0 && result.groups.every((g) => ((g.tallies.seen as readonly (number | null)[])[j] ?? 0) >= min);
}

/** A headline's support line under its statement: "58 of 373 voted", in words when it is low. */
export interface SupportLine {
  text: string;
  low: boolean;
}

/** "124 of 339 voted", or "Low support: only 59 of 339 voted (fewer than a quarter)" under the low-support share. */
export function supportLine(t: Translator, votes: number, rules: Required<HeadlineSupportOptions>): SupportLine {
  const total = Math.max(votes, rules.participants);
  const low = total > 0 && votes < rules.lowShare * total;
  return { text: t.t(low ? 'chart.support.low' : 'chart.support.voted', { votes, total, share: t.percent(rules.lowShare) }), low };
}

/** Votes in a tally (agree, disagree and pass). */
export function tallyVotes(tally: Pick<Tally, 'agree' | 'disagree' | 'pass'>): number {
  return tally.agree + tally.disagree + tally.pass;
}
