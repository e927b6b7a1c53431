import { describe, expect, test } from 'vitest';
import { foldDiacritics, normaliseText } from '../../src/similarity/normaliseText.js';
import { guessLanguage, stemLanguage, stemmerFor } from '../../src/similarity/stemmerFor.js';
import { textFeatures } from '../../src/similarity/textFeatures.js';

describe('normaliseText(text)', () => {
  test('lower-cases, applies NFKC and turns punctuation runs into one space, keeping å ä ö', () => {
    expect(normaliseText('  Hämeentie — ＡＢＣ!!  Tavastvägen?\n')).toBe('hämeentie abc tavastvägen');
    expect(normaliseText('...')).toBe('');
  });
  test('foldDiacritics folds Nordic letters for the n-grams', () => {
    expect(foldDiacritics('pyöräkaista åäö')).toBe('pyorakaista aao');
  });
});

describe('stemmerFor(lang)', () => {
  test('stems Finnish, Swedish and English with Snowball', () => {
    expect(stemmerFor('fi').stem('pyöräkaistat')).toBe(stemmerFor('fi').stem('pyöräkaistoja').slice(0, stemmerFor('fi').stem('pyöräkaistat').length));
    expect(stemmerFor('sv').stem('cykelbanorna')).toBe(stemmerFor('sv').stem('cykelbanor'));
    expect(stemmerFor('en').stem('cycling')).toBe(stemmerFor('en').stem('cycled'));
  });
  test('keeps negations out of the stop words', () => {
    for (const [lang, word] of [['fi', 'ei'], ['sv', 'inte'], ['en', 'not']] as const) expect(stemmerFor(lang).stopWords.has(word)).toBe(false);
    expect(stemmerFor('en').stopWords.has('the')).toBe(true);
    expect(stemmerFor('sv').stopWords.has('och')).toBe(true);
    expect(stemmerFor('fi').stopWords.has('ja')).toBe(true);
  });
  test('stemLanguage reads the primary subtag', () => {
    expect([stemLanguage('sv-FI'), stemLanguage('FI'), stemLanguage('de'), stemLanguage(null)]).toEqual(['sv', 'fi', undefined, undefined]);
  });
});

describe('textFeatures(text, lang)', () => {
  test('drops stop words, stems the rest and makes padded character 4-grams', () => {
    const f = textFeatures('The bikes and the bike lanes', 'en');
    expect([...f.stems]).toEqual([['bike', 2], ['lane', 1]]);
    expect(f.grams.get('_bik')).toBe(2);
    expect(f.grams.has('_the')).toBe(false);
    expect(f.negated).toBe(false);
    expect(f.numbers).toBe('');
  });
  test('a Finnish compound shares n-grams with its parts', () => {
    const compound = textFeatures('pyöräkaista', 'fi').grams;
    const parts = textFeatures('kaista pyörille', 'fi').grams;
    expect([...compound.keys()].filter((g) => parts.has(g)).length).toBeGreaterThanOrEqual(4);
  });
  test('n-grams fold å/ä/ö so text typed without them still matches', () => {
    expect([...textFeatures('Hämeentiellä', 'fi').grams.keys()]).toEqual([...textFeatures('Hameentiella', 'fi').grams.keys()]);
  });
  test('notes negation and numbers', () => {
    expect(textFeatures('Autoja ei pidä päästää', 'fi').negated).toBe(true);
    expect(textFeatures('Bilarna ska inte släppas in', 'sv').negated).toBe(true);
    expect(textFeatures('I am 55 years or 30', 'en').numbers).toBe('30 55');
  });
  test('guesses fi, sv or en from stop words when the language is unknown', () => {
    expect([...textFeatures('The buses and the trams', null).stems.keys()]).toEqual([...textFeatures('The buses and the trams', 'en').stems.keys()]);
    expect(guessLanguage(['bussarna', 'och', 'spårvagnarna', 'på', 'gatan'])).toBe('sv');
    expect(guessLanguage(['hello'])).toBeUndefined();
  });
  test('without a stemmer keeps whole words and every word', () => {
    expect([...textFeatures('Die Straße und die Bahn', 'de').stems.keys()]).toEqual(['die', 'straße', 'und', 'bahn']);
  });
});
