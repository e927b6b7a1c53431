import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConversation } from '../../../server/src/repositories/conversations.js';
import { putTranslation } from '../../../server/src/repositories/translations.js';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { startServer, type TestServer } from '../support/startServer.js';
import { apiHelpers } from '../support/conversations.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

// A three-language street-renovation debate, as a Helsinki moderator would set it up: Finnish is the main language.
const street = {
  id: 'hameentie',
  topic: 'Hämeentien katuremontti',
  description: 'Kerro, mitä mieltä olet Hämeentien remontista.',
  translations: {
    sv: { topic: 'Tavastvägens gatureparation', description: 'Berätta vad du tycker om reparationen av Tavastvägen.' },
    en: { topic: 'Hämeentie street renovation', description: 'Tell us what you think of the Hämeentie renovation.' },
  },
};
const bikes = { text: 'Pyöräkaistat ovat tärkeämpiä kuin pysäköintipaikat.', lang: 'fi', sv: 'Cykelfält är viktigare än parkeringsplatser.' };
const buses = { text: 'Bussarna ska gå oftare under bygget.', lang: 'sv', fiMachine: 'Bussien pitää kulkea useammin rakentamisen aikana.' };
const shops = { text: 'Shops on the street need support during the works.', lang: 'en' };
const ids: Record<'bikes' | 'buses' | 'shops', number> = { bikes: 0, buses: 0, shops: 0 };

/** Interface texts of the English participant page that must not show on a Finnish or Swedish one. */
const englishInterface = ['Vote on statements', 'Agree', 'Disagree', 'Pass / unsure', 'Opinion map', 'Add your own statement', 'Submit statement', 'See the report', 'Anonymous:', 'You have voted'];

let host: Server;
let hostUrl: string;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  const reply = await api.call('POST', '/conversations', { id: street.id, topic: street.topic, description: street.description, languages: ['fi', 'sv', 'en'], translations: street.translations });
  const key = reply.moderatorKey as string;
  for (const [name, statement] of Object.entries({ bikes, buses, shops }) as [keyof typeof ids, { text: string; lang: string }][]) {
    ids[name] = (await api.call('POST', `/conversations/${street.id}/seeds`, { text: statement.text, lang: statement.lang }, key)).id as number;
  }
  await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${street.id}/statements/${ids.bikes}/translations/sv`, payload: { text: bikes.sv }, headers: { authorization: `Bearer ${key}` } });
  // A machine translation as the provider would store it (no provider runs in tests).
  await putTranslation(server.api.db, (await findConversation(server.api.db, street.id))!.id, ids.buses, 'fi', buses.fiMachine, 'machine');
  // The embed on another origin, in Swedish by its lang attribute.
  host = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="sv"><head><title>Host</title><script type="module" src="${server.url}/embed.js"></script></head><body><kuulo-conversation conversation="${street.id}" lang="sv"></kuulo-conversation></body></html>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address();
  if (address === null || typeof address === 'string') throw new Error('no host address');
  hostUrl = `http://127.0.0.1:${address.port}/`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await server?.close();
});

const pageUrl = (query = '') => `${server.url}/c/${street.id}${query}`;
const mainText = (page: Page, scope = 'main') => page.locator(scope).innerText();

/** What the card shows for each statement, voting "pass" through the list: text, its lang attribute and the machine label if any. */
async function readThrough(page: Page, scope = ''): Promise<{ text: string; lang: string | null; machine: string | null }[]> {
  const seen = [];
  for (;;) {
    const card = page.locator(`${scope} .kuulo-statement`);
    await expect.poll(() => card.locator('.kuulo-statement-text').count().then(async (n) => n > 0 || (await card.getAttribute('class'))?.includes('kuulo-done')), slow).toBe(true);
    const text = card.locator('.kuulo-statement-text');
    if ((await text.count()) === 0) return seen;
    const label = card.locator('.kuulo-machine-label');
    seen.push({ text: (await text.textContent()) ?? '', lang: await text.getAttribute('lang'), machine: (await label.count()) > 0 ? await label.textContent() : null });
    const progress = await page.locator(`${scope} .kuulo-progress-text`).textContent();
    await page.locator(`${scope} button[data-vote="pass"]`).click();
    await expect.poll(() => page.locator(`${scope} .kuulo-progress-text`).textContent(), slow).not.toBe(progress);
  }
}

describe('participant page in the reader’s language', () => {
  it('is English by default: Chromium asks for en-US', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    const response = await page.goto(pageUrl());
    expect(await response!.request().headerValue('accept-language')).toMatch(/^en-US\b/);
    expect(response!.headers()['vary']).toMatch(/accept-language/i);
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(street.translations.en.topic);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').getAttribute('lang')).toBe('en');
    // The voting card comes after the heading, once the first statement (and the optional questions) have loaded.
    await expect.poll(() => page.getByRole('button', { name: 'Agree', exact: true }).count(), slow).toBe(1);
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('speaks Finnish with ?lang=fi: no English interface text, statements in Finnish or marked with their language, a machine translation labelled with the original one tap away', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(pageUrl('?lang=fi'));
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(street.topic);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('body').getAttribute('data-lang')).toBe('fi');
    // The title follows once the view has mounted (after the first statement), not with the heading: wait for it.
    await expect.poll(() => page.title(), slow).toBe(`${street.topic} · Kuulo`);
    expect(await page.locator('.kuulo-description').textContent()).toBe(street.description);
    expect(await page.locator('.kuulo-languages [aria-current="true"]').textContent()).toBe('Suomi');
    await page.getByRole('button', { name: 'Samaa mieltä', exact: true }).waitFor();
    const text = await mainText(page);
    for (const english of englishInterface) expect(text, english).not.toContain(english);
    expect(text).toContain('Äänestä väitteistä');
    expect(text).toContain('Mielipidekartta');
    // Chromium renders at 390 px without sideways scrolling, the switcher included.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    for (const link of await page.locator('.kuulo-language').all()) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'participant-fi-phone', false);

    // The Swedish statement is shown in its machine translation, labelled; one tap shows the Swedish original with lang="sv".
    let machine = page.locator('.kuulo-statement .kuulo-machine-label');
    for (let i = 0; i < 3 && (await machine.count()) === 0; i++) {
      const progress = await page.locator('.kuulo-progress-text').textContent();
      await page.locator('button[data-vote="pass"]').click();
      await expect.poll(() => page.locator('.kuulo-progress-text').textContent(), slow).not.toBe(progress);
      machine = page.locator('.kuulo-statement .kuulo-machine-label');
    }
    expect(await machine.textContent()).toBe('Konekäännös');
    const shown = page.locator('.kuulo-statement .kuulo-statement-text');
    expect(await shown.textContent()).toBe(buses.fiMachine);
    expect(await shown.getAttribute('lang')).toBe('fi');
    await page.getByRole('button', { name: 'Näytä alkuperäinen' }).click();
    expect(await shown.textContent()).toBe(buses.text);
    expect(await shown.getAttribute('lang')).toBe('sv');
    await page.getByRole('button', { name: 'Näytä käännös' }).click();
    expect(await shown.textContent()).toBe(buses.fiMachine);
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('speaks Swedish by Accept-Language sv-FI, shows the Swedish translation with lang="sv" and counts the vote on the one statement', async () => {
    const probe = await openProbe(browser, desktop, { locale: 'sv-FI' });
    const { page } = probe;
    const response = await page.goto(pageUrl());
    expect(await response!.request().headerValue('accept-language')).toMatch(/^sv-FI\b/);
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(street.translations.sv.topic);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('h1').getAttribute('lang')).toBe('sv');
    await page.getByRole('button', { name: 'Håller med', exact: true }).waitFor();
    const text = await mainText(page);
    for (const english of englishInterface) expect(text, english).not.toContain(english);
    const before = (await api.call('GET', `/conversations/${street.id}/statements/${ids.bikes}`, undefined, null)).tally;
    const seen = await readThrough(page);
    expect(seen).toContainEqual({ text: bikes.sv, lang: 'sv', machine: null });
    expect(seen).toContainEqual({ text: buses.text, lang: 'sv', machine: null });
    // No Swedish text for the English statement: its original, marked English so a screen reader says it in English.
    expect(seen).toContainEqual({ text: shops.text, lang: 'en', machine: null });
    expect(seen).toHaveLength(3);
    const after = (await api.call('GET', `/conversations/${street.id}/statements/${ids.bikes}`, undefined, null)).tally;
    expect(after.pass).toBe(before.pass + 1);
    expect(await page.locator('.kuulo-statement').textContent()).toContain('Du har röstat om alla påståenden');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('falls back to the conversation’s main language when Accept-Language names none Kuulo speaks', async () => {
    const html = await (await fetch(pageUrl(), { headers: { 'accept-language': 'de-DE,de;q=0.9' } })).text();
    expect(html).toContain('<html lang="fi" dir="ltr">');
    expect(html).toContain('<title>Keskustelu · Kuulo</title>');
    // ?lang= beats Accept-Language; an unknown conversation falls back to English.
    expect(await (await fetch(pageUrl('?lang=sv'), { headers: { 'accept-language': 'fi' } })).text()).toContain('<html lang="sv" dir="ltr">');
    expect(await (await fetch(`${server.url}/c/no-such-one`, { headers: { 'accept-language': 'de' } })).text()).toContain('<html lang="en" dir="ltr">');
  });

  it('switches language with the switcher, and the choice survives a reload without ?lang=', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(pageUrl());
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(street.translations.en.topic);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Suomi' }).click();
    await page.waitForURL(pageUrl('?lang=fi'));
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(street.topic);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await page.goto(pageUrl());
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(street.topic);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    expect(await page.getByRole('navigation', { name: 'Kieli' }).locator('[aria-current="true"]').textContent()).toBe('Suomi');
    await page.getByRole('button', { name: 'Samaa mieltä', exact: true }).waitFor();
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('shows only statements written in the reader’s language when asked, and remembers it on the device', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(pageUrl('?lang=fi'));
    const only = page.getByLabel('Näytä vain minun kielelläni kirjoitetut väitteet');
    await only.waitFor();
    expect(await only.isChecked()).toBe(false);
    await only.check();
    await expect.poll(() => page.locator('.kuulo-statement .kuulo-statement-text').textContent(), slow).toBe(bikes.text);
    await page.locator('button[data-vote="agree"]').click();
    await expect.poll(() => page.locator('.kuulo-vote .kuulo-notice').textContent(), slow).toContain('Sinun kielelläsi kirjoitettuja väitteitä ei ole enempää');
    await page.reload();
    await only.waitFor();
    expect(await only.isChecked()).toBe(true);
    await only.uncheck();
    await expect.poll(() => page.locator('.kuulo-statement .kuulo-statement-text').count(), slow).toBe(1);
    expect([buses.fiMachine, shops.text]).toContain(await page.locator('.kuulo-statement .kuulo-statement-text').textContent());
    expectNoErrors(probe);
    await probe.context.close();
  });
});

describe('<kuulo-conversation lang="sv">', () => {
  it('renders in Swedish inside another site, and again in Finnish when the attribute changes', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(hostUrl);
    const topic = page.locator('kuulo-conversation h2.kuulo-topic');
    await expect.poll(() => topic.textContent(), slow).toBe(street.translations.sv.topic);
    expect(await page.locator('kuulo-conversation .kuulo-embed').getAttribute('lang')).toBe('sv');
    await page.locator('kuulo-conversation').getByRole('button', { name: 'Håller med', exact: true }).waitFor();
    const text = await page.locator('kuulo-conversation .kuulo-embed').innerText();
    for (const english of englishInterface) expect(text, english).not.toContain(english);
    const seen = await readThrough(page, 'kuulo-conversation');
    expect(seen).toContainEqual({ text: bikes.sv, lang: 'sv', machine: null });
    await page.locator('kuulo-conversation').evaluate((element) => element.setAttribute('lang', 'fi'));
    await expect.poll(() => topic.textContent(), slow).toBe(street.topic);
    expect(await page.locator('kuulo-conversation .kuulo-embed').getAttribute('lang')).toBe('fi');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'embed-sv-phone', false);
    expectNoErrors(probe);
    await probe.context.close();
  });
});

describe('start page and 404 in Finnish', () => {
  it('shows the start page in Finnish with ?lang=fi, and the not-found page too', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/?lang=fi`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await page.getByLabel('Keskustelun tunnus').waitFor();
    await page.getByRole('navigation', { name: 'Kieli' }).waitFor();
    const text = await mainText(page);
    for (const english of ['Open a conversation', 'Conversation id', 'API documentation', 'Anonymous debates']) expect(text).not.toContain(english);
    expect(text).toContain('Avaa keskustelu');
    await screenshot(page, 'home-fi-phone', false);
    const response = await page.goto(`${server.url}/c/Not_Valid?lang=fi`);
    expect(response!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Sivua ei löytynyt');
    expect(await page.title()).toBe('Sivua ei löytynyt · Kuulo');
    expect(await page.getByRole('link', { name: 'Kuulon etusivu' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Siirry sisältöön');
    // Chromium logs the page's own 404; nothing else may go wrong.
    expect(probe.errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    await probe.context.close();
  });
});
