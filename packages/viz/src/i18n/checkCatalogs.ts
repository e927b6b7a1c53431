import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Catalog } from './translator';

/** One thing wrong with a catalog, with the language and key it is about. */
export interface CatalogProblem {
  lang: string;
  key: string;
  problem: 'missing' | 'extra' | 'invalid' | 'arguments' | 'empty';
  /** What is wrong, in a sentence naming the values. */
  detail: string;
}

/** Every argument name a message uses, inside plural and select options too. */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentNames(element.children, into);
      continue;
    }
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    }
  }
  return into;
}

/**
 * Checks catalogs against the reference one (English): every key present in every language, no
 * key the reference lacks, every message valid ICU MessageFormat and non-empty, and the same
 * placeholders as the reference (a translation that drops `{count}` would hide a number).
 */
export function checkCatalogs(catalogs: Readonly<Record<string, Catalog>>, reference = 'en'): CatalogProblem[] {
  const base = catalogs[reference];
  if (!base) throw new Error(`checkCatalogs: no ${reference} catalog among ${Object.keys(catalogs).join(', ')}`);
  const problems: CatalogProblem[] = [];
  const parsed = (lang: string, key: string, message: string): Set<string> | null => {
    try {
      return argumentNames(parse(message, { ignoreTag: true, requiresOtherClause: true }));
    } catch (error) {
      problems.push({ lang, key, problem: 'invalid', detail: `${lang} "${key}" is not valid ICU MessageFormat (${(error as Error).message}): ${JSON.stringify(message)}` });
      return null;
    }
  };
  const baseArgs = new Map<string, Set<string> | null>();
  for (const [key, message] of Object.entries(base)) baseArgs.set(key, parsed(reference, key, message));
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const key of Object.keys(base)) {
      if (!Object.hasOwn(catalog, key)) {
        problems.push({ lang, key, problem: 'missing', detail: `${lang} has no message "${key}" (en: ${JSON.stringify(base[key])})` });
        continue;
      }
      const message = catalog[key]!;
      if (message.trim() === '') {
        problems.push({ lang, key, problem: 'empty', detail: `${lang} "${key}" is empty` });
        continue;
      }
      if (lang === reference) continue;
      const args = parsed(lang, key, message);
      const expected = baseArgs.get(key);
      if (!args || !expected) continue;
      const lost = [...expected].filter((a) => !args.has(a));
      const added = [...args].filter((a) => !expected.has(a));
      if (lost.length || added.length) {
        problems.push({
          lang,
          key,
          problem: 'arguments',
          detail: `${lang} "${key}" uses {${[...args].join('}, {')}} but en uses {${[...expected].join('}, {')}}${lost.length ? `; missing ${lost.join(', ')}` : ''}${added.length ? `; unknown ${added.join(', ')}` : ''}`,
        });
      }
    }
    for (const key of Object.keys(catalog)) {
      if (!Object.hasOwn(base, key)) problems.push({ lang, key, problem: 'extra', detail: `${lang} has "${key}", which ${reference} lacks` });
    }
  }
  return problems;
}
