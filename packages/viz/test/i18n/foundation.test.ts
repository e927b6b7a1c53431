import { describe, expect, it } from 'vitest';
import { checkCatalogs, createTranslator, parseAcceptLanguage, pickLanguage, pseudoCatalog, pseudoLanguage, vizTranslator } from '../../src/index';
import { parse } from '@formatjs/icu-messageformat-parser';

const en = {
  greeting: 'Hello, {name}!',
  votes: '{count, plural, one {# vote} other {# votes}}',
  side: '{side, select, agree {agrees} other {disagrees}}',
};
const fi = { greeting: 'Hei, {name}!', votes: '{count, plural, one {# ääni} other {# ääntä}}' };

describe('createTranslator', () => {
  it('fills in placeholders, plurals and selects in the language', () => {
    const t = createTranslator('fi', fi, en);
    expect(t.lang).toBe('fi');
    expect(t.t('greeting', { name: 'Aino' })).toBe('Hei, Aino!');
    expect(t.t('votes', { count: 1 })).toBe('1 ääni');
    expect(t.t('votes', { count: 12345 })).toBe('12\u00a0345 ääntä');
  });

  it('falls back key by key to the fallback catalog, and says which key no catalog has', () => {
    const t = createTranslator('fi', fi, en);
    expect(t.has('side')).toBe(true);
    expect(t.t('side', { side: 'agree' })).toBe('agrees');
    expect(t.has('nope')).toBe(false);
    expect(() => t.t('nope')).toThrow('translator: no message "nope" in the fi catalog or its fallback');
  });

  it('names the key of a message that is not valid ICU MessageFormat', () => {
    const t = createTranslator('fi', { broken: 'Hei {name' }, en);
    expect(() => t.t('broken', { name: 'x' })).toThrow('translator: message "broken" of fi is not valid ICU MessageFormat');
  });

  it('formats numbers, percentages, lists and dates with Intl in the language', () => {
    const fiT = createTranslator('fi', fi, en);
    const enT = createTranslator('en', en);
    expect(fiT.number(1234.5)).toBe('1\u00a0234,5');
    expect(fiT.percent(0.45)).toBe('45\u00a0%');
    expect(enT.percent(0.45)).toBe('45%');
    expect(fiT.list(['a', 'b', 'c'])).toBe('a, b ja c');
    expect(createTranslator('sv', {}, en).list(['a', 'b'], 'disjunction')).toBe('a eller b');
    expect(fiT.list(['A 0,91', 'B 0,62'], 'unit')).toBe('A 0,91, B 0,62');
    expect(fiT.dateTime(new Date(Date.UTC(2024, 4, 17, 9, 30)), { dateStyle: 'short', timeZone: 'UTC' })).toBe('17.5.2024');
  });

  it('applies number defaults to its own numbers and to numbers inside messages', () => {
    const t = createTranslator('en', en, en, { useGrouping: false });
    expect(t.number(1921)).toBe('1921');
    expect(t.t('votes', { count: 1921 })).toBe('1921 votes');
    expect(createTranslator('en', en).t('votes', { count: 1921 })).toBe('1,921 votes');
  });
});

describe('pseudoCatalog', () => {
  const pseudo = pseudoCatalog(en);

  it('accents and lengthens the text but keeps placeholders, plural and select keys', () => {
    expect(pseudo.greeting).toMatch(/^⟦.*\{name\}.*⟧$/);
    expect(pseudo.greeting).not.toMatch(/[A-Za-z]{2,}(?![^{]*\})/);
    expect(pseudo.votes).toMatch(/^⟦\{count, ?plural, ?one ?\{# [^A-Za-z]+\} ?other ?\{# [^A-Za-z]+\}\}⟧$/);
    expect(pseudo.side).toMatch(/^⟦\{side, ?select, ?agree ?\{[^A-Za-z]+\} ?other ?\{[^A-Za-z]+\}\}⟧$/);
  });

  it('gives messages that parse and format', () => {
    for (const message of Object.values(pseudo)) expect(() => parse(message)).not.toThrow();
    const t = createTranslator(pseudoLanguage, pseudo, en);
    expect(t.t('greeting', { name: 'Aino' })).toContain('Aino');
    expect(t.t('votes', { count: 2 })).toBe('⟦2 ṽöţéšẋẋ⟧');
  });
});

describe('checkCatalogs', () => {
  it('finds nothing wrong with matching catalogs', () => {
    expect(checkCatalogs({ en, fi: { ...fi, side: '{side, select, agree {on samaa mieltä} other {on eri mieltä}}' } })).toEqual([]);
  });

  it('finds missing, extra, invalid, empty and argument-mismatched messages, naming language and key', () => {
    const problems = checkCatalogs({
      en,
      fi: { greeting: 'Hei, {nimi}!', votes: '{count, plural, one {# ääni}', extra: 'Ylimääräinen', side: ' ' },
    });
    const found = problems.map((p) => `${p.lang} ${p.key} ${p.problem}`).sort();
    expect(found).toEqual(['fi extra extra', 'fi greeting arguments', 'fi side empty', 'fi votes invalid']);
    expect(problems.find((p) => p.key === 'greeting')!.detail).toContain('missing name; unknown nimi');
    expect(checkCatalogs({ en, sv: {} }).filter((p) => p.problem === 'missing').map((p) => p.key)).toEqual(['greeting', 'votes', 'side']);
  });

  it('needs the reference catalog', () => {
    expect(() => checkCatalogs({ fi })).toThrow('checkCatalogs: no en catalog among fi');
  });
});

describe('parseAcceptLanguage and pickLanguage', () => {
  it('orders languages by q-value, then by position, leaving out q=0 and malformed tags', () => {
    expect(parseAcceptLanguage('en;q=0.5, sv-FI, fi;q=0.9, de;q=0, *;q=0.1, x_y')).toEqual(['sv-FI', 'fi', 'en']);
    expect(parseAcceptLanguage('fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual(['fi-FI', 'fi', 'en-US', 'en']);
    expect(parseAcceptLanguage('')).toEqual([]);
    expect(parseAcceptLanguage(null)).toEqual([]);
  });

  it('matches on the primary subtag, the pseudo-locale only exactly', () => {
    expect(pickLanguage(['sv-FI'])).toBe('sv');
    expect(pickLanguage(['de-DE', 'fi-FI', 'sv'])).toBe('fi');
    expect(pickLanguage([undefined, null, 'EN-gb'])).toBe('en');
    expect(pickLanguage(['en-XA'])).toBe(pseudoLanguage);
    expect(pickLanguage(['en-xa'])).toBe('en-XA');
    expect(pickLanguage(['de', 'ru'])).toBeNull();
  });
});

describe('vizTranslator', () => {
  it('picks a shipped language by its primary subtag and falls back to English for others', () => {
    expect(vizTranslator('sv-FI').lang).toBe('sv');
    expect(vizTranslator('de').lang).toBe('en');
    expect(vizTranslator().t('chart.you')).toBe('You');
    expect(vizTranslator('fi').t('chart.you')).toBe('Sinä');
  });

  it('takes messages for another language or to override a shipped one, the rest in English', () => {
    const de = vizTranslator('de', { 'chart.you': 'Du bist hier' });
    expect(de.lang).toBe('de');
    expect(de.t('chart.you')).toBe('Du bist hier');
    expect(de.t('chart.map.title')).toBe('Opinion map');
    expect(vizTranslator('fi', { 'chart.you': 'Sä' }).t('chart.you')).toBe('Sä');
    expect(vizTranslator('fi').t('chart.you')).toBe('Sinä');
  });

  it('keeps English numbers ungrouped, as the charts printed them before, and groups Finnish ones', () => {
    expect(vizTranslator('en').t('chart.map.desc.noGroups', { count: 1921 })).toBe('Opinion map of 1921 participants, not yet divided into groups.');
    expect(vizTranslator('fi').t('chart.tally.votes', { count: 12000 })).toBe('12\u00a0000 ääntä');
  });
});
