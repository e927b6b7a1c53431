import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow, type Probe } from '../support/browser.js';
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

/** Opens the moderator page and signs in with the key. */
async function signIn(probe: Probe, id: string, key: string): Promise<Page> {
  const { page } = probe;
  await page.goto(`${server.url}/c/${id}/moderate`);
  await page.getByLabel('Moderator key').fill(key);
  await page.getByRole('button', { name: 'Open moderation' }).click();
  await page.getByRole('heading', { name: /^Statements/ }).waitFor();
  return page;
}

describe('moderator page /c/:id/moderate', () => {
  it('a moderator rejects a statement and it disappears for participants', async () => {
    const id = 'park-plan';
    const key = await api.createConversation(id, 'What should the new park have?');
    const unwanted = 'Everyone who disagrees with me is an idiot.';

    // Participant A writes the statement from their page.
    const author = await openProbe(browser, desktop);
    await author.page.goto(`${server.url}/c/${id}`);
    await author.page.getByLabel('Your statement').fill(unwanted);
    await author.page.getByRole('button', { name: 'Submit statement' }).click();
    await expect.poll(() => author.page.locator('.kuulo-write .kuulo-notice').textContent(), slow).toContain('Thank you!');

    // Participant B, on a phone, is shown it (permissive moderation: visible until a moderator acts).
    const reader = await openProbe(browser, phone);
    await reader.page.goto(`${server.url}/c/${id}`);
    await expect.poll(() => reader.page.locator('.kuulo-statement').textContent(), slow).toBe(unwanted);

    // The moderator finds it in the queue and rejects it.
    const moderator = await openProbe(browser, desktop);
    const page = await signIn(moderator, id, key);
    const item = page.locator('.kuulo-item', { hasText: unwanted });
    await item.waitFor();
    expect(await item.locator('.kuulo-item-meta').textContent()).toMatch(/participant \d+ · 1 agree · 0 disagree · 0 pass pending/);
    await screenshot(page, 'moderate-queue-desktop');
    await item.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), slow).toMatch(/^Statement #\d+ rejected\.$/);
    await expect.poll(() => page.locator('.kuulo-item', { hasText: unwanted }).count(), slow).toBe(0);

    // Without reloading, B's page drops it at once (server push) and says why.
    await expect.poll(() => reader.page.locator('.kuulo-statement').textContent(), slow).toContain('no statements to vote on');
    expect(await reader.page.locator('.kuulo-vote .kuulo-notice').textContent()).toBe('A moderator removed that statement.');
    // Gone from the whole page at once, the map's data table included (before the math has caught up).
    expect(await reader.page.locator('main').textContent()).not.toContain(unwanted);
    await screenshot(reader.page, 'participant-phone-after-reject');
    // And it stays gone after a reload, also from the report.
    await reader.page.goto(`${server.url}/c/${id}/report`);
    await reader.page.locator('#statements').waitFor();
    expect(await reader.page.locator('main').textContent()).not.toContain(unwanted);
    const rejected = await api.call('GET', `/conversations/${id}/moderation/queue?state=rejected`, undefined, key);
    expect(rejected.items.map((s: { text: string }) => s.text)).toEqual([unwanted]);

    expectNoErrors(author, reader, moderator);
    await Promise.all([author, reader, moderator].map((p) => p.context.close()));
  });

  it('marks a statement as meta, adds a seed and closes the conversation for participants', async () => {
    const id = 'library-hours';
    const key = await api.createConversation(id, 'Library opening hours', { description: 'Draft for the culture committee.' });
    const [meta] = await api.seed(id, key, ['Is this survey anonymous?']);
    const participant = await openProbe(browser, phone);
    await participant.page.goto(`${server.url}/c/${id}`);
    await expect.poll(() => participant.page.locator('.kuulo-statement').textContent(), slow).toBe('Is this survey anonymous?');

    const moderator = await openProbe(browser, phone);
    const page = await signIn(moderator, id, key);
    await page.getByLabel('Show', { exact: true }).selectOption('all');
    const item = page.locator(`.kuulo-item[data-statement-id="${meta}"]`);
    await item.getByRole('button', { name: 'Meta' }).click();
    await expect.poll(() => item.locator('.kuulo-badge-meta').count(), slow).toBe(1);
    const queueMeta = await api.call('GET', `/conversations/${id}/moderation/queue?state=meta`, undefined, key);
    expect(queueMeta.items.map((s: { id: number }) => s.id)).toEqual([meta]);

    await page.getByLabel('Your statement').fill('The library should open at 7 on weekdays.');
    await page.getByRole('button', { name: 'Add seed statement' }).click();
    await expect.poll(() => page.locator('.kuulo-write .kuulo-notice').textContent(), slow).toMatch(/^Seed statement #\d+ added\.$/);

    // Closing takes effect on the participant's open page through the event stream.
    await page.getByLabel(/^Open: participants/).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.kuulo-settings .kuulo-notice').textContent(), slow).toBe('Settings saved.');
    await expect.poll(() => participant.page.locator('.kuulo-vote .kuulo-notice').textContent(), slow).toBe('This conversation is closed: voting has ended.');
    expect(await participant.page.getByRole('button', { name: 'Agree', exact: true }).isDisabled()).toBe(true);
    expect(await participant.page.getByRole('button', { name: 'Submit statement' }).isDisabled()).toBe(true);
    expect((await api.call('GET', `/conversations/${id}`, undefined, null)).open).toBe(false);
    await screenshot(page, 'moderate-phone');

    // The key is kept for this tab only: a reload signs straight in.
    await page.reload();
    await page.getByRole('heading', { name: /^Statements/ }).waitFor();
    expect(await page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length }))).toEqual({ session: 1, local: 0 });
    expectNoErrors(participant, moderator);
    await Promise.all([participant, moderator].map((p) => p.context.close()));
  });
});
