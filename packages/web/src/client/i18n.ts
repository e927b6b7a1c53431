import { createTranslator, languageDirection, parseAcceptLanguage, pickLanguage, pseudoCatalog, pseudoLanguage, type Catalog, type Translator } from '@kuulo/viz';
import { safeStorage } from './safeStorage';

/** Set by the build: the languages that have a catalog in packages/web/locales (a new file adds one). */
declare const KUULO_LANGUAGES: readonly string[];

/** Interface languages this build has catalogs for, in switcher order. */
export const availableLanguages: readonly string[] = typeof KUULO_LANGUAGES === 'undefined' ? ['fi', 'sv', 'en'] : KUULO_LANGUAGES;

const storageKey = 'kuulo.lang';
const storage = safeStorage('local');

/** The language chosen with the switcher on this device, if any. */
export function storedLanguage(): string | null {
  return pickLanguage([storage.getItem(storageKey)], availableLanguages);
}

/** Remembers a switcher choice on this device. */
export function rememberLanguage(lang: string): void {
  storage.setItem(storageKey, lang);
}

export interface LanguageSources {
  /** `?lang=` of the page's address. */
  query?: string | null;
  /** The embed's `lang` attribute. */
  attribute?: string | null;
  /** The server's pick from Accept-Language and the conversation (a page's `<body data-lang>`). */
  server?: string | null;
  /** The browser's languages (`navigator.languages`), where no server picked. */
  browser?: readonly string[];
  /** The conversation's languages, first is its main one. */
  conversation?: readonly string[];
}

/**
 * The interface language, first match of: the switcher's choice on this device > `?lang=` > the
 * embed's `lang` attribute > the server's pick (Accept-Language) or the browser's languages > the
 * conversation's first language > English.
 */
export function chooseLanguage(sources: LanguageSources): string {
  return (
    pickLanguage(
      [storedLanguage(), sources.query, sources.attribute, sources.server, ...(sources.browser ?? []), ...(sources.conversation ?? []).slice(0, 1)],
      [...availableLanguages],
    ) ?? 'en'
  );
}

/** The browser's languages, best first (stands in for Accept-Language inside another site). */
export function browserLanguages(): string[] {
  return typeof navigator === 'undefined' ? [] : parseAcceptLanguage((navigator.languages ?? [navigator.language]).join(','));
}

const loaded = new Map<string, Promise<Catalog>>();

/** A language's catalog, fetched once (each language is its own chunk). */
function catalog(lang: string): Promise<Catalog> {
  let promise = loaded.get(lang);
  if (!promise) {
    promise =
      lang === pseudoLanguage
        ? catalog('en').then(pseudoCatalog)
        : import(`../../locales/${lang}.json`).then((module: { default: Catalog }) => module.default);
    loaded.set(lang, promise);
  }
  return promise;
}

/** A translator for the pages in `lang`, English filling any gap. */
export async function webTranslator(lang: string): Promise<Translator> {
  const [own, english] = await Promise.all([catalog(lang), catalog('en')]);
  return createTranslator(lang, own, english);
}

/** Points `<html lang dir>` at the interface language, so screen readers pronounce it right. */
export function applyDocumentLanguage(lang: string, root: HTMLElement = document.documentElement): void {
  root.lang = lang;
  root.dir = languageDirection(lang);
}
