import en from '../../locales/en.json';
import fi from '../../locales/fi.json';
import sv from '../../locales/sv.json';
import { pickLanguage, pseudoLanguage } from './languages';
import { pseudoCatalog } from './pseudo';
import { createTranslator, type Catalog, type Translator } from './translator';

/** The charts' own message catalogs (titles, legends, data tables, screen-reader text), by language. */
export const vizCatalogs: Readonly<Record<string, Catalog>> = { en, fi, sv };

/** English charts printed counts as `1921` before they spoke other languages; saved SVGs and tests keep that. */
const englishNumbers: Intl.NumberFormatOptions = { useGrouping: false };

const cache = new Map<string, Translator>();

/**
 * The translator the charts use for `lang`: a tag with a catalog here is matched on its primary
 * subtag (`fi-FI` → `fi`), any other falls back to English unless `messages` supplies its catalog.
 * `messages` also overrides single messages of a shipped language; a key missing anywhere is English.
 */
export function vizTranslator(lang = 'en', messages?: Catalog): Translator {
  const shipped = pickLanguage([lang], [...Object.keys(vizCatalogs)]);
  const chosen = shipped ?? (messages ? lang : 'en');
  const numbers = chosen === 'en' || chosen === pseudoLanguage ? englishNumbers : {};
  if (messages) return createTranslator(chosen, { ...(vizCatalogs[chosen] ?? {}), ...messages }, en, numbers);
  let translator = cache.get(chosen);
  if (!translator) {
    const catalog = chosen === pseudoLanguage ? pseudoCatalog(en) : (vizCatalogs[chosen] ?? en);
    cache.set(chosen, (translator = createTranslator(chosen, catalog, en, numbers)));
  }
  return translator;
}
