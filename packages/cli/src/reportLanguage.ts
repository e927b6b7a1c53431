import { createTranslator, type Translator } from '@kuulo/viz';
import en from '../locales/en.json';
import { checkReportLanguage } from './reportCatalogs.js';
import { escapeHtml } from './escapeHtml.js';

export { checkReportLanguage, cliCatalogs, reportLanguages } from './reportCatalogs.js';

/**
 * The report's texts and number formats in one language. Counts and ids are written without
 * grouping separators in every language (they are data a reader compares and copies, and English
 * reports keep the bytes they always had); decimals, percentages and dates follow the language.
 */
export interface ReportLocale {
  readonly lang: string;
  /** A catalog message, as plain text. */
  t: Translator['t'];
  /** A catalog message escaped for HTML. */
  h: (key: string, values?: Parameters<Translator['t']>[1]) => string;
  /** An integer count. */
  int: (value: number) => string;
  /** A number with exactly `digits` decimals ('' when not finite). */
  fixed: (value: number, digits?: number) => string;
  /** A plain number, as short as it is exact to three decimals (thresholds such as 0.75). */
  number: (value: number) => string;
  /** `share` (0..1) as a whole percentage. */
  percent: (share: number) => string;
  /** `part` of `whole` as a whole percentage, '–' when `whole` is 0. */
  percentOf: (part: number, whole: number) => string;
  /** A time (ms since the epoch) to the minute, in UTC so the report's bytes do not depend on the machine. */
  minute: (ms: number) => string;
}

/** The report locale for `--lang`. */
export function reportLocale(lang = 'en'): ReportLocale {
  const tr = createTranslator(lang, checkReportLanguage(lang), en);
  return {
    lang,
    t: tr.t,
    h: (key, values) => escapeHtml(tr.t(key, values)),
    int: (value) => tr.number(value, { useGrouping: false }),
    // Rounded by toFixed (on the exact binary value: 5.0375 is 5.03749…, so 5.037) and only then
    // written in the language, so every language shows the digits English reports always had.
    fixed: (value, digits = 3) =>
      Number.isFinite(value) ? tr.number(Number(value.toFixed(digits)), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }) : '',
    number: (value) => tr.number(value, { useGrouping: false }),
    // Rounded on the decimal percentage first, so 28.5 % becomes 29 % rather than its binary 28.4999…
    percent: (share) => tr.percent(Math.round(100 * share) / 100),
    percentOf: (part, whole) => (whole > 0 ? tr.percent(Math.round((100 * part) / whole) / 100) : '–'),
    // English keeps the ISO-style "2017-03-15 14:05" its reports always had.
    minute: (ms) =>
      lang === 'en' ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : tr.dateTime(ms, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  };
}
