import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshotOf, slow } from '../support/browser.js';
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

const statements = [
  'Keep the library open until 21 on weekdays.',
  'Add more benches along the river path.',
  'Close the market square to cars on Saturdays.',
  'Plant fruit trees in the parks.',
  'Build a covered bicycle park at the station.',
  'Light the ski track in the evenings.',
  'Open the school yards to families at weekends.',
  'Add a public sauna by the lake.',
  'Offer free swimming lessons for adults.',
  'Put recycling points in every block.',
  'Make the night bus run every half hour.',
  'Hold the summer festival in the old harbour.',
];

/** A conversation where `bot` votes on all 12 statements within a second (flagged) and two people vote on three. */
async function floodedConversation(id: string): Promise<string> {
  const key = await api.createConversation(id, 'What would make the town centre better?');
  const tids = await api.seed(id, key, statements);
  for (const [i, tid] of tids.entries()) await api.vote(id, 'bot', tid, (['agree', 'disagree', 'pass'] as const)[i % 3]!);
  for (const xid of ['resident-a', 'resident-b']) for (const tid of tids.slice(0, 3)) await api.vote(id, xid, tid, 'agree');
  return key;
}

async function openModeration(page: Page, id: string, key: string, lang = ''): Promise<void> {
  await page.goto(`${server.url}/c/${id}/moderate${lang && `?lang=${lang}`}`);
  await page.getByLabel(lang === 'fi' ? 'Moderointiavain' : 'Moderator key').fill(key);
  await page.keyboard.press('Enter');
}

const panel = (page: Page, title = 'Participants flagged') => page.locator('section', { has: page.getByRole('heading', { name: title, exact: true }) });
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

describe('participants flagged and the moderation log on the moderator page', () => {
  it('shows the flood signal, leaves the participant out of the math and back by keyboard alone, and logs both', async () => {
    const id = 'flood-keyboard';
    const key = await floodedConversation(id);
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await openModeration(page, id, key);
    const flagged = panel(page);
    await expect.poll(() => flagged.locator('li.kuulo-flagged').count(), slow).toBe(1);
    const row = flagged.locator('li.kuulo-flagged');
    expect(await row.locator('.kuulo-flagged-name').textContent()).toBe('Participant #0');
    expect(await row.locator('.kuulo-flag').textContent()).toBe('Voted on 12 statements within 10 seconds: faster than anyone can read them');
    expect(await row.locator('.kuulo-muted').first().textContent()).toBe('12 votes, 0 statements written');
    expect(await flagged.locator('.kuulo-row .kuulo-muted').textContent()).toBe('1 participant to look at; none left out of the math.');

    // Keyboard only: the button, Enter, a reason, Enter.
    await row.getByRole('button', { name: 'Leave out of the math…' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? null), slow).toBe('Reason (optional, saved in the moderation log)');
    await page.keyboard.type('12 votes in under a second');
    // New votes refresh the panel (after the math, debounced): the half-done exclusion and its focus survive.
    const tick = await api.mathTick(id);
    await api.vote(id, 'resident-c', 0, 'disagree');
    await api.waitForMath(id, tick);
    await page.waitForTimeout(3500);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('12 votes in under a second');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page), slow).toBe('Count in the math again');
    const updated = flagged.locator('li.kuulo-flagged');
    expect(await updated.locator('.kuulo-flag-state').textContent()).toMatch(/^Left out of the math .+ \(by moderator\): 12 votes in under a second$/);
    await expect.poll(() => page.locator('[role="status"][aria-live="polite"]').evaluateAll((nodes) => nodes.map((n) => n.textContent)), slow).toContain(
      'Participant #0 is left out of the math. The groups will be recalculated.',
    );
    const math = async () => (await api.call('GET', `/conversations/${id}/math`, undefined, key)).result.participants as number[];
    await expect.poll(math, slow).toEqual([1, 2, 3]);

    // Enter again counts them back; focus stays on the participant's button.
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page), slow).toBe('Leave out of the math…');
    await expect.poll(math, slow).toEqual([0, 1, 2, 3]);

    // The log follows at once, newest last, with who did what to whom; and its CSV.
    await expect.poll(() => panel(page, 'Moderation log').locator('tbody tr').count(), slow).toBe(2);
    const rows = await panel(page, 'Moderation log').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
    expect(rows).toEqual([
      ['moderator', 'Left out of the math', 'participant #0'],
      ['moderator', 'Counted in the math again', 'participant #0'],
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), panel(page, 'Moderation log').getByRole('button', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`${id}-moderation-log.csv`);
    const csv = readFileSync(await download.path(), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('id,time,actor,action,target,detail');
    expect(csv.slice(1).map((line) => line.split(',').slice(2, 5).join(','))).toEqual(['moderator,participant.exclude,participant:0', 'moderator,participant.include,participant:0']);
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('reads in Finnish and fits a 390 px phone', async () => {
    const id = 'flood-phone';
    const key = await floodedConversation(id);
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await openModeration(page, id, key, 'fi');
    const flagged = panel(page, 'Merkityt osallistujat');
    await expect.poll(() => flagged.locator('li.kuulo-flagged').count(), slow).toBe(1);
    expect(await flagged.locator('.kuulo-flag').textContent()).toBe('Äänesti 12 väitteestä 10 sekunnissa – nopeammin kuin kukaan ehtii lukea');
    await flagged.getByRole('button', { name: 'Jätä pois laskennasta…' }).click();
    await flagged.getByRole('button', { name: 'Jätä pois', exact: true }).click();
    await expect.poll(() => flagged.locator('.kuulo-flag-state').textContent(), slow).toMatch(/^Jätetty pois laskennasta .+ \(tekijä: moderator\)$/);
    await expect.poll(() => panel(page, 'Moderointiloki').locator('tbody tr').count(), slow).toBe(1);
    await screenshotOf(flagged, 'flagged-participants-fi-390');
    await screenshotOf(panel(page, 'Moderointiloki'), 'moderation-log-fi-390');
    // Nothing wider than the screen: long flag texts wrap, the log table scrolls in its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expectNoErrors(probe);
    await probe.context.close();
  });
});
