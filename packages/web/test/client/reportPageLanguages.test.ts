import { readFileSync, writeFileSync } from 'node:fs';
import type { Catalog } from '@kuulo/viz';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, screenshot, screenshotDir, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';
import { englishOnPage, shownTexts } from '../i18n/pageChecks.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

const id = 'hameentie-raportti';
const topic = { fi: 'Hämeentien katuremontti', sv: 'Tavastvägens gatureparation' };
const description = { fi: 'Kerro, mitä mieltä olet.', sv: 'Berätta vad du tycker.' };
/** Statements in their original language, some translated into Swedish by a moderator. */
const statements = [
  { lang: 'fi', text: 'Hämeentielle tarvitaan leveämmät pyöräkaistat.', sv: 'Tavastvägen behöver bredare cykelfiler.' },
  { lang: 'fi', text: 'Raitiovaunujen pitää kulkea useammin remontin aikana.', sv: 'Spårvagnarna ska gå oftare under reparationen.' },
  { lang: 'sv', text: 'Bilarna ska få behålla två körfält.' },
  { lang: 'en', text: 'The number of parking places must not go down.' },
];
const ids: number[] = [];

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  const created = await api.call('POST', '/conversations', {
    id,
    topic: topic.fi,
    description: description.fi,
    languages: ['fi', 'sv', 'en'],
    translations: { sv: { topic: topic.sv, description: description.sv } },
  });
  const key = created.moderatorKey as string;
  for (const s of statements) {
    const sid = (await api.call('POST', `/conversations/${id}/seeds`, { text: s.text, lang: s.lang }, key)).id as number;
    ids.push(sid);
    if (s.sv) {
      const put = await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${id}/statements/${sid}/translations/sv`, payload: { text: s.sv }, headers: { authorization: `Bearer ${key}` } });
      expect(put.statusCode).toBe(200);
    }
  }
  // Two camps (cyclists and drivers) and a few who pass on parking: enough for opinion groups.
  for (let p = 0; p < 24; p++) {
    const cyclist = p % 2 === 0;
    const votes = cyclist ? ['agree', 'agree', 'disagree', p % 3 === 0 ? 'pass' : 'disagree'] : ['disagree', p % 4 === 1 ? 'pass' : 'agree', 'agree', 'agree'];
    for (const [i, vote] of votes.entries()) await api.vote(id, `asukas-${p}`, ids[i]!, vote as 'agree' | 'disagree' | 'pass');
  }
  await api.waitForMath(id);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const catalog = (pkg: 'web' | 'viz', lang: string): Catalog => JSON.parse(readFileSync(new URL(`../../../${pkg}/locales/${lang}.json`, import.meta.url), 'utf8')) as Catalog;
const swedishCatalogs = () => (['web', 'viz'] as const).map((pkg) => ({ name: pkg, en: catalog(pkg, 'en'), other: catalog(pkg, 'sv') }));
const content = [topic.fi, topic.sv, description.fi, description.sv, ...statements.flatMap((s) => [s.text, s.sv ?? ''])].filter(Boolean);

/** The report as a Swedish-speaking browser asks for it (Accept-Language: sv), drawn with its groups. */
async function swedishReport(): Promise<{ probe: Awaited<ReturnType<typeof openProbe>>; page: Page }> {
  const probe = await openProbe(browser, desktop);
  await probe.context.setExtraHTTPHeaders({ 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.5' });
  await probe.page.goto(`${server.url}/c/${id}/report`);
  await probe.page.locator('#groups svg.kuulo-opinion-map').waitFor();
  return { probe, page: probe.page };
}

describe('report page in Swedish (Accept-Language: sv)', () => {
  it('shows the interface, topic and statements in Swedish, each marked with its language', async () => {
    const { probe, page } = await swedishReport();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.title()).toBe(`Rapport: ${topic.sv} · Kuulo`);
    expect(await page.locator('h1').textContent()).toBe(topic.sv);
    expect(await page.locator('h1').getAttribute('lang')).toBe('sv');
    expect(await page.locator('.kuulo-header .kuulo-description').textContent()).toBe(description.sv);
    expect(await page.locator('h2').allTextContents()).toEqual(['Översikt', 'Så togs resultaten fram', 'Majoritetens åsikt', 'Åsiktsgrupper', 'Där grupperna skiljer sig åt', 'Osäkra punkter', 'Alla påståenden']);
    await expect.poll(() => page.locator('.kuulo-live').textContent(), slow).toMatch(/^Uppdateras automatiskt\. Uppdaterad .+ \(uppdatering \d+\)\.$/);
    // A translated statement in Swedish, one without a translation as its original, marked as such.
    const shown = (i: number) => page.locator(`#statements li[data-statement-id="${ids[i]}"] .kuulo-statement-text`);
    expect([await shown(0).textContent(), await shown(0).getAttribute('lang')]).toEqual([statements[0]!.sv, 'sv']);
    expect([await shown(2).textContent(), await shown(2).getAttribute('lang')]).toEqual([statements[2]!.text, 'sv']);
    expect([await shown(3).textContent(), await shown(3).getAttribute('lang')]).toEqual([statements[3]!.text, 'en']);
    // The charts get the reader's text too.
    expect(await page.locator('#groups svg:not(.kuulo-opinion-map)').textContent()).toContain('Grupp');
    // The switcher names the current language.
    expect(await page.locator('.kuulo-languages a[aria-current="true"]').textContent()).toBe('Svenska');
    expect(englishOnPage(await shownTexts(page), swedishCatalogs(), content)).toEqual([]);
    await screenshot(page, 'report-sv-desktop');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('prints in Swedish: <html lang="sv">, no switcher or buttons, the content kept (PDF artefact)', async () => {
    const { probe, page } = await swedishReport();
    await page.setViewportSize({ width: 690, height: 976 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      controls: [...document.querySelectorAll('button, select, nav, .kuulo-languages')].filter((e) => getComputedStyle(e).display !== 'none').length,
      sections: [...document.querySelectorAll('section')].filter((e) => getComputedStyle(e).display !== 'none').length,
      live: (document.querySelector('.kuulo-live') as HTMLElement).innerText,
    }));
    expect(printed).toMatchObject({ lang: 'sv', controls: 0, sections: 6 });
    // On paper the report is a snapshot with its time: no "updates automatically".
    expect(printed.live).toMatch(/^Uppdaterad .+\.$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(690);
    expect(englishOnPage(await shownTexts(page), swedishCatalogs(), content)).toEqual([]);
    await screenshot(page, 'report-sv-print', false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(`${screenshotDir}report-sv.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('the switcher loads the report in Finnish and the device remembers it', async () => {
    const { probe, page } = await swedishReport();
    await page.locator('.kuulo-languages a[lang="fi"]').click();
    await page.waitForURL(/[?&]lang=fi/);
    await page.getByRole('heading', { name: 'Yleiskuva' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    expect(await page.locator('h1').textContent()).toBe(topic.fi);
    // Without ?lang= and still asking for Swedish, the remembered choice wins.
    await page.goto(`${server.url}/c/${id}/report`);
    await page.getByRole('heading', { name: 'Yleiskuva' }).waitFor();
    expectNoErrors(probe);
    await probe.context.close();
  });
});
