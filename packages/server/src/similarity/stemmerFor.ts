import snowball from 'snowball-stemmers';
import { eng, fin, swe } from 'stopword';

/** Languages the duplicate finder stems; other texts are compared by unstemmed words and character n-grams. */
export type StemLanguage = 'fi' | 'sv' | 'en';

// Negations are stop words in these lists, but "X should not be banned" is no duplicate of "X should be banned".
const negations = new Set(['ei', 'en', 'et', 'emme', 'ette', 'eivät', 'inte', 'ej', 'icke', 'aldrig', 'ingen', 'inget', 'inga', 'not', 'no', 'nor', 'never', 'none', 'cannot']);

/** Whether a lower-case word negates (fi, sv, en). */
export const isNegation = (word: string): boolean => negations.has(word) || word === 'don' || word === 'isn' || word === 'doesn';

const algorithm: Record<StemLanguage, string> = { fi: 'finnish', sv: 'swedish', en: 'english' };
const stopLists: Record<StemLanguage, readonly string[]> = { fi: fin, sv: swe, en: eng };

export interface WordRules {
  /** The Snowball stem of a lower-case word. */
  stem(word: string): string;
  /** Function words that say nothing about a statement's subject, negations excluded. */
  stopWords: ReadonlySet<string>;
}

const cache = new Map<StemLanguage, WordRules>();

/** The primary subtag of a BCP 47 tag if it is one the finder stems ('fi-FI' → 'fi'), else undefined. */
export function stemLanguage(lang: string | null | undefined): StemLanguage | undefined {
  const primary = lang?.split('-')[0]?.toLowerCase();
  return primary === 'fi' || primary === 'sv' || primary === 'en' ? primary : undefined;
}

/** Snowball stemmer and stop words of a language (snowball-stemmers, stopword). */
export function stemmerFor(lang: StemLanguage): WordRules {
  let rules = cache.get(lang);
  if (!rules) {
    const stemmer = snowball.newStemmer(algorithm[lang]);
    const stopWords = new Set(stopLists[lang].filter((w) => !negations.has(w)));
    rules = { stem: (word) => stemmer.stem(word), stopWords };
    cache.set(lang, rules);
  }
  return rules;
}

/**
 * For a text of unknown language: fi, sv or en, whichever's stop words it has most of (at least two),
 * else undefined. Statements of a conversation without languages have none, and must still be stemmed
 * alike with those whose author named one.
 */
export function guessLanguage(words: readonly string[]): StemLanguage | undefined {
  let best: StemLanguage | undefined;
  let bestHits = 1;
  for (const lang of ['en', 'fi', 'sv'] as const) {
    const stop = stemmerFor(lang).stopWords;
    const hits = words.reduce((n, w) => n + (stop.has(w) ? 1 : 0), 0);
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  return best;
}
