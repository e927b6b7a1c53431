import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('duplicate notice on the participant page', () => {
  it('tells the author, live, which statement to vote on after "reject as duplicate of #N"', async () => {
    const id = 'evening-buses';
    const key = await api.createConversation(id, 'Evening buses');
    const [original] = await api.seed(id, key, ['Buses should run more often in the evening.']);
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}`);
    await expect.poll(() => page.locator('.kuulo-statement').textContent(), slow).toBe('Buses should run more often in the evening.');
    expect(await page.locator('.kuulo-duplicates').isHidden()).toBe(true);

    const mine = 'Buses should run more often in the evenings! <b>please</b>';
    await page.getByLabel('Your statement').fill(mine);
    await page.getByRole('button', { name: 'Submit statement' }).click();
    await expect.poll(() => page.locator('.kuulo-write .kuulo-notice').textContent(), slow).toContain('Thank you!');

    // The moderator's queue names the seed as the likely original; they reject the new one as its duplicate.
    const queue = await api.call('GET', `/conversations/${id}/moderation/queue?state=pending`, undefined, key);
    const item = queue.items[0];
    expect(item.duplicateOf).toBe(original);
    await api.call('PATCH', `/conversations/${id}/statements/${item.id}`, { moderation: 'rejected', duplicateOf: original }, key);

    const notice = page.getByRole('region', { name: 'About a statement you wrote' });
    await expect.poll(() => notice.isVisible(), slow).toBe(true);
    expect(await notice.locator('.kuulo-duplicate-text').textContent()).toBe(`A moderator found that your statement “${mine}” says the same as statement #${original}, so it was not added. Statement #${original}:`);
    expect(await notice.locator('blockquote').textContent()).toBe('Buses should run more often in the evening.');
    expect(await notice.locator('b').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'duplicate-notice-phone');

    // Dismissed with the keyboard, and it stays dismissed on this device.
    await notice.getByRole('button', { name: 'OK, got it' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.kuulo-duplicates').isHidden(), slow).toBe(true);
    await page.reload();
    await expect.poll(() => page.locator('.kuulo-statement').count(), slow).toBeGreaterThan(0);
    expect(await page.locator('.kuulo-duplicates').isHidden()).toBe(true);
    expectNoErrors(probe);
    await probe.context.close();
  });
});
