import type { Catalog } from '@kuulo/viz';
import en from '../locales/en.json';
import fi from '../locales/fi.json';
import sv from '../locales/sv.json';
import { CliError } from './cliError.js';

// Apart from reportLanguage.ts, which loads @kuulo/viz (d3, ~70 ms): checking --lang needs only the catalogs.

/** The HTML report's message catalogs (keys `cli.…`), by language. */
export const cliCatalogs: Readonly<Record<string, Catalog>> = { en, fi, sv };

/** Languages `--lang` accepts: one per catalog file. */
export const reportLanguages: readonly string[] = Object.keys(cliCatalogs);

/** The catalog of `lang`; a language without one is a CliError naming the value and the choices. */
export function checkReportLanguage(lang: string): Catalog {
  const catalog = Object.hasOwn(cliCatalogs, lang) ? cliCatalogs[lang] : undefined;
  if (!catalog) throw new CliError(`--lang ${JSON.stringify(lang)}: the report is written in ${reportLanguages.join(', ')} only`);
  return catalog;
}
