import type { VoteTallies } from '@kuulo/core';

/** Votes on one statement by some set of participants; pass = seen − agree − disagree. */
export interface Tally {
  agree: number;
  disagree: number;
  pass: number;
  seen: number;
}

/** The tally of statement column `index` from per-statement tally arrays. */
export function tallyAt(tallies: VoteTallies, index: number): Tally {
  const agree = tallies.agree[index] ?? 0;
  const disagree = tallies.disagree[index] ?? 0;
  const seen = tallies.seen[index] ?? 0;
  return { agree, disagree, pass: Math.max(0, seen - agree - disagree), seen };
}

/** Adds tallies (for example every group but one: "everyone else"). */
export function sumTallies(tallies: readonly Tally[]): Tally {
  const total: Tally = { agree: 0, disagree: 0, pass: 0, seen: 0 };
  for (const t of tallies) {
    total.agree += t.agree;
    total.disagree += t.disagree;
    total.pass += t.pass;
    total.seen += t.seen;
  }
  return total;
}

/** Whole percentages of a tally, for labels and tables ("" parts when nobody voted). */
export function tallyPercents(t: Tally): { agree: number; disagree: number; pass: number } {
  if (t.seen === 0) return { agree: 0, disagree: 0, pass: 0 };
  return {
    agree: Math.round((100 * t.agree) / t.seen),
    disagree: Math.round((100 * t.disagree) / t.seen),
    pass: Math.round((100 * t.pass) / t.seen),
  };
}
