import { demoConversationId, ensureDemoConversation } from '../../../server/src/index.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ featured: [demoConversationId] }, { ownPlugin: true });
  await ensureDemoConversation(server.api);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('start page /', () => {
  it('links the featured conversation with its topic and counts, and opens a conversation by id', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(server.url);
    const item = page.locator(`.kuulo-featured li[data-conversation="${demoConversationId}"]`);
    await expect.poll(() => item.locator('a').first().textContent(), slow).toBe('$15/hour');
    // Counts are formatted by Intl for the reader (2,872 in English).
    expect(await item.textContent()).toMatch(/· [\d,]+ participants, [\d,]+ statements, [\d,]+ votes$/);
    await screenshot(page, 'home-phone', false);
    await page.getByLabel('Conversation id').fill(demoConversationId);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(`${server.url}/c/${demoConversationId}`);
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe('$15/hour');
    expectNoErrors(probe);
    await probe.context.close();
  });
});
