import type { Browser, Page } from 'playwright-core';
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

/** The focused element: its action and the statement it belongs to (or its class when it is no action button). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      action: active?.dataset.focus ?? null,
      statement: active?.closest<HTMLElement>('[data-statement-id]')?.dataset.statementId ?? null,
      tag: active?.tagName.toLowerCase() ?? null,
      className: active?.className ?? null,
    };
  });

describe('moderation queue by keyboard', () => {
  it('keeps focus on the next statement after accept and reject, so Enter goes on through the queue', async () => {
    const id = 'queue-focus';
    const key = await api.createConversation(id, 'What should the new square have?', { strictModeration: true });
    const texts = ['A fountain for hot days.', 'More benches in the shade.', 'A stage for summer concerts.'];
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) ids.push(String((await api.call('POST', `/conversations/${id}/statements`, { text, xid: `writer-${i}` }, null)).statement.id));

    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate`);
    await page.getByLabel('Moderator key').fill(key);
    await page.getByRole('button', { name: 'Open moderation' }).click();
    await expect.poll(() => page.locator('.kuulo-queue .kuulo-item').count(), slow).toBe(3);
    const order = await page.locator('.kuulo-queue .kuulo-item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.statementId));
    expect([...order].sort()).toEqual([...ids].sort());

    // Accept the first with Enter: it leaves the pending queue and focus moves to "Accept" on the statement that took its place.
    await page.locator(`[data-statement-id="${order[0]}"] [data-focus="action-accept"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.kuulo-queue .kuulo-item').count(), slow).toBe(2);
    await expect.poll(() => focused(page), slow).toMatchObject({ action: 'action-accept', statement: order[1] });
    // The next Enter accepts that one.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.kuulo-queue .kuulo-item').count(), slow).toBe(1);
    await expect.poll(() => focused(page), slow).toMatchObject({ action: 'action-accept', statement: order[2] });
    // Tab to "Reject" and reject the last: focus lands on the summary ("Nothing waiting"), not the page.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ action: 'action-reject', statement: order[2] });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.kuulo-queue .kuulo-item').count(), slow).toBe(0);
    await expect.poll(async () => (await focused(page)).tag, slow).toBe('p');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Nothing is waiting for moderation.');

    const accepted = await api.call('GET', `/conversations/${id}/moderation/queue?state=accepted`, undefined, key);
    expect(accepted.items.map((s: { id: number }) => String(s.id)).sort()).toEqual([order[0], order[1]].sort());
    const rejected = await api.call('GET', `/conversations/${id}/moderation/queue?state=rejected`, undefined, key);
    expect(rejected.items.map((s: { id: number }) => String(s.id))).toEqual([order[2]]);
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('says a duplicate seed statement in plain words, not the server’s message', async () => {
    const id = 'seed-duplicate';
    const key = await api.createConversation(id, 'Library opening hours');
    await api.seed(id, key, ['The library should open at 8 on weekdays.']);
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate`);
    await page.getByLabel('Moderator key').fill(key);
    await page.getByRole('button', { name: 'Open moderation' }).click();
    await page.getByRole('heading', { name: /^Statements/ }).waitFor();
    const form = page.locator('.kuulo-write');
    await form.locator('textarea').fill('the library should open at 8 on weekdays.');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('.kuulo-notice').textContent(), slow).toBe('This statement is already in the conversation.');
    probe.errors.splice(0, probe.errors.length, ...probe.errors.filter((e) => !/status of 409 \(Conflict\).*\/seeds\)$/.test(e)));
    expectNoErrors(probe);
    await probe.context.close();
  });
});
