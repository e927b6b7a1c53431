import { readFileSync } from 'node:fs';
import type { Catalog } from '@kuulo/viz';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, screenshotOf, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';
import { englishOnPage, shownTexts } from '../i18n/pageChecks.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

const id = 'kuka-osallistui';
const topic = 'Hämeentie works';
const statements = [
  'The street needs wider cycle lanes.',
  'Trams should run more often during the works.',
  'Shops need deliveries in the morning.',
  'Cars should keep two lanes.',
  'Parking places must not go down.',
  'The works should wait until next year.',
];
const questions = {
  askAfterVotes: 3,
  questions: [
    {
      key: 'district',
      text: { en: 'Where do you live?', fi: 'Missä asut?', sv: 'Var bor du?' },
      answers: [
        { key: 'north', text: { en: 'North', fi: 'Pohjoinen', sv: 'Norr' }, population: 0.3 },
        { key: 'south', text: { en: 'South', fi: 'Etelä', sv: 'Söder' }, population: 0.6 },
        { key: 'east', text: { en: 'East', fi: 'Itä', sv: 'Öster' }, population: 0.1 },
      ],
    },
    {
      key: 'mode',
      text: { en: 'How do you mostly use the street?', fi: 'Miten kuljet kadulla useimmiten?', sv: 'Hur rör du dig oftast på gatan?' },
      answers: [
        { key: 'bike', text: { en: 'By bike', fi: 'Pyörällä', sv: 'Med cykel' } },
        { key: 'car', text: { en: 'By car', fi: 'Autolla', sv: 'Med bil' } },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  const key = (await api.call('POST', '/conversations', { id, topic, languages: ['en', 'fi', 'sv'], translations: { fi: { topic: 'Hämeentien työt' }, sv: { topic: 'Tavastvägens arbeten' } } })).moderatorKey as string;
  const ids = await api.seed(id, key, statements);
  const put = await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${id}/questions`, payload: questions, headers: { authorization: `Bearer ${key}` } });
  expect(put.statusCode, put.body).toBe(200);
  // 18 from the north back the cycle lanes, 10 from the south and 2 from the east (too few to show) the cars:
  // the north is over-represented (60 % against 30 %), so weighting to the population moves the picture.
  for (let p = 0; p < 30; p++) {
    const district = p < 18 ? 'north' : p < 28 ? 'south' : 'east';
    const cyclist = district === 'north';
    for (const [j, sid] of ids.entries()) {
      const twist = (p * 37 + j * 11) % 10;
      const side = cyclist === j < 3 ? 'agree' : 'disagree';
      await api.vote(id, `asukas-${p}`, sid, twist === 0 ? 'pass' : side);
    }
    const answers = { district, mode: p % 3 === 0 ? null : cyclist ? 'bike' : 'car' };
    const reply = await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${id}/answers/me`, payload: { answers, xid: `asukas-${p}` } });
    expect(reply.statusCode, reply.body).toBe(200);
  }
  // The section is computed with the math: wait until it carries the weights.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = (await server.api.inject({ method: 'GET', url: `/api/v1/conversations/${id}/representativeness` })).json() as { representativeness: { weights: unknown; questions: { answered: number | null }[] } | null };
    if (body.representativeness?.weights != null && body.representativeness.questions[0]?.answered === 30) break;
    if (Date.now() > deadline) throw new Error(`no weighted representativeness within 30 s: ${JSON.stringify(body).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const catalog = (pkg: 'web' | 'viz', lang: string): Catalog => JSON.parse(readFileSync(new URL(`../../../${pkg}/locales/${lang}.json`, import.meta.url), 'utf8')) as Catalog;
const content = [topic, 'Hämeentien työt', 'Tavastvägens arbeten', ...statements, ...questions.questions.flatMap((q) => [...Object.values(q.text), ...q.answers.flatMap((a) => Object.values(a.text))])];

async function openReport(lang: string, viewport = desktop): Promise<{ probe: Awaited<ReturnType<typeof openProbe>>; page: Page }> {
  const probe = await openProbe(browser, viewport);
  await probe.page.goto(`${server.url}/c/${id}/report?lang=${lang}`);
  await probe.page.locator('#who table').first().waitFor({ timeout: slow.timeout });
  return { probe, page: probe.page };
}

const rowCells = (page: Page, question: string, answer: string) =>
  page.locator(`#who [data-question="${question}"] tbody tr`).filter({ has: page.locator('th', { hasText: answer }) }).locator('td').allTextContents();

describe('report: who took part', () => {
  it('shows each question with n, share, population and per-group shares, a withheld cell, and the weighted figures', async () => {
    const { probe, page } = await openReport('en');
    const section = page.locator('#who');
    expect(await section.locator('h2').textContent()).toBe('Who took part');
    expect(await section.locator('caption').first().textContent()).toBe('Where do you live?');
    const head = await section.locator('[data-question="district"] thead th').allTextContents();
    expect(head.slice(0, 4)).toEqual(['Answer', 'Participants (n)', 'Share', 'Population']);
    expect(head.slice(4).every((h) => /^Group \S+$/.test(h))).toBe(true);
    expect(head.length).toBeGreaterThanOrEqual(6);
    expect(await rowCells(page, 'district', 'North')).toEqual(expect.arrayContaining(['18', '60%', '30%']));
    // Only 2 from the east: withheld under the privacy floor of 5.
    const east = await rowCells(page, 'district', 'East');
    expect(east[0]).toBe('not shown');
    expect(east[2]).toBe('10%');
    // No population figures for the second question.
    expect((await rowCells(page, 'mode', 'By bike'))[2]).toBe('–');

    // Weights: the summary, the sentence on clustering, group shares and statements raw vs weighted, "Differs" in words.
    expect(await section.getByRole('heading', { name: 'Weighted to the population' }).isVisible()).toBe(true);
    expect(await section.locator('[data-who="clustering"]').textContent()).toContain('found from the unweighted votes');
    expect(await section.locator('[data-weights="questions"] dd').textContent()).toContain('Where do you live?');
    expect(await section.locator('[data-weights="respondents"] dd').textContent()).toBe('30 of 30');
    expect(await section.locator('[data-weights="design-effect"] dd').textContent()).toMatch(/^\d\.\d\d$/);
    expect(await section.locator('[data-weights="effective"] dd').textContent()).toMatch(/^\d+$/);
    expect(await section.locator('[data-weights="converged"] dd').textContent()).toMatch(/^Converged/);
    expect(await section.locator('.kuulo-who-groups caption').textContent()).toBe('Opinion groups’ shares, unweighted and weighted');
    const cycle = section.locator('.kuulo-who-statements tbody tr').filter({ hasText: statements[0]! });
    const cells = await cycle.locator('td').allTextContents();
    // Agree raw above weighted: the over-represented north agrees.
    expect(parseInt(cells[1]!)).toBeGreaterThan(parseInt(cells[2]!));
    expect(cells.at(-1)).toBe('Differs');
    expect(await section.locator('.kuulo-who-majority').count()).toBe(1);
    expect(await section.locator('.kuulo-differs').first().textContent()).toBe('Differs');
    await screenshotOf(section, 'report-who-desktop');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('fits a 390 px phone (wide tables scroll in their box) and prints', async () => {
    const { probe, page } = await openReport('en', phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'report-who-phone');
    await page.setViewportSize({ width: 690, height: 976 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const section = document.querySelector('#who') as HTMLElement;
      const small = [...section.querySelectorAll('td, th, caption, p')].filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12).length;
      return { shown: getComputedStyle(section).display !== 'none', tables: section.querySelectorAll('table').length, small, width: document.documentElement.scrollWidth };
    });
    expect(printed).toMatchObject({ shown: true, small: 0 });
    expect(printed.tables).toBeGreaterThanOrEqual(5);
    expectNoErrors(probe);
    await probe.context.close();
  });

  for (const [lang, words] of [
    ['fi', { title: 'Keitä osallistui', population: 'Väestö', weighted: 'Painotettuna väestön mukaan', withheld: 'ei näytetä', caption: 'Missä asut?', differs: 'Eroaa' }],
    ['sv', { title: 'Vilka deltog', population: 'Befolkning', weighted: 'Viktat efter befolkningen', withheld: 'visas inte', caption: 'Var bor du?', differs: 'Skiljer sig' }],
  ] as const) {
    it(`is in ${lang}`, async () => {
      const { probe, page } = await openReport(lang);
      const section = page.locator('#who');
      expect(await section.locator('h2').textContent()).toBe(words.title);
      expect(await section.locator('caption').first().textContent()).toBe(words.caption);
      expect(await section.locator('[data-question="district"] thead th').nth(3).textContent()).toBe(words.population);
      expect(await section.locator('h3').textContent()).toBe(words.weighted);
      expect(await section.locator('[data-question="district"] td').allTextContents()).toContain(words.withheld);
      expect(await section.locator('.kuulo-differs').first().textContent()).toBe(words.differs);
      const catalogs = (['web', 'viz'] as const).map((pkg) => ({ name: pkg, en: catalog(pkg, 'en'), other: catalog(pkg, lang) }));
      const english = englishOnPage(await shownTexts(page), catalogs, content);
      expect(english).toEqual([]);
      await screenshotOf(section, `report-who-${lang}`);
      expectNoErrors(probe);
      await probe.context.close();
    });
  }
});
