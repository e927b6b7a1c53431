import { tallyPercents, type Tally } from './tally';

/** "60% agree, 25% disagree, 15% pass (20 votes)" — the spoken and tooltip form of a bar. */
export function formatTally(t: Tally): string {
  if (t.seen === 0) return 'no votes';
  const p = tallyPercents(t);
  return `${p.agree}% agree, ${p.disagree}% disagree, ${p.pass}% pass (${t.seen} vote${t.seen === 1 ? '' : 's'})`;
}
