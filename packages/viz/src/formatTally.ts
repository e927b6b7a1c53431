import type { Translator } from './i18n';
import { wholePercent } from './numberText';
import { tallyPercents, type Tally } from './tally';

/** "60% agree, 25% disagree, 15% pass (20 votes)" — the spoken and tooltip form of a bar. */
export function formatTally(t: Translator, tally: Tally): string {
  if (tally.seen === 0) return t.t('chart.tally.none');
  const p = tallyPercents(tally);
  return t.t('chart.tally.summary', { agree: wholePercent(t, p.agree), disagree: wholePercent(t, p.disagree), pass: wholePercent(t, p.pass), count: tally.seen });
}
