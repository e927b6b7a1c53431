import { readFileSync } from 'node:fs';
import { createTranslator, type Catalog, type Translator } from '@kuulo/viz';

const read = (lang: string): Catalog => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8')) as Catalog;

/** The pages' translator for `lang` in Node (unit tests), English filling gaps as in the browser. */
export function pageTranslatorFor(lang: string): Translator {
  return createTranslator(lang, read(lang), read('en'));
}
