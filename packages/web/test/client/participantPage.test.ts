import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

const transit = {
  id: 'transit-funding',
  topic: 'How should the city fund public transit?',
  // The first three lean one way, the last three the other, so two camps form.
  statements: [
    'Bus tickets should be free for everyone under 25.',
    'The city should build more tram lines even if taxes rise.',
    'Parking fees in the centre should pay for public transport.',
    'Transit should pay for itself through ticket prices.',
    'Roads for cars matter more than new tram lines.',
    'Parking in the centre should stay cheap.',
  ],
};

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  const key = await api.createConversation(transit.id, transit.topic, { description: 'The council decides next year’s transport budget. Tell us what you think.' });
  const ids = await api.seed(transit.id, key, transit.statements);
  // 16 earlier participants in two camps; a fixed pattern of passes and crossed votes spreads them out.
  for (let p = 0; p < 16; p++) {
    for (const [j, statementId] of ids.entries()) {
      const twist = (p * 37 + j * 11) % 10;
      const camp = p < 8 === j < 3 ? 'agree' : 'disagree';
      const vote = twist < 2 ? 'pass' : twist === 2 ? (camp === 'agree' ? 'disagree' : 'agree') : camp;
      await api.vote(transit.id, `earlier-${p}`, statementId, vote);
    }
  }
  await api.waitForMath(transit.id);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const hulls = (page: Page) => page.locator('.kuulo-map .kuulo-hulls .kuulo-group').count();
const mapDescription = (page: Page) => page.locator('.kuulo-map svg.kuulo-opinion-map > desc').textContent();
const progress = (page: Page) => page.locator('.kuulo-progress-text').textContent();

/** Votes with camp A (agree with the first three statements) until the list ends. */
async function voteThrough(page: Page): Promise<number> {
  let votes = 0;
  for (;;) {
    const text = (await page.locator('.kuulo-statement').textContent()) ?? '';
    const index = transit.statements.indexOf(text);
    if (index < 0) return votes;
    await page.getByRole('button', { name: index < 3 ? 'Agree' : 'Disagree', exact: true }).click();
    votes += 1;
    await page.waitForFunction(
      ([before, count]) => document.querySelector('.kuulo-statement')?.textContent !== before && document.querySelector('.kuulo-progress-text')?.textContent?.includes(`voted on ${count} of`),
      [text, votes] as const,
    );
  }
}

describe('participant page /c/:id', () => {
  it('a participant votes through the conversation and sees the map update with "You"', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${transit.id}`);
    await expect.poll(() => page.locator('h1').textContent(), slow).toBe(transit.topic);
    // The map is there before this person votes: outlines of at least two groups of the 16, no dots, no "You".
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    expect(await mapDescription(page)).toMatch(/^Opinion map of 16 participants in \d+ opinion groups/);
    expect(await hulls(page)).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.kuulo-map .kuulo-participants').count()).toBe(0);
    expect(await page.locator('.kuulo-map .kuulo-you g').count()).toBe(0);
    expect(await page.locator('.kuulo-map-status').textContent()).toContain('see where you stand');
    expect(await progress(page)).toBe('You have voted on 0 of 6 statements.');
    await screenshot(page, 'participant-desktop-before');

    expect(await voteThrough(page)).toBe(6);
    expect(await page.locator('.kuulo-statement').textContent()).toContain('You have voted on every statement');
    expect(await page.locator('.kuulo-vote-buttons').isHidden()).toBe(true);

    // The server recomputes after the votes and pushes the new tick: the map counts 17 participants, "You" in camp A's group.
    await page.locator('.kuulo-map .kuulo-you g').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.kuulo-map .kuulo-you g').getAttribute('aria-label'), slow).toMatch(/^You are here, in group [A-Z]$/);
    await expect.poll(() => mapDescription(page), slow).toMatch(/^Opinion map of 17 participants/);
    // "You" sits in the group where most of the camp this person voted with ended up.
    const { result } = await api.call('GET', `/conversations/${transit.id}/math`, undefined, null);
    const groupOf = (pid: number) => result.groups.find((g: { id: number }) => g.id === result.participantGroup[result.participants.indexOf(pid)]);
    const campA = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(async (p) => (await api.call('GET', `/conversations/${transit.id}/participants/me?xid=earlier-${p}`, undefined, null)).pid as number));
    const labels = campA.map((pid) => groupOf(pid)?.label);
    const campLabel = [...new Set(labels)].sort((a, b) => labels.filter((l) => l === b).length - labels.filter((l) => l === a).length)[0];
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('kuulo.participant.transit-funding'))) ?? '{}') as { token?: string; pid?: number };
    const mine = groupOf(stored.pid!);
    expect(mine.label).toBe(campLabel);
    expect(await page.locator('.kuulo-map .kuulo-you g').getAttribute('aria-label')).toBe(`You are here, in group ${campLabel}`);
    await expect.poll(() => page.locator('.kuulo-map-status').textContent(), slow).toBe(`You are in group ${campLabel}, with ${mine.size - 1} other participants.`);
    await screenshot(page, 'participant-desktop-after');

    // The device remembers the participant: after a reload nothing is asked again and "You" is still there.
    expect(stored.token).toMatch(/^kpt_/);
    await page.reload();
    await page.locator('.kuulo-map .kuulo-you g').waitFor();
    expect(await progress(page)).toBe('You have voted on 6 of 6 statements.');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('asks only GET …/math/participant, never the whole result, and shows the hulls, "You" and the group\'s statements', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    const math: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\/math(\/|$)/.test(path)) math.push(path);
    });
    await page.goto(`${server.url}/c/${transit.id}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    expect(await hulls(page)).toBeGreaterThanOrEqual(2);
    // Before voting: no "You" and no group of one's own to list (at most what most participants agree with).
    expect(await page.locator('.kuulo-map .kuulo-you g').count()).toBe(0);
    expect(await page.locator('.kuulo-group-list-title', { hasText: 'What group' }).count()).toBe(0);
    expect(await voteThrough(page)).toBe(6);
    await page.locator('.kuulo-map .kuulo-you g').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.kuulo-map .kuulo-you g').getAttribute('aria-label'), slow).toMatch(/^You are here, in group [A-Z]$/);
    const label = (await page.locator('.kuulo-map .kuulo-you g').getAttribute('aria-label'))!.replace(/^You are here, in group /, '');
    await expect.poll(() => page.locator('.kuulo-group-list-title').first().textContent(), slow).toBe(`What group ${label} agrees with`);
    // Their own group is open: statement numbers and texts (as text), each with the group's bar, e.g. "Group A: 83% agree, 0% disagree, 17% pass (6 votes)."
    expect(await page.locator('.kuulo-group-buttons button[aria-expanded="true"]').textContent()).toMatch(new RegExp(`^Group ${label} · \\d+ people \\(yours\\)$`));
    const items = await page.locator('.kuulo-group-details .kuulo-group-statement').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(transit.statements.some((t) => new RegExp(`^#\\d+ ${t.replace('.', '\\.')}`).test(item))).toBe(true);
    const bars = await page.locator('.kuulo-group-details .kuulo-bar-row .kuulo-visually-hidden').allTextContents();
    expect(bars.length).toBe(items.length);
    expect(bars.some((bar) => new RegExp(`^Group ${label}: \\d+% agree, \\d+% disagree, \\d+% pass \\(\\d+ votes\\)\\.$`).test(bar))).toBe(true);
    expect(math.length).toBeGreaterThanOrEqual(2);
    expect(math.filter((path) => !path.endsWith('/math/participant'))).toEqual([]);
    await screenshot(page, 'participant-summary-map');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('works on a phone-size screen: no sideways scrolling, big buttons, the map fits', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${transit.id}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await page.getByRole('button', { name: 'Pass / unsure' }).click();
    await expect.poll(() => progress(page), slow).toBe('You have voted on 1 of 6 statements.');
    const layout = await page.evaluate(() => {
      const rect = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        map: rect('.kuulo-map svg').right,
        buttons: [...document.querySelectorAll('.kuulo-vote-buttons button')].map((b) => b.getBoundingClientRect().height),
      };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(phone.width);
    expect(layout.map).toBeLessThanOrEqual(phone.width);
    for (const height of layout.buttons) expect(height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'participant-phone');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('shows a statement containing <script> and <img onerror> as text, and nothing runs', async () => {
    const id = 'markup-test';
    const key = await api.createConversation(id, 'Statements are text <b>only</b>');
    const hostile = '<script>window.__kuuloXss = 1</script><img src=x onerror="window.__kuuloXss = 2"> is this shown as text?';
    await api.seed(id, key, [hostile]);
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/c/${id}`);
    await expect.poll(() => page.locator('.kuulo-statement').textContent(), slow).toBe(hostile);
    expect(await page.locator('h1').textContent()).toBe('Statements are text <b>only</b>');

    // The participant writes one too; it goes through the form and comes back as text on the report.
    const written = '<img src=y onerror="window.__kuuloXss = 3"><script>window.__kuuloXss = 4</script>';
    await page.getByLabel('Your statement').fill(written);
    await page.getByRole('button', { name: 'Submit statement' }).click();
    await expect.poll(() => page.locator('.kuulo-write .kuulo-notice').textContent(), slow).toContain('Thank you!');
    await page.goto(`${server.url}/c/${id}/report`);
    await expect.poll(() => page.locator('#statements .kuulo-statement-item').count(), slow).toBe(2);
    const shown = await page.locator('#statements .kuulo-item-text').allTextContents();
    expect(shown.map((t) => t.replace(/^#\d+ /, '')).sort()).toEqual([hostile, written].sort());

    const outcome = await page.evaluate(() => ({ flag: (window as { __kuuloXss?: number }).__kuuloXss, images: document.querySelectorAll('img').length, scripts: document.querySelectorAll('main script').length }));
    expect(outcome).toEqual({ flag: undefined, images: 0, scripts: 0 });
    expect(requests.filter((url) => /\/(x|y)$/.test(url))).toEqual([]);
    await screenshot(page, 'report-markup-as-text');
    expectNoErrors(probe);
    await probe.context.close();
  });
});
