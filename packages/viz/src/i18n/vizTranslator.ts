import en from '../../locales/en.json';
import fi from '../../locales/fi.json';
import sv from '../../locales/sv.json';
import { pseudoLanguage } from './languages';
import { pseudoCatalog } from './pseudo';
import { createTranslator, type Catalog, type Translator } from './translator';

/** The charts' own message catalogs (titles, legends, data tables, screen-reader text), by language. */
export const vizCatalogs: Readonly<Record<string, Catalog>> = { en, fi, sv };

const cache = new Map<string, Translator>();

/**
 * The translator the charts use for `lang`. A language without a catalog here (or a key its
 * catalog lacks) falls back to English; `messages` supplies or overrides a language's catalog.
 */
export function vizTranslator(lang = 'en', messages?: Catalog): Translator {
  if (messages) return createTranslator(lang, { ...(vizCatalogs[lang] ?? {}), ...messages }, en);
  let translator = cache.get(lang);
  if (!translator) {
    const catalog = lang === pseudoLanguage ? pseudoCatalog(en) : (vizCatalogs[lang] ?? en);
    cache.set(lang, (translator = createTranslator(lang, catalog, en)));
  }
  return translator;
}
