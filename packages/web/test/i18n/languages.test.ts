import { readFileSync, writeFileSync } from 'node:fs';
import type { Catalog } from '@kuulo/viz';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openProbe, phone, slow, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { adminKey, startServer, type TestServer } from '../support/startServer.js';
import { englishOnPage, i18nOutputDir, layoutProblems, saveShot, shownTexts } from './pageChecks.js';

/*
 * The proof: a Helsinki street-renovation conversation in Finnish, Swedish and English,
 * read in each language. Interface text follows the reader's language (chosen by the switcher,
 * ?lang= or Accept-Language), statements show in it with a matching lang attribute, and a vote
 * read in Finnish and one read in Swedish count on the one statement.
 */

type Lang = 'fi' | 'sv' | 'en';
const id = 'hameentie';
const texts = {
  topic: { fi: 'Hämeentien katuremontti', sv: 'Tavastvägens gatureparation', en: 'Hämeentie street renovation' },
  description: {
    fi: 'Kaupunki uudistaa Hämeentien vuonna 2027. Kerro, mitä mieltä sinä olet.',
    sv: 'Staden förnyar Tavastvägen år 2027. Berätta vad du tycker.',
    en: 'The city renews Hämeentie in 2027. Tell us what you think.',
  },
};
/** Each statement in the language it was written in (`lang`) and translated into the other two by a moderator. */
const statements: { lang: Lang; text: Record<Lang, string> }[] = [
  { lang: 'fi', text: { fi: 'Hämeentielle tarvitaan leveämmät pyöräkaistat.', sv: 'Tavastvägen behöver bredare cykelfiler.', en: 'Hämeentie needs wider bike lanes.' } },
  { lang: 'fi', text: { fi: 'Raitiovaunujen pitää kulkea useammin remontin aikana.', sv: 'Spårvagnarna ska gå oftare under reparationen.', en: 'Trams should run more often during the works.' } },
  { lang: 'sv', text: { fi: 'Kadun varren kaupat tarvitsevat tukea remontin ajaksi.', sv: 'Butikerna längs gatan behöver stöd under reparationen.', en: 'The shops along the street need support during the works.' } },
  { lang: 'sv', text: { fi: 'Autoille pitää jättää kaksi kaistaa.', sv: 'Bilarna ska få behålla två körfält.', en: 'Cars should keep two lanes.' } },
  { lang: 'en', text: { fi: 'Pysäköintipaikkoja ei saa vähentää.', sv: 'Antalet parkeringsplatser får inte minska.', en: 'The number of parking places must not go down.' } },
  { lang: 'en', text: { fi: 'Remontti kannattaa tehdä kerralla, vaikka se kestää kauemmin.', sv: 'Det lönar sig att göra reparationen på en gång, även om den tar längre.', en: 'The renovation is worth doing in one go, even if it takes longer.' } },
];

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;
let moderatorKey: string;
const statementIds: number[] = [];

const readCatalog = (pkg: 'web' | 'viz', lang: string): Catalog => JSON.parse(readFileSync(new URL(`../../../${pkg}/locales/${lang}.json`, import.meta.url), 'utf8')) as Catalog;
/** The en catalogs of the pages and the charts beside the `lang` ones (read at check time: they are still being written). */
const catalogPairs = (lang: Lang) => (['web', 'viz'] as const).map((pkg) => ({ name: pkg, en: readCatalog(pkg, 'en'), other: readCatalog(pkg, lang) }));

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  const created = await api.call('POST', '/conversations', {
    id,
    topic: texts.topic.fi,
    description: texts.description.fi,
    languages: ['fi', 'sv', 'en'],
    translations: { sv: { topic: texts.topic.sv, description: texts.description.sv }, en: { topic: texts.topic.en, description: texts.description.en } },
  });
  moderatorKey = created.moderatorKey as string;
  for (const statement of statements) {
    const seeded = await api.call('POST', `/conversations/${id}/seeds`, { text: statement.text[statement.lang], lang: statement.lang }, moderatorKey);
    statementIds.push(seeded.id as number);
    for (const lang of ['fi', 'sv', 'en'] as const) {
      if (lang !== statement.lang) await translate(seeded.id as number, lang, statement.text[lang]);
    }
  }
  // Twelve earlier participants in two camps, so the map, groups and charts have something to say.
  for (let p = 0; p < 12; p++) {
    for (const [j, statementId] of statementIds.entries()) {
      const camp = (p < 6) === (j % 2 === 0) ? 'agree' : 'disagree';
      await api.vote(id, `resident-${p}`, statementId, (p + j) % 5 === 0 ? 'pass' : camp);
    }
  }
  await api.waitForMath(id);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function translate(statementId: number, lang: Lang, text: string): Promise<void> {
  const response = await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${id}/statements/${statementId}/translations/${lang}`, payload: { text }, headers: { authorization: `Bearer ${moderatorKey}` } });
  if (response.statusCode >= 400) throw new Error(`PUT …/statements/${statementId}/translations/${lang} → ${response.statusCode} ${response.body}`);
}

/** A phone-size page in its own context (own device storage), recording console errors. */
function open(options: BrowserContextOptions = {}): Promise<Probe> {
  return openProbe(browser, phone, { context: options });
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** The language around the element whose own text is `text` (its lang, or its nearest ancestor's), null when no element shows it. */
const langAround = (page: Page, text: string) =>
  page.evaluate((wanted) => {
    const element = [...document.querySelectorAll('main *')].find((e) => e.checkVisibility() && [...e.childNodes].some((n) => n.nodeType === 3 && n.nodeValue?.trim() === wanted));
    return element ? (element.closest('[lang]')?.getAttribute('lang') ?? '') : null;
  }, text);

/** The statement on the voting card, as an index into `statements`, checked to be in `lang` and marked so. */
async function shownStatement(page: Page, lang: Lang): Promise<number> {
  await expect.poll(() => page.locator('.kuulo-statement').textContent(), slow).toBeOneOf(statements.map((s) => s.text[lang]));
  const text = ((await page.locator('.kuulo-statement').textContent()) ?? '').trim();
  expect(await langAround(page, text), `lang attribute around the statement "${text}"`).toBe(lang);
  return statements.findIndex((s) => s.text[lang] === text);
}

/**
 * The page is in `lang`: `<html lang>`, no phrase of an English message (one the `lang` catalog
 * says differently) anywhere in its text or labels, the topic in `lang`, and no statement shown in
 * another language where a translation exists (`readerPage`: participant and report), and nothing
 * overflowing, cut off or broken mid-word at the page's width.
 */
async function expectInLanguage(probe: Probe, lang: Lang, name: string, options: { readerPage: boolean }): Promise<void> {
  const { page } = probe;
  await page.evaluate('document.fonts.ready');
  await saveShot(page, `${name}`);
  expect.soft(await htmlLang(page), `${name}: <html lang>`).toBe(lang);
  const shown = await shownTexts(page);
  // User text in every language (the moderator page lists each statement's translations): not interface text.
  const content = (['fi', 'sv', 'en'] as const).flatMap((l) => [texts.topic[l], texts.description[l], ...statements.map((s) => s.text[l])]);
  const english = englishOnPage(shown, catalogPairs(lang), content);
  expect.soft(english, `${name}: ${english.length} English interface phrase(s) on the ${lang} page`).toEqual([]);
  expect.soft(shown.some((t) => t.text === texts.topic[lang]), `${name}: topic "${texts.topic[lang]}" shown`).toBe(true);
  if (options.readerPage) {
    const others = statements.flatMap((s) => (['fi', 'sv', 'en'] as const).filter((l) => l !== lang).map((l) => s.text[l]));
    const wrong = shown.filter((t) => others.includes(t.text)).map((t) => `${JSON.stringify(t.text)} at ${t.path}`);
    expect.soft(wrong, `${name}: statements shown in another language though a ${lang} translation exists`).toEqual([]);
    for (const s of statements) {
      if (shown.some((t) => t.text === s.text[lang])) expect.soft(await langAround(page, s.text[lang]), `${name}: lang around "${s.text[lang]}"`).toBe(lang);
    }
  }
  // Real Finnish and Swedish words, not only the pseudo-locale's, must fit the screen (or the printed column).
  const width = page.viewportSize()?.width ?? phone.width;
  const layout = await layoutProblems(page, width);
  expect.soft(layout, `${name}: ${layout.length} element(s) overflowing the ${width} px page, cut off or breaking a word`).toEqual([]);
  expect.soft(probe.errors, `${name}: console errors`).toEqual([]);
}

const participantUrl = (query = '') => `${server.url}/c/${id}${query}`;

describe('participant page in Finnish, three ways', () => {
  it('by the switcher: "Suomi", remembered on the device after a reload and without ?lang=', async () => {
    const probe = await open({ locale: 'en-GB' });
    const { page } = probe;
    await page.goto(participantUrl());
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(texts.topic.en);
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('link', { name: 'Suomi', exact: true }).click();
    await expect.poll(() => htmlLang(page), slow).toBe('fi');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(texts.topic.fi);
    // The choice is kept on the device: the plain address, with an English browser, stays Finnish.
    await page.goto(participantUrl());
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(texts.topic.fi);
    await shownStatement(page, 'fi');
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await expectInLanguage(probe, 'fi', 'fi-participant-switcher', { readerPage: true });
    await probe.context.close();
  });

  it('by ?lang=fi', async () => {
    const probe = await open({ locale: 'en-GB' });
    const { page } = probe;
    await page.goto(participantUrl('?lang=fi'));
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(texts.topic.fi);
    await shownStatement(page, 'fi');
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await expectInLanguage(probe, 'fi', 'fi-participant-query', { readerPage: true });
    await probe.context.close();
  });

  it('by Accept-Language: fi (and the server answers sv to a Swedish browser, so the header is what decides)', async () => {
    const probe = await open({ locale: 'fi-FI', extraHTTPHeaders: { 'Accept-Language': 'fi' } });
    const { page } = probe;
    const response = await page.goto(participantUrl());
    expect(await response?.text()).toMatch(/<html lang="fi"/);
    const swedish = await fetch(participantUrl(), { headers: { 'accept-language': 'sv-FI, sv;q=0.9' } });
    expect(await swedish.text()).toMatch(/<html lang="sv"/);
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(texts.topic.fi);
    await shownStatement(page, 'fi');
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await expectInLanguage(probe, 'fi', 'fi-participant-accept-language', { readerPage: true });
    await probe.context.close();
  });
});

describe('one statement, read in Finnish and in Swedish', () => {
  it('a vote cast on the Finnish page and one on the Swedish page both count on that one statement', async () => {
    const tallyOf = async (statementId: number) => (await api.call('GET', `/conversations/${id}/statements/${statementId}`, undefined, null)).tally as { agree: number; disagree: number; pass: number };
    const finnish = await open();
    await finnish.page.goto(participantUrl('?lang=fi'));
    const index = await shownStatement(finnish.page, 'fi');
    const statementId = statementIds[index]!;
    const before = await tallyOf(statementId);
    await finnish.page.locator('.kuulo-vote-buttons button[data-vote="agree"]').click();
    await expect.poll(async () => (await tallyOf(statementId)).agree, slow).toBe(before.agree + 1);

    // The Swedish reader passes until the same statement comes up in Swedish, then agrees.
    const swedish = await open();
    await swedish.page.goto(participantUrl('?lang=sv'));
    for (let turn = 0; turn < statements.length; turn++) {
      const shown = await shownStatement(swedish.page, 'sv');
      if (shown === index) break;
      await swedish.page.locator('.kuulo-vote-buttons button[data-vote="pass"]').click();
      await expect.poll(() => swedish.page.locator('.kuulo-statement').textContent(), slow).not.toBe(statements[shown]!.text.sv);
    }
    expect(((await swedish.page.locator('.kuulo-statement').textContent()) ?? '').trim()).toBe(statements[index]!.text.sv);
    await swedish.page.locator('.kuulo-vote-buttons button[data-vote="agree"]').click();
    await expect.poll(async () => (await tallyOf(statementId)).agree, slow).toBe(before.agree + 2);
    expect(await tallyOf(statementId)).toEqual({ ...before, agree: before.agree + 2 });
    // Still six statements: reading a translation made no copy.
    expect((await api.call('GET', `/conversations/${id}/statements?limit=100`, undefined, null)).total).toBe(statements.length);
    await saveShot(swedish.page, 'sv-participant-after-vote');
    expect([...finnish.errors, ...swedish.errors]).toEqual([]);
    await Promise.all([finnish.context.close(), swedish.context.close()]);
  });
});

describe('moderator and report pages in Swedish and Finnish (?lang=)', () => {
  for (const lang of ['sv', 'fi'] as const) {
    it(`moderator page in ${lang}`, async () => {
      const probe = await open();
      const { page } = probe;
      await page.goto(`${server.url}/c/${id}/moderate?lang=${lang}`);
      await page.locator('form.kuulo-key-form').waitFor();
      await expectInLanguage(probe, lang, `${lang}-moderate-key-form`, { readerPage: false });
      await page.locator('form.kuulo-key-form input').fill(moderatorKey);
      await page.locator('form.kuulo-key-form button[type="submit"]').click();
      // Every statement (the queue opens on pending ones; these are all seeds), each with its language and translation editors.
      await page.locator('.kuulo-queue-filter select').selectOption('all');
      await expect.poll(() => page.locator('.kuulo-item').count(), slow).toBe(statements.length);
      await expectInLanguage(probe, lang, `${lang}-moderate`, { readerPage: false });
      await probe.context.close();
    });

    it(`report page in ${lang}`, async () => {
      const probe = await open();
      const { page } = probe;
      await page.goto(`${server.url}/c/${id}/report?lang=${lang}`);
      await page.locator('#groups svg.kuulo-opinion-map').waitFor();
      await page.locator('#majority svg.kuulo-chart').waitFor();
      await expect.poll(() => page.locator('#statements li.kuulo-statement-item').count(), slow).toBe(statements.length);
      await expectInLanguage(probe, lang, `${lang}-report`, { readerPage: true });
      // Every statement is there in the reader's language.
      const listed = (await page.locator('#statements').textContent()) ?? '';
      expect(statements.filter((s) => !listed.includes(s.text[lang])).map((s) => s.text[lang])).toEqual([]);
      await probe.context.close();
    });
  }

  it('the printed report is in Swedish, with no language switcher', async () => {
    const probe = await open();
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/report?lang=sv`);
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    await page.locator('#majority svg.kuulo-chart').waitFor();
    expect(await page.locator('.kuulo-languages').isVisible(), 'the switcher shows on screen').toBe(true);
    await page.setViewportSize({ width: 690, height: 976 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kuulo-languages').isVisible(), 'the switcher is not printed').toBe(false);
    await expectInLanguage(probe, 'sv', 'sv-report-print', { readerPage: true });
    writeFileSync(`${i18nOutputDir}sv-report.pdf`, await page.pdf({ format: 'A4', printBackground: true }));
    await probe.context.close();
  });
});

describe('admin console in Swedish and Finnish (?lang=)', () => {
  /** File names on the export buttons: data, the same in every language. */
  const fileNames = ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv', 'math.json', 'math-pca2.json'];
  const content = (['fi', 'sv', 'en'] as const).flatMap((l) => [texts.topic[l], texts.description[l], ...statements.map((s) => s.text[l])]);
  /** No English interface phrase, nothing overflowing at 390 px, no console errors. */
  const expectAdminIn = async (probe: Probe, lang: Lang, name: string): Promise<void> => {
    const { page } = probe;
    await page.evaluate('document.fonts.ready');
    await saveShot(page, name);
    expect.soft(await htmlLang(page), `${name}: <html lang>`).toBe(lang);
    const english = englishOnPage(await shownTexts(page), catalogPairs(lang), [...content, ...fileNames]);
    expect.soft(english, `${name}: ${english.length} English interface phrase(s) on the ${lang} page`).toEqual([]);
    const layout = await layoutProblems(page, phone.width);
    expect.soft(layout, `${name}: ${layout.length} element(s) overflowing the ${phone.width} px page, cut off or breaking a word`).toEqual([]);
    expect.soft(probe.errors, `${name}: console errors`).toEqual([]);
  };

  for (const lang of ['sv', 'fi'] as const) {
    it(`admin console in ${lang}: the key form, then the conversation's page`, async () => {
      // A browser in that language: the embed preview follows the reader's browser, as on a host site.
      const probe = await open({ locale: lang });
      const { page } = probe;
      await page.goto(`${server.url}/admin?lang=${lang}`);
      await page.locator('form.kuulo-key-form').waitFor();
      await expectAdminIn(probe, lang, `${lang}-admin-key-form`);
      await page.locator('form.kuulo-key-form input').fill(adminKey);
      await page.locator('form.kuulo-key-form button[type="submit"]').click();
      await page.locator('.kuulo-admin-item').first().waitFor();
      await expectAdminIn(probe, lang, `${lang}-admin-list`);
      await page.goto(`${server.url}/admin?lang=${lang}#c/${id}`);
      await page.locator('.kuulo-admin-conversation .kuulo-card').first().waitFor();
      await expect.poll(() => page.locator('h2.kuulo-admin-title').textContent(), slow).toBe(texts.topic[lang]);
      await page.locator('.kuulo-admin-share kuulo-conversation .kuulo-vote').waitFor();
      await expectAdminIn(probe, lang, `${lang}-admin`);
      await probe.context.close();
    });
  }
});
