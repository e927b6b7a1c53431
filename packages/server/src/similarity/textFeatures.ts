import { foldDiacritics, normaliseText, words } from './normaliseText.js';
import { guessLanguage, isNegation, stemLanguage, stemmerFor } from './stemmerFor.js';

/** Term counts of one statement in the two spaces the lexical finder compares. */
export interface TextFeatures {
  /** Stems of the content words (stop words dropped), with counts. */
  stems: Map<string, number>;
  /** Character n-grams of the content words, diacritics folded, each word padded with '_'. */
  grams: Map<string, number>;
  /** Whether the text has a negation word ("not", "ei", "inte"…). */
  negated: boolean;
  /** The numbers in the text, sorted and joined by spaces ("30 55"); '' when none. */
  numbers: string;
}

export interface TextFeatureOptions {
  /** Length of the character n-grams. Default 4. */
  gramLength?: number;
}

const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Stems catch inflection ("pyöräkaistat" ~ "pyöräkaistoja"); character n-grams catch Finnish and Swedish
 * compounds ("pyöräkaista" ~ "kaista pyörille", "cykelbana" ~ "bana för cyklar") and typos. A null
 * `lang` is guessed among fi, sv and en from stop words; for another language, or a text too short to
 * tell, words are kept whole and no stop words are dropped.
 */
export function textFeatures(text: string, lang: string | null | undefined, options: TextFeatureOptions = {}): TextFeatures {
  const n = options.gramLength ?? 4;
  const all = words(normaliseText(text));
  const language = lang ? stemLanguage(lang) : guessLanguage(all);
  const rules = language && stemmerFor(language);
  const stems = new Map<string, number>();
  const grams = new Map<string, number>();
  const numbers = new Set<string>();
  let negated = false;
  for (const word of all) {
    if (isNegation(word)) negated = true;
    if (/^\p{N}+$/u.test(word)) numbers.add(word);
    if (rules?.stopWords.has(word)) continue;
    add(stems, rules ? rules.stem(word) : word);
    const padded = `_${foldDiacritics(word)}_`;
    if (padded.length <= n) add(grams, padded);
    else for (let i = 0; i + n <= padded.length; i++) add(grams, padded.slice(i, i + n));
  }
  return { stems, grams, negated, numbers: [...numbers].sort().join(' ') };
}
