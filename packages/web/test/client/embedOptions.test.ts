import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedCode, xidPlaceholder } from '../../src/client/embedCode.js';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

const sv = JSON.parse(readFileSync(new URL('../../locales/sv.json', import.meta.url), 'utf8')) as Record<string, string>;
const fi = JSON.parse(readFileSync(new URL('../../locales/fi.json', import.meta.url), 'utf8')) as Record<string, string>;
const conversation = 'embed-options';
const topic = 'Parks & "benches" <2026>';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;
let host: Server;
let hostUrl: string;
/** Host pages by path, set by each test. */
const pages = new Map<string, string>();

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  const key = await api.createConversation(conversation, topic);
  await api.seed(conversation, key, ['More benches along the shore path', 'Dogs should be on a leash in every park', 'The park lights should stay on all night']);
  // Another site: no CSP of its own, any script it likes (as a city's CMS page would be).
  host = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    const html = pages.get(req.url ?? '');
    if (html === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address();
  if (address === null || typeof address === 'string') throw new Error('no host address');
  hostUrl = `http://127.0.0.1:${address.port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await server?.close();
});

const hostPage = (body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>City of Example</title></head><body style="margin:0;padding:16px">${body}</body></html>`;

/** What the embed shows: which parts are there, and the interface language. */
async function shownParts(page: Page) {
  const embed = page.locator('kuulo-conversation');
  return {
    voting: await embed.locator('.kuulo-vote').count(),
    map: await embed.locator('.kuulo-map-card').count(),
    writing: await embed.locator('.kuulo-write-form').count(),
    results: await embed.locator('.kuulo-footer a').count(),
  };
}

describe('embed options: parts, language, xid and height', () => {
  it('<kuulo-conversation parts lang> shows only the parts named, in the language named, and tells the host its height', async () => {
    pages.set(
      '/element',
      hostPage(`<script type="module" src="${server.url}/embed.js"></script>
<script>window.heights = []; document.addEventListener('kuulo-height', function (e) { window.heights.push(e.detail.height); });</script>
<kuulo-conversation conversation="${conversation}" parts="voting" lang="sv"></kuulo-conversation>`),
    );
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${hostUrl}/element`);
    await page.locator('kuulo-conversation .kuulo-statement').waitFor();
    expect(await shownParts(page)).toEqual({ voting: 1, map: 0, writing: 0, results: 0 });
    await expect.poll(() => page.locator('kuulo-conversation').getByRole('button', { name: sv['participant.vote.agree'], exact: true }).count()).toBe(1);
    expect(await page.locator('kuulo-conversation .kuulo-embed').getAttribute('lang')).toBe('sv');
    // The last height the host was told is the element's own height.
    const told = async () => page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1));
    const actual = async () => page.locator('kuulo-conversation').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    await expect.poll(async () => (await told()) === (await actual()), slow).toBe(true);
    const small = await actual();

    // Other parts named: the element redraws with them, and its new height reaches the host.
    await page.locator('kuulo-conversation').evaluate((e) => e.setAttribute('parts', 'map writing results'));
    await page.locator('kuulo-conversation .kuulo-map-card').waitFor();
    expect(await shownParts(page)).toEqual({ voting: 0, map: 1, writing: 1, results: 1 });
    await expect.poll(async () => (await told()) === (await actual()) && (await actual()) > small, slow).toBe(true);
    await screenshot(page, 'embed-options-element');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('an unknown part is named in a warning and the embed shows everything rather than nothing', async () => {
    pages.set('/typo', hostPage(`<script type="module" src="${server.url}/embed.js"></script><kuulo-conversation conversation="${conversation}" parts="votng"></kuulo-conversation>`));
    const probe = await openProbe(browser, desktop);
    const warnings: string[] = [];
    probe.page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await probe.page.goto(`${hostUrl}/typo`);
    await probe.page.locator('kuulo-conversation .kuulo-map-card').waitFor();
    expect(await shownParts(probe.page)).toEqual({ voting: 1, map: 1, writing: 1, results: 1 });
    expect(warnings).toContain('kuulo: unknown part "votng" in parts="votng" (known: voting, writing, map, results)');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('the generated iframe code sizes the frame from the page\'s height messages, with the parts, language and xid chosen', async () => {
    const code = embedCode({ origin: server.url, conversationId: conversation, topic, kind: 'iframe', parts: new Set(['voting', 'writing']), lang: 'fi', xid: true });
    expect(code).toContain(`title="Parks &amp; &quot;benches&quot; &lt;2026&gt;"`);
    pages.set('/iframe', hostPage(`<h1>Have your say</h1>\n${code.replace(xidPlaceholder, 'host-user-1')}<p id="after">Below the frame</p>`));
    for (const viewport of [desktop, phone]) {
      const probe = await openProbe(browser, viewport);
      const { page } = probe;
      const messages: unknown[] = [];
      await page.exposeFunction('kuuloMessage', (data: unknown) => messages.push(data));
      await page.addInitScript(() => addEventListener('message', (e) => (window as unknown as { kuuloMessage: (d: unknown) => void }).kuuloMessage(e.data)));
      await page.goto(`${hostUrl}/iframe`);
      const frame = page.frameLocator('iframe');
      await frame.locator('.kuulo-statement').waitFor();
      expect(await frame.getByRole('button', { name: fi['participant.vote.agree'], exact: true }).count()).toBe(1);
      expect([await frame.locator('.kuulo-map-card').count(), await frame.locator('.kuulo-write-form').count(), await frame.locator('.kuulo-footer a').count()]).toEqual([0, 1, 0]);
      // The frame is exactly as tall as its page: no inner scroll bar, no empty band (640px was only the starting guess).
      const fits = () =>
        page.locator('iframe').evaluate((f: HTMLIFrameElement) => ({ frame: f.getBoundingClientRect().height, style: f.style.height }));
      await expect.poll(async () => messages.filter((m) => (m as { type?: string }).type === 'kuulo:height').length, slow).toBeGreaterThan(0);
      const last = () => (messages.filter((m) => (m as { type?: string }).type === 'kuulo:height').at(-1) as { height: number; conversation: string });
      expect(last().conversation).toBe(conversation);
      const content = () => frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
      await expect.poll(async () => (await fits()).frame === (await content()) && (await fits()).style === `${last().height}px`, slow).toBe(true);
      expect(await frame.locator('html').evaluate((h) => h.scrollHeight <= window.innerHeight)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      if (viewport === desktop) {
        // A vote in the frame is the host's person (the xid), and the frame follows the card's new height.
        await frame.locator('.kuulo-agree').click();
        await expect.poll(async () => (await api.call('GET', `/conversations/${conversation}/votes/me?xid=host-user-1`, undefined, null)).votes.length, slow).toBe(1);
        await expect.poll(async () => (await fits()).frame === (await content()), slow).toBe(true);
      }
      await screenshot(page, `embed-options-iframe-${viewport === phone ? 'phone' : 'desktop'}`);
      expectNoErrors(probe);
      await probe.context.close();
    }
  });
});
