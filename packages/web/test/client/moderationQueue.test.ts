import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';
import { layoutProblems } from '../i18n/pageChecks.js';

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

/** Statements as participants write them (one participant each), waiting for moderation; their ids in order. */
async function write(id: string, texts: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, text] of texts.entries()) ids.push((await api.call('POST', `/conversations/${id}/statements`, { text, xid: `writer-${i}` }, null)).statement.id as number);
  return ids;
}

/** Opens the moderator page and signs in with the key, by keyboard only. */
async function signIn(probe: Probe, id: string, key: string): Promise<Page> {
  const { page } = probe;
  await page.goto(`${server.url}/c/${id}/moderate`);
  await page.getByLabel('Moderator key').focus();
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Statements/ }).waitFor();
  return page;
}

/** The focused element: the statement row it is in, and which control ('row' for the row itself). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const row = active?.closest<HTMLElement>('[data-statement-id]');
    return { statement: row ? Number(row.dataset.statementId) : null, control: row === active ? 'row' : (active?.dataset.focus ?? active?.tagName.toLowerCase() ?? null) };
  });

const rowIds = (page: Page) => page.locator('.kuulo-queue-list > .kuulo-item').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.statementId)));
const announced = (page: Page) => page.locator('.kuulo-announcer').textContent();

/**
 * Rows wholly on screen once the list is scrolled to the top of the window (on wide screens, to
 * just below the tools, which stay there).
 */
async function rowsPerScreen(page: Page): Promise<{ rows: number; rowHeight: number }> {
  return page.evaluate(() => {
    const list = document.querySelector('.kuulo-queue-list')!;
    const tools = document.querySelector('.kuulo-queue-tools')!;
    const sticky = getComputedStyle(tools).position === 'sticky';
    window.scrollTo(0, list.getBoundingClientRect().top + window.scrollY - (sticky ? tools.getBoundingClientRect().height : 0));
    const top = sticky ? Math.max(0, tools.getBoundingClientRect().bottom) : 0;
    const rects = [...list.children].map((r) => r.getBoundingClientRect());
    const rows = rects.filter((r) => r.top >= top - 1 && r.bottom <= window.innerHeight + 1).length;
    const heights = rects.map((r) => r.height).sort((a, b) => a - b);
    return { rows, rowHeight: Math.round(heights[Math.floor(heights.length / 2)] ?? 0) };
  });
}

describe('moderation queue at scale', () => {
  it('selects 50 statements and rejects them at once; 15+ rows a 1280×900 screen', async () => {
    const id = 'queue-bulk';
    const key = await api.createConversation(id, 'Ideas for the new library', { strictModeration: true });
    const ids = await write(
      id,
      Array.from({ length: 60 }, (_, i) => `Idea ${i + 1}: the library should ${['open earlier', 'have more study rooms', 'lend tools', 'host language cafés', 'stay open on Sundays'][i % 5]} (${i % 3 === 0 ? 'for families' : 'for everyone'}).`),
    );
    const probe = await openProbe(browser, desktop);
    const page = await signIn(probe, id, key);
    await expect.poll(() => page.locator('.kuulo-queue-list > .kuulo-item').count(), slow).toBe(50);
    const density = await rowsPerScreen(page);
    await screenshot(page, 'queue-desktop', false);
    console.log(`moderation queue density at 1280×900: ${density.rows} rows a screen, median row ${density.rowHeight} px`);
    expect(density.rows, `rows on a 1280×900 screen (median row ${density.rowHeight} px)`).toBeGreaterThanOrEqual(15);

    // Select everything shown (the first 50) and reject.
    await page.getByLabel('Select all shown').check();
    expect(await page.locator('.kuulo-queue-selected').textContent()).toBe('50 selected');
    await page.getByRole('button', { name: 'Reject selected' }).click();
    await expect.poll(() => announced(page), slow).toBe('50 statements rejected.');
    await expect.poll(() => rowIds(page), slow).toEqual(ids.slice(50));
    expect(await page.locator('.kuulo-queue-selected').textContent()).toBe('None selected');
    // Focus went to the statement now first in the list, not lost to the page.
    expect(await focused(page)).toEqual({ statement: ids[50], control: 'row' });
    const rejected = await api.call('GET', `/conversations/${id}/moderation/queue?state=rejected&limit=500`, undefined, key);
    expect(rejected.items.map((s: { id: number }) => s.id)).toEqual(ids.slice(0, 50));

    // Shift-click selects a range; search and order narrow the list.
    const boxes = page.locator('.kuulo-queue-list > .kuulo-item > .kuulo-queue-check');
    await boxes.nth(1).click();
    await boxes.nth(4).click({ modifiers: ['Shift'] });
    expect(await page.locator('.kuulo-queue-selected').textContent()).toBe('4 selected');
    await page.getByRole('button', { name: 'Accept selected' }).click();
    await expect.poll(() => announced(page), slow).toBe('4 statements accepted.');
    await page.getByLabel('Search').fill('TOOLS families');
    await expect.poll(() => rowIds(page), slow).toEqual([ids[57]]);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Order').selectOption('newest');
    await expect.poll(async () => (await rowIds(page))[0], slow).toBe(ids[59]);
    expectNoErrors(probe);
    await probe.context.close();

    // On a phone the rows stack: nothing wider than the screen.
    const phoneProbe = await openProbe(browser, phone);
    const phonePage = await signIn(phoneProbe, id, key);
    await expect.poll(() => phonePage.locator('.kuulo-queue-list > .kuulo-item').count(), slow).toBe(6);
    const phoneDensity = await rowsPerScreen(phonePage);
    console.log(`moderation queue density at 390×844: ${phoneDensity.rows} rows a screen, median row ${phoneDensity.rowHeight} px`);
    // The queue's own layout (the flagged-participants panel and the log below it have their own tests).
    expect((await layoutProblems(phonePage, phone.width)).filter((problem) => problem.includes('kuulo-queue'))).toEqual([]);
    await screenshot(phonePage, 'queue-phone', false);
    expectNoErrors(phoneProbe);
    await phoneProbe.context.close();
  });

  it('moderates by keyboard alone, focus kept after every action', async () => {
    const id = 'queue-keys';
    const key = await api.createConversation(id, 'How should the park change?', { strictModeration: true });
    const [seed] = await api.seed(id, key, ['The park needs more benches in the shade.']);
    const ids = await write(id, ['A splash pad for children.', 'Dogs should have their own fenced area.', 'Free outdoor gym equipment.', 'Is this survey run by the city?', 'The park needs more benches in shade!']);
    const probe = await openProbe(browser, desktop);
    const page = await signIn(probe, id, key);
    await expect.poll(() => rowIds(page), slow).toEqual(ids);
    // The shortcuts are documented on the page.
    await page.getByText('Keyboard shortcuts').click();
    expect(await page.locator('.kuulo-shortcut-list').textContent()).toContain('Shift + R');

    // J moves to the first statement; A accepts it and focus goes to the statement that took its place.
    await page.locator('body').focus();
    await page.keyboard.press('j');
    expect(await focused(page)).toEqual({ statement: ids[0], control: 'row' });
    await page.keyboard.press('a');
    await expect.poll(() => announced(page), slow).toBe(`Statement #${ids[0]} accepted.`);
    await expect.poll(() => focused(page), slow).toEqual({ statement: ids[1], control: 'row' });
    // X selects, J moves on, X again, Shift+R rejects the two selected; focus to the next one.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await page.locator('.kuulo-queue-selected').textContent()).toBe('2 selected');
    await page.keyboard.press('Shift+R');
    await expect.poll(() => announced(page), slow).toBe('2 statements rejected.');
    await expect.poll(() => focused(page), slow).toEqual({ statement: ids[3], control: 'row' });
    // M marks the question about the survey as meta.
    await page.keyboard.press('m');
    await expect.poll(() => announced(page), slow).toBe(`Statement #${ids[3]} marked as meta.`);
    await expect.poll(() => focused(page), slow).toEqual({ statement: ids[4], control: 'row' });
    // D rejects the last as a duplicate of the seed it repeats; the list is empty and focus rests on its summary.
    await page.keyboard.press('d');
    await expect.poll(() => announced(page), slow).toBe(`Statement #${ids[4]} rejected as a duplicate of #${seed}.`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), slow).toBe('Nothing is waiting for moderation.');
    // "/" goes to the search from anywhere.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('search');

    const state = async (s: string) => (await api.call('GET', `/conversations/${id}/moderation/queue?state=${s}`, undefined, key)).items.map((i: { id: number }) => i.id);
    expect(await state('accepted')).toEqual([seed, ids[0], ids[3]]);
    expect(await state('meta')).toEqual([ids[3]]);
    const rejected = (await api.call('GET', `/conversations/${id}/moderation/queue?state=rejected`, undefined, key)).items;
    expect(rejected.map((i: { id: number; duplicateOf: number | null }) => [i.id, i.duplicateOf])).toEqual([
      [ids[1], null],
      [ids[2], null],
      [ids[4], seed],
    ]);
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('shows the likely duplicate with its score and text, and rejects it as a duplicate of #N', async () => {
    const id = 'queue-duplicates';
    const key = (await api.call('POST', '/conversations', { id, topic: 'Hämeentie street works', languages: ['fi', 'sv', 'en'] })).moderatorKey as string;
    const [lanes, trees] = await api.seed(id, key, ['Hämeentielle tarvitaan leveämmät pyöräkaistat.', 'Plant more trees along the street.']);
    const [copy, fresh] = await write(id, ['Hämeentielle tarvitaan nyt leveämmät pyöräkaistat!', 'Buses should run every five minutes.']);
    const probe = await openProbe(browser, desktop);
    const page = await signIn(probe, id, key);
    const row = page.locator(`.kuulo-item[data-statement-id="${copy}"]`);
    const hint = row.locator('.kuulo-dup-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toMatch(new RegExp(`^Likely repeats #${lanes} \\(\\d+%\\): Hämeentielle tarvitaan leveämmät pyöräkaistat\\.`));
    expect(await hint.locator('q').getAttribute('lang')).toBe('fi');
    expect(await page.locator(`.kuulo-item[data-statement-id="${fresh}"] .kuulo-dup-likely`).count()).toBe(0);
    // Flagged for a look: the likely duplicate, not the fresh idea; "most similar" puts it first.
    await page.getByLabel('Show', { exact: true }).selectOption('flagged');
    await expect.poll(() => rowIds(page), slow).toEqual([copy]);
    await page.getByLabel('Show', { exact: true }).selectOption('pending');
    await page.getByLabel('Order').selectOption('similar');
    await expect.poll(async () => (await rowIds(page))[0], slow).toBe(copy);
    await screenshot(page, 'queue-duplicate-hint', false);

    await row.getByRole('button', { name: `Reject as duplicate of #${lanes}` }).click();
    await expect.poll(() => announced(page), slow).toBe(`Statement #${copy} rejected as a duplicate of #${lanes}.`);
    await expect.poll(() => rowIds(page), slow).toEqual([fresh]);
    // Focus moved to the same kind of control on the statement that took its place (it has no duplicate button: its first action).
    expect(await focused(page)).toMatchObject({ statement: fresh });
    const stored = (await api.call('GET', `/conversations/${id}/moderation/queue?state=rejected`, undefined, key)).items[0];
    expect([stored.id, stored.moderation, stored.duplicateOf]).toEqual([copy, 'rejected', lanes]);
    void trees;
    expectNoErrors(probe);
    await probe.context.close();
  });
});
