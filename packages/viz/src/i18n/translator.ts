import IntlMessageFormat, { type Formatters } from 'intl-messageformat';
import { pseudoLanguage } from './languages';

/** A message catalog: ICU MessageFormat strings by key (FormatJS "simple JSON"). */
export type Catalog = Readonly<Record<string, string>>;

/** Values a message's `{placeholders}` take. */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** Formats a language's messages, numbers, percentages, lists and dates. */
export interface Translator {
  /** The language messages are in (`fi`, `sv`, `en`, or the pseudo-locale `en-XA`). */
  readonly lang: string;
  /** The message `key`, filled in; falls back to the fallback catalog, and throws for a key no catalog has. */
  t(key: string, values?: MessageValues): string;
  /** Whether any of the catalogs has `key`. */
  has(key: string): boolean;
  /** A number in the language's style (`1 234,5` in Finnish). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** A share 0..1 as a percentage (`45 %` in Finnish and Swedish, `45%` in English). */
  percent(share: number, fractionDigits?: number): string;
  /** `a, b and c` in the language (`a, b ja c`); 'unit' gives a plain comma list (`a, b, c`). */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction' | 'unit'): string;
  /** A date and time in the language. */
  dateTime(value: Date | number, options?: Intl.DateTimeFormatOptions): string;
}

/** The locale `Intl` formats numbers and dates with: the pseudo-locale formats as English. */
function intlLocale(lang: string): string {
  return lang === pseudoLanguage ? 'en' : lang;
}

/**
 * A translator for `lang` over `catalog`, falling back key by key to `fallback` (English), so a
 * catalog that lags behind shows English rather than a key. `numberDefaults` apply to every number
 * it formats, in messages too (e.g. `{ useGrouping: false }` to keep an older output's `1921`).
 */
export function createTranslator(lang: string, catalog: Catalog, fallback: Catalog = catalog, numberDefaults: Intl.NumberFormatOptions = {}): Translator {
  const locale = intlLocale(lang);
  const compiled = new Map<string, IntlMessageFormat>();
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const localeFormat = (locales: string | string[], options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
    const key = JSON.stringify([locales, options]);
    let format = numberFormats.get(key);
    if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locales, { ...numberDefaults, ...options })));
    return format;
  };
  const numberFormat = (options?: Intl.NumberFormatOptions): Intl.NumberFormat => localeFormat(locale, options);
  const pluralRules = new Map<string, Intl.PluralRules>();
  const formatters: Formatters = {
    getNumberFormat: (locales, options) => localeFormat(locales ?? locale, options as Intl.NumberFormatOptions),
    getDateTimeFormat: (locales, options) => new Intl.DateTimeFormat(locales, options),
    getPluralRules: (locales, options) => {
      const key = JSON.stringify([locales, options]);
      let rules = pluralRules.get(key);
      if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locales, options)));
      return rules;
    },
  };
  const messageFor = (key: string): IntlMessageFormat => {
    let message = compiled.get(key);
    if (message) return message;
    const own = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
    const source = own ?? (Object.hasOwn(fallback, key) ? fallback[key] : undefined);
    if (source === undefined) throw new Error(`translator: no message "${key}" in the ${lang} catalog or its fallback`);
    try {
      message = new IntlMessageFormat(source, own === undefined ? 'en' : locale, undefined, { ignoreTag: true, formatters });
    } catch (error) {
      throw new Error(`translator: message "${key}" of ${lang} is not valid ICU MessageFormat: ${(error as Error).message}`);
    }
    compiled.set(key, message);
    return message;
  };
  return {
    lang,
    t(key, values) {
      const out = messageFor(key).format(values as Record<string, string | number | boolean | Date | null | undefined>);
      return typeof out === 'string' ? out : String(out);
    },
    has: (key) => Object.hasOwn(catalog, key) || Object.hasOwn(fallback, key),
    number: (value, options) => numberFormat(options).format(value),
    percent: (share, fractionDigits = 0) => numberFormat({ style: 'percent', maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(share),
    list: (items, type = 'conjunction') => new Intl.ListFormat(locale, { style: type === 'unit' ? 'short' : 'long', type }).format(items),
    dateTime: (value, options = { dateStyle: 'medium', timeStyle: 'short' }) => new Intl.DateTimeFormat(locale, options).format(value),
  };
}
