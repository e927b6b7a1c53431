import type { MessageValues, Translator } from './i18n';
import { wholePercent } from './numberText';
import type { StatementSupport } from './uncertaintyIndex';

/** A marker on a statement whose test did not hold in enough bootstrap resamples. */
export interface StatementFlag {
  /** Short text shown under the statement. */
  text: string;
  /** The full sentence: tooltip and screen-reader text. */
  title: string;
}

/**
 * The "not robust" marker of a statement, or undefined when it is robust (or was not judged).
 * `test` names the message saying which test failed (e.g. 'chart.flag.repness') and its own
 * values; the flag adds {share}, {resamples} and {threshold}.
 */
export function robustnessFlag(
  t: Translator,
  support: StatementSupport | undefined,
  test: { key: string; values: MessageValues },
  resamples: number,
  robustThreshold: number,
): StatementFlag | undefined {
  if (!support || support.robust) return undefined;
  const share = wholePercent(t, Math.round(100 * support.support));
  return {
    text: t.t('chart.flag.text', { share }),
    title: t.t(test.key, { ...test.values, share, resamples, threshold: wholePercent(t, Math.round(100 * robustThreshold)) }),
  };
}

/** Table cell for a statement's support: "yes (92%)", "no (45%)", or "–" when not judged. */
export function robustnessCell(t: Translator, support: StatementSupport | undefined): string {
  return support ? t.t('chart.robustCell', { robust: support.robust ? 'yes' : 'no', share: wholePercent(t, Math.round(100 * support.support)) }) : '–';
}
