/**
 * Text as the duplicate finder compares it: Unicode NFKC, lower case, every run of characters other than
 * letters and digits one space. Keeps å, ä and ö, which the Finnish and Swedish stemmers need.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of normalised text. */
export const words = (normalised: string): string[] => (normalised === '' ? [] : normalised.split(' '));

// Typed on a keyboard without å, ä, ö (or pasted without them) a word must still match: character n-grams fold them.
const folds: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', æ: 'a', ø: 'o', ü: 'u', é: 'e', è: 'e', á: 'a', à: 'a' };

/** The word with Nordic and common Latin diacritics removed (å, ä → a; ö, ø → o), for character n-grams. */
export const foldDiacritics = (word: string): string => word.replace(/[åäöæøüéèáà]/g, (c) => folds[c]!);
