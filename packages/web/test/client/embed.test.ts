import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { demoConversationId, ensureDemoConversation } from '../../../server/src/index.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

const exampleDir = new URL('../../../../examples/embed/', import.meta.url);
const exampleServer = 'http://127.0.0.1:3000';
const xid = 'portal-user-4711';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  await ensureDemoConversation(server.api);
  await api.waitForMath(demoConversationId);
  // The example page on a second loopback origin, pointed at the test server instead of :3000.
  const html = readFileSync(new URL('index.html', exampleDir), 'utf8');
  expect(html).toContain(`src="${exampleServer}/embed.js"`);
  const css = readFileSync(new URL('site.css', exampleDir), 'utf8');
  host = createServer((req, res) => {
    // A host site has its own icon; without one Chrome logs a 404 for /favicon.ico.
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    if (req.url === '/site.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(css);
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html.replaceAll(exampleServer, server.url));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address();
  if (address === null || typeof address === 'string') throw new Error('no host address');
  hostUrl = `http://127.0.0.1:${address.port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await server?.close();
});

describe('examples/embed: <kuulo-conversation> on another site', () => {
  it('votes through the element from another origin, recorded for the external participant id', async () => {
    expect(new URL(hostUrl).origin).not.toBe(new URL(server.url).origin);
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(hostUrl);
    // Playwright's CSS locators pierce the open shadow root.
    const statement = page.locator('kuulo-conversation .kuulo-statement');
    await expect.poll(() => page.locator('kuulo-conversation h2.kuulo-topic').textContent(), slow).toBe('$15/hour');
    await page.locator('kuulo-conversation .kuulo-map svg.kuulo-opinion-map').waitFor();
    const votes = ['Agree', 'Disagree', 'Pass / unsure'] as const;
    for (const [i, name] of votes.entries()) {
      const before = await statement.textContent();
      await page.locator('kuulo-conversation').getByRole('button', { name, exact: true }).click();
      await expect.poll(() => page.locator('kuulo-conversation .kuulo-progress-text').textContent(), slow).toMatch(new RegExp(`^You have voted on ${i + 1} of \\d+ statements\\.$`));
      expect(await statement.textContent()).not.toBe(before);
    }
    const mine = await api.call('GET', `/conversations/${demoConversationId}/votes/me?xid=${xid}`, undefined, null);
    expect(mine.votes.map((v: { vote: string }) => v.vote).sort()).toEqual(['agree', 'disagree', 'pass']);
    // The host's CSS stops at the shadow root: its hot-pink buttons do not reach Kuulo's.
    const colour = await page.locator('kuulo-conversation .kuulo-pass').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(colour).toBe('rgb(241, 241, 241)');
    // With an xid the host identifies the person: no anonymous token is stored on its origin.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('kuulo') && localStorage.getItem(k)?.includes('kpt_')))).toEqual([]);
    // "You" appears once the math has counted the new votes.
    await page.locator('kuulo-conversation .kuulo-map .kuulo-you g').waitFor({ timeout: 20_000 });
    await screenshot(page, 'embed-desktop');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('the same xid is the same participant on another device (phone)', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(hostUrl);
    await expect.poll(() => page.locator('kuulo-conversation .kuulo-progress-text').textContent(), slow).toMatch(/^You have voted on 3 of \d+ statements\.$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'embed-phone', false);
    expectNoErrors(probe);
    await probe.context.close();
  });
});
