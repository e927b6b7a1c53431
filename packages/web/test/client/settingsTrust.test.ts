import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, slow } from '../support/browser.js';
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

describe('settings form: privacy floor and headline minimums', () => {
  it('shows the server defaults, refuses a floor below 2 next to the field, and saves changed values', async () => {
    const id = 'trust-settings';
    const key = await api.createConversation(id, 'Where should the new benches go?');
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate`);
    await page.getByLabel('Moderator key').fill(key);
    await page.getByRole('button', { name: 'Open moderation' }).click();
    const floor = page.getByLabel('Smallest group shown (privacy floor)');
    const minVotes = page.getByLabel('Votes a statement needs to be a headline in the report');
    const minGroupVotes = page.getByLabel('Votes needed from every group for an “Everyone” headline');
    await floor.waitFor();
    expect([await floor.inputValue(), await minVotes.inputValue(), await minGroupVotes.inputValue()]).toEqual(['5', '10', '5']);

    await floor.fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.kuulo-settings .kuulo-notice').textContent(), slow).toBe('Smallest group shown (privacy floor): enter a whole number from 2 to 100 (now “1”).');
    expect(await floor.getAttribute('aria-invalid')).toBe('true');
    expect(await floor.evaluate((el) => el === document.activeElement)).toBe(true);

    await floor.fill('8');
    await minVotes.fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.kuulo-settings .kuulo-notice').textContent(), slow).toBe('Settings saved.');
    const stored = await api.call('GET', `/conversations/${id}`, undefined, null);
    expect([stored.privacyFloor, stored.headlineMinVotes, stored.headlineMinGroupVotes]).toEqual([8, 20, 5]);
    expect(await floor.getAttribute('aria-invalid')).toBeNull();
    expectNoErrors(probe);
    await probe.context.close();
  });
});

describe('settings form: open data', () => {
  it('opens the data for researchers: the Polis research routes then answer without a key', async () => {
    const id = 'open-data-settings';
    const key = await api.createConversation(id, 'Should the library open on Sundays?');
    const [tid] = await api.seed(id, key, ['The library should open on Sundays']);
    const reportCsv = async () => (await server.api.inject({ method: 'GET', url: `/api/v3/reportExport/r${id}/comments.csv` })).statusCode;
    expect(await reportCsv()).toBe(403);
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate`);
    await page.getByLabel('Moderator key').fill(key);
    await page.getByRole('button', { name: 'Open moderation' }).click();
    const open = page.getByRole('checkbox', { name: 'Publish as open data' });
    await open.waitFor();
    expect(await open.isChecked()).toBe(false);
    // The hint says what opening means before the moderator decides.
    expect(await open.getAttribute('aria-describedby')).not.toBeNull();
    await open.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.kuulo-settings .kuulo-notice').textContent(), slow).toBe('Settings saved.');
    expect((await api.call('GET', `/conversations/${id}`, undefined, null)).dataOpen).toBe(true);
    expect(await reportCsv()).toBe(200);
    expect(tid).toBeGreaterThanOrEqual(0);
    expectNoErrors(probe);
    await probe.context.close();
  });
});
