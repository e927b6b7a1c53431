import { describe, expect, it } from 'vitest';
import { participantView, type KuuloResult } from '@kuulo/core';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import {
  bridgingChart,
  checkCatalogs,
  conflictChart,
  consensusChart,
  groupPanel,
  liveChart,
  opinionMap,
  opinionMapSummary,
  renderToString,
  statementChart,
  vizCatalogs,
  type Catalog,
} from '../../src/index';
import { createDocument, polisResult, uncertainResult } from '../helpers/fixtures';

const result = polisResult('below-100-ptpts');
const uncertain = uncertainResult('below-100-ptpts');
// Statement texts are user content; a neutral text keeps them from matching (or hiding) interface words.
const statementText = (id: unknown): string => `№${String(id)}`;

function youAt(r: KuuloResult, row: number): { x: number; y: number; group: number | null } {
  return { x: r.participantProjection.x[row]!, y: r.participantProjection.y[row]!, group: r.participantGroup[row] ?? null };
}

type Language = { locale?: string; messages?: Catalog };
/** Every chart, in the states that use most of its messages. */
const charts: Record<string, (document: Document, lang: Language) => SVGSVGElement> = {
  opinionMap: (document, lang) => opinionMap(result, { document, ...lang, statementText, statements: true, you: result.participants[3], uncertainty: false }),
  'opinionMap with uncertainty': (document, lang) => opinionMap(uncertain, { document, ...lang, statementText, you: uncertain.participants[0] }),
  'opinionMap in density mode': (document, lang) => opinionMap(uncertain, { document, ...lang, statementText, densityThreshold: 0 }),
  'opinionMap, you not on it': (document, lang) => opinionMap(result, { document, ...lang, statementText, you: 'nobody' }),
  opinionMapSummary: (document, lang) => opinionMapSummary(participantView(result), { document, ...lang, statementText, you: youAt(result, 3) }),
  'opinionMapSummary with stability': (document, lang) =>
    opinionMapSummary(participantView(uncertain), { document, ...lang, statementText, you: youAt(uncertain, 0), stability: uncertain.uncertainty!.groups }),
  groupPanel: (document, lang) => groupPanel(result, { document, ...lang, statementText, uncertainty: false }),
  'groupPanel with uncertainty': (document, lang) => groupPanel(uncertain, { document, ...lang, statementText }),
  consensusChart: (document, lang) => consensusChart(result, { document, ...lang, statementText, uncertainty: false }),
  'consensusChart with uncertainty': (document, lang) => consensusChart(uncertain, { document, ...lang, statementText }),
  conflictChart: (document, lang) => conflictChart(result, { document, ...lang, statementText, minScore: 0 }),
  'conflictChart without conflicts': (document, lang) => conflictChart(result, { document, ...lang, statementText, minScore: 2 }),
  statementChart: (document, lang) => statementChart(result, result.statements[0]!, { document, ...lang, statementText }),
  bridgingChart: (document, lang) => bridgingChart(uncertain, { document, ...lang, statementText }),
  'bridgingChart without bridging scores': (document, lang) => bridgingChart(result, { document, ...lang, statementText }),
  'bridgingChart with nothing to compare': (document, lang) => bridgingChart(uncertain, { document, ...lang, statementText, count: 0 }),
  'liveChart(opinionMap) after an update': (document, lang) => {
    const live = liveChart(opinionMap, result, { document, ...lang, statementText, zoom: false, you: result.participants[3] });
    live.update(uncertain);
    return live.node;
  },
};

/** Everything a reader sees or hears: text nodes (not the stylesheet), aria-labels and tooltips. */
function readableTexts(svg: SVGSVGElement): string[] {
  const texts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) texts.push(node.textContent ?? '');
    if (node.nodeType !== 1 || (node as Element).localName === 'style') return;
    const label = (node as Element).getAttribute('aria-label');
    if (label) texts.push(label);
    node.childNodes.forEach(walk);
  };
  walk(svg);
  return texts.map((s) => s.trim()).filter(Boolean);
}

/** The literal runs of a message (placeholders cut them apart), inside plural and select options too. */
function literals(elements: MessageFormatElement[], into: string[] = [], run = { text: '' }): string[] {
  const flush = (): void => {
    if (run.text.trim()) into.push(run.text.trim());
    run.text = '';
  };
  for (const element of elements) {
    if (element.type === TYPE.literal) {
      run.text += element.value;
      continue;
    }
    flush();
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) literals(option.value, into, { text: '' });
    }
  }
  flush();
  return into;
}

/** English phrases (two words or more) of the messages a language translates differently. */
function englishPhrases(lang: string): string[] {
  const en = vizCatalogs.en!;
  const other = vizCatalogs[lang]!;
  const phrases = Object.keys(en)
    .filter((key) => other[key] !== en[key])
    .flatMap((key) => literals(parse(en[key]!, { ignoreTag: true })))
    .filter((phrase) => (phrase.match(/\p{L}+/gu) ?? []).length >= 2);
  return [...new Set(phrases)];
}

describe('viz catalogs', () => {
  it('have every key in fi, sv and en, valid ICU MessageFormat with the same placeholders', () => {
    expect(checkCatalogs(vizCatalogs)).toEqual([]);
    expect(Object.keys(vizCatalogs.en!).length).toBeGreaterThan(100);
    expect(Object.keys(vizCatalogs.en!).every((key) => key.startsWith('chart.'))).toBe(true);
  });
});

const concrete: Record<string, string[]> = {
  fi: ['Mielipidekartta', 'Samaa mieltä', 'Eri mieltä', 'Ryhmä A', 'Sinä', 'Mielipideryhmät', 'Yhteinen näkemys', 'Siltapisteet', 'Ryhmiin kuuluvat', 'uudelleenotanno'],
  sv: ['Åsiktskarta', 'Håller med', 'Håller inte med', 'Grupp A', 'Du', 'Åsiktsgrupper', 'Samsyn', 'Broindex', 'Deltagare i grupper', 'omsampling'],
};

for (const lang of ['fi', 'sv'] as const) {
  describe(`charts in ${lang}`, () => {
    const phrases = englishPhrases(lang);
    const seen: string[] = [];

    it('has English phrases to look for, and finds them in an English chart', () => {
      expect(phrases.length).toBeGreaterThan(100);
      expect(phrases).toContain('Each dot is a participant. People who voted alike are close together.');
      const english = readableTexts(charts['groupPanel with uncertainty']!(createDocument(), {}));
      expect(phrases.filter((phrase) => english.some((text) => text.includes(phrase))).length).toBeGreaterThan(5);
    });

    for (const [name, draw] of Object.entries(charts)) {
      it(`${name}: lang="${lang}" on the root and no English interface text`, () => {
        const svg = draw(createDocument(), { locale: lang });
        expect(svg.getAttribute('lang')).toBe(lang);
        const texts = readableTexts(svg);
        seen.push(...texts);
        const english = phrases.filter((phrase) => texts.some((text) => text.includes(phrase)));
        expect(english).toEqual([]);
        // The serialized file keeps the language too.
        expect(renderToString((document) => draw(document, { locale: lang }), { createDocument })).toContain(`lang="${lang}"`);
      });
    }

    it(`shows ${lang} words across the charts`, () => {
      const all = seen.join('\n');
      for (const word of concrete[lang]!) expect(all).toContain(word);
    });
  });
}

describe('chart language options', () => {
  it('a regional tag picks its language; an unknown one without messages stays English', () => {
    expect(opinionMap(result, { document: createDocument(), locale: 'sv-FI' }).getAttribute('lang')).toBe('sv');
    const de = opinionMap(result, { document: createDocument(), locale: 'de' });
    expect(de.getAttribute('lang')).toBe('en');
    expect(de.querySelector('title')!.textContent).toBe('Opinion map');
  });

  it('messages add a language (the rest in English) or override a message of a shipped one', () => {
    const de = opinionMap(result, { document: createDocument(), locale: 'de', messages: { 'chart.map.title': 'Meinungskarte' } });
    expect(de.getAttribute('lang')).toBe('de');
    expect(de.querySelector('title')!.textContent).toBe('Meinungskarte');
    const fi = groupPanel(result, { document: createDocument(), locale: 'fi', messages: { 'chart.panel.title': 'Ryhmät' } });
    expect(fi.querySelector('title')!.textContent).toBe('Ryhmät');
    expect(fi.querySelector('caption')!.textContent).toBe('Ryhmät: ryhmiä kuvaavat väitteet');
  });

  it('formats numbers in the language: percentages and decimals in Finnish', () => {
    const texts = readableTexts(groupPanel(uncertain, { document: createDocument(), locale: 'fi', statementText }));
    expect(texts.some((t) => /^\d+\u00a0%$/.test(t))).toBe(true);
    expect(texts.join(' ')).toMatch(/vakaus 0,\d\d/);
    expect(texts.join(' ')).not.toMatch(/\d+%/);
  });
});

describe('pseudo-locale en-XA: no hard-coded interface text', () => {
  it('the check sees plain English where the pseudo-locale is not used', () => {
    expect(readableTexts(charts.conflictChart!(createDocument(), {})).filter((text) => /[A-Za-z]{2,}/.test(text)).length).toBeGreaterThan(5);
  });

  for (const [name, draw] of Object.entries(charts)) {
    it(`${name} has no plain-ASCII word outside statement texts and group letters`, () => {
      const svg = draw(createDocument(), { locale: 'en-XA' });
      expect(svg.getAttribute('lang')).toBe('en-XA');
      const plain = readableTexts(svg).filter((text) => /[A-Za-z]{2,}/.test(text));
      expect(plain).toEqual([]);
    });
  }
});
