import type { Translator } from './i18n';

/** "0.62" ("0,62" in Finnish): stabilities and confidences are shown with two decimals. */
export function formatShare(t: Translator, value: number): string {
  return decimals(t, value, 2);
}

/** A number with exactly `digits` decimals, in the language's style. */
export function decimals(t: Translator, value: number, digits: number): string {
  return t.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A whole percentage 0..100 as "45%" ("45 %" in Finnish and Swedish). */
export function wholePercent(t: Translator, percent: number): string {
  return t.percent(percent / 100);
}
