import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

const transit = {
  id: 'transit-groups',
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

/** Votes of earlier participant `p` in two camps (p < half agree with the first three); a fixed pattern of passes and crossed votes spreads them out. */
async function plantCamps(id: string, ids: readonly number[], from: number, to: number, half: number): Promise<void> {
  for (let p = from; p < to; p++) {
    for (const [j, statementId] of ids.entries()) {
      const twist = (p * 37 + j * 11) % 10;
      const camp = p < half === j < 3 ? 'agree' : 'disagree';
      const vote = twist < 2 ? 'pass' : twist === 2 ? (camp === 'agree' ? 'disagree' : 'agree') : camp;
      await api.vote(id, `earlier-${p}`, statementId, vote);
    }
  }
}

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  const key = await api.createConversation(transit.id, transit.topic);
  const ids = await api.seed(transit.id, key, transit.statements);
  await plantCamps(transit.id, ids, 0, 16, 8);
  await api.waitForMath(transit.id);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const progress = (page: Page) => page.locator('.kuulo-progress-text').textContent();
const status = (page: Page) => page.locator('.kuulo-map-status').textContent();
const groupButtons = (page: Page) => page.locator('.kuulo-group-buttons button');
const panelTitle = (page: Page) => page.locator('.kuulo-group-panel-box:not([hidden]) .kuulo-group-details-title').textContent();

/** The group label and statements the open panel shows, with its bars' screen-reader sentences. */
async function openPanel(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.kuulo-group-panel-box');
    return {
      hidden: box?.hidden ?? true,
      group: box?.querySelector<HTMLElement>('.kuulo-group-details')?.dataset.group,
      texts: [...(box?.querySelectorAll('.kuulo-group-statement-text') ?? [])].map((e) => e.textContent ?? ''),
      bars: [...(box?.querySelectorAll('.kuulo-bar-row .kuulo-visually-hidden') ?? [])].map((e) => e.textContent ?? ''),
    };
  });
}

/** A point on the map where an outline (or its label) is the topmost thing, and that group's id. */
async function pointOnGroup(page: Page): Promise<{ x: number; y: number; group: string }> {
  const found = await page.evaluate(() => {
    for (const hull of document.querySelectorAll<SVGGElement>('.kuulo-map .kuulo-hulls .kuulo-group')) {
      const box = hull.getBoundingClientRect();
      for (const [fx, fy] of [[0.5, 0.5], [0.4, 0.4], [0.6, 0.6], [0.3, 0.5], [0.7, 0.5], [0.5, 0.3], [0.5, 0.7]] as const) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        const mark = document.elementFromPoint(x, y)?.closest('.kuulo-hulls [data-key], .kuulo-labels [data-key]');
        if (mark) return { x, y, group: mark.getAttribute('data-key')! };
      }
    }
    return null;
  });
  expect(found, 'no point on the map where an outline is on top').not.toBeNull();
  return found!;
}

describe('participant page: what each group stands for', () => {
  it('tapping a group on a 390 px phone opens how that group voted: its statements with agree / disagree bars', async () => {
    const probe = await openProbe(browser, phone, { context: { hasTouch: true, isMobile: true } });
    const { page } = probe;
    await page.goto(`${server.url}/c/${transit.id}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    // Before voting nobody's group is open: a button per group, all closed.
    const hullCount = await page.locator('.kuulo-map .kuulo-hulls .kuulo-group').count();
    expect(hullCount).toBeGreaterThanOrEqual(2);
    await expect.poll(() => groupButtons(page).count(), slow).toBe(hullCount);
    expect(await groupButtons(page).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-expanded')))).toEqual(Array(hullCount).fill('false'));
    expect((await openPanel(page)).hidden).toBe(true);

    const { x, y, group } = await pointOnGroup(page);
    await page.touchscreen.tap(x, y);
    await expect.poll(async () => (await openPanel(page)).group, slow).toBe(group);
    const math = await api.call('GET', `/conversations/${transit.id}/math/participant`, undefined, null);
    const shown = math.view.groups.find((g: { id: number }) => String(g.id) === group);
    expect(await panelTitle(page)).toBe(`How group ${shown.label} voted (${shown.size} people)`);
    expect(await page.locator(`.kuulo-group-buttons button[data-group="${group}"]`).getAttribute('aria-expanded')).toBe('true');
    const panel = await openPanel(page);
    // Its representative statements, each with the group's own bar: "Group A: 75% agree, 13% disagree, 13% pass (8 votes)."
    expect(panel.texts.length).toBe(shown.repness.length);
    for (const text of panel.texts) expect(transit.statements).toContain(text);
    expect(panel.bars.length).toBe(panel.texts.length);
    for (const [i, bar] of panel.bars.entries()) {
      const e = shown.repness[i];
      expect(bar).toMatch(new RegExp(`^Group ${shown.label}: \\d+% agree, \\d+% disagree, \\d+% pass \\(${e.agree + e.disagree + e.pass} votes?\\)\\.$`));
    }
    // The majority view (what most agree or disagree with) stays under it, when there is one; nothing scrolls sideways at 390 px.
    const majority = math.view.consensus.agree.length + math.view.consensus.disagree.length;
    expect(await page.locator('.kuulo-majority .kuulo-group-statement').count()).toBe(majority);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    for (const b of await groupButtons(page).all()) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'participant-group-tapped-phone');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('opens and closes each group from the keyboard, and explains the map in a disclosure', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${transit.id}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await expect.poll(() => groupButtons(page).count(), slow).toBeGreaterThanOrEqual(2);
    const [first, second] = await groupButtons(page).all();
    const panelId = await first!.getAttribute('aria-controls');
    expect(await page.locator(`#${panelId}`).getAttribute('class')).toContain('kuulo-group-panel-box');

    await first!.focus();
    await page.keyboard.press('Enter');
    const firstGroup = await first!.getAttribute('data-group');
    await expect.poll(async () => (await openPanel(page)).group, slow).toBe(firstGroup);
    expect(await first!.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-group'))).toBe(firstGroup);
    // Tab to the next group and open it with Space: the first closes, the second opens.
    await page.keyboard.press('Tab');
    const secondGroup = await second!.getAttribute('data-group');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-group'))).toBe(secondGroup);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await openPanel(page)).group, slow).toBe(secondGroup);
    expect(await first!.getAttribute('aria-expanded')).toBe('false');
    expect(await second!.getAttribute('aria-expanded')).toBe('true');
    expect((await openPanel(page)).texts.length).toBeGreaterThan(0);
    // Enter again closes it.
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await openPanel(page)).hidden, slow).toBe(true);
    expect(await second!.getAttribute('aria-expanded')).toBe('false');

    // The outlines on the map are keyboard stops too: Enter on one opens its group.
    const hull = page.locator('.kuulo-map .kuulo-hulls .kuulo-group').first();
    await hull.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await openPanel(page)).group, slow).toBe(await hull.getAttribute('data-key'));

    // A mouse click on an outline (zoom and pan are on at the desktop) opens that group too, after its button closed it.
    const { x, y, group } = await pointOnGroup(page);
    const button = page.locator(`.kuulo-group-buttons button[data-group="${group}"]`);
    if ((await button.getAttribute('aria-expanded')) === 'true') await button.click();
    await expect.poll(async () => (await openPanel(page)).hidden, slow).toBe(true);
    await page.mouse.click(x, y);
    await expect.poll(async () => (await openPanel(page)).group, slow).toBe(group);
    expect(await button.getAttribute('aria-expanded')).toBe('true');

    // "What am I seeing?" is a closed disclosure that opens with the keyboard.
    const explain = page.getByRole('button', { name: 'What am I seeing?' });
    expect(await explain.getAttribute('aria-expanded')).toBe('false');
    const body = page.locator(`#${await explain.getAttribute('aria-controls')}`);
    expect(await body.isHidden()).toBe(true);
    await explain.focus();
    await page.keyboard.press('Enter');
    expect(await explain.getAttribute('aria-expanded')).toBe('true');
    expect(await body.textContent()).toContain('An outline is an opinion group');
    // Six statements: Polis groups people after min(7, statements) votes.
    expect(await body.textContent()).toContain('You join a group once you have voted on 6 statements.');
    await screenshot(page, 'participant-group-keyboard-desktop');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('keeps keyboard focus on the vote buttons: two votes with Enter only, and the legend counts down to joining a group', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${transit.id}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await expect.poll(() => progress(page), slow).toBe('You have voted on 0 of 6 statements.');
    // Six statements: Polis groups people after min(7, statements) = 6 votes.
    await expect.poll(() => page.locator('.kuulo-map-legend').textContent(), slow).toContain('Vote on 6 statements to join a group.');

    // Tab from the top of the page to the first vote button, as a keyboard user does.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-vote') === 'agree')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vote'))).toBe('agree');
    const first = await page.locator('.kuulo-statement').textContent();
    await page.keyboard.press('Enter');
    await expect.poll(() => progress(page), slow).toBe('You have voted on 1 of 6 statements.');
    expect(await page.locator('.kuulo-statement').textContent()).not.toBe(first);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vote'))).toBe('agree');
    // The second Enter votes again.
    await page.keyboard.press('Enter');
    await expect.poll(() => progress(page), slow).toBe('You have voted on 2 of 6 statements.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vote'))).toBe('agree');
    // Tab moves on to "Disagree": a third vote, still keyboard only.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vote'))).toBe('disagree');
    await page.keyboard.press('Enter');
    await expect.poll(() => progress(page), slow).toBe('You have voted on 3 of 6 statements.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-vote'))).toBe('disagree');

    // The server counted three votes of this participant.
    const stored = JSON.parse((await page.evaluate((id) => localStorage.getItem(`kuulo.participant.${id}`), transit.id)) ?? '{}') as { token?: string };
    const votes = await server.api.inject({ method: 'GET', url: `/api/v1/conversations/${transit.id}/votes/me`, headers: { 'x-participant-token': stored.token! } });
    expect(votes.statusCode, votes.body).toBe(200);
    expect((votes.json() as { votes: unknown[] }).votes).toHaveLength(3);
    await expect.poll(() => page.locator('.kuulo-map-legend').textContent(), slow).toContain('Vote on 3 more statements to join a group.');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('says why there is no map below the floor ("4 people have voted so far"), in Finnish too, and draws it once enough people voted', async () => {
    const id = 'floor-wait';
    const key = await api.createConversation(id, 'Where should the new library go?');
    const shared = 'Buses should run on time.';
    const [sharedId, ...ids] = await api.seed(id, key, [shared, ...transit.statements]);
    // Everyone agrees on one statement: the majority view.
    const plant = async (from: number, to: number, half: number) => {
      await plantCamps(id, ids, from, to, half);
      for (let p = from; p < to; p++) await api.vote(id, `earlier-${p}`, sharedId!, 'agree');
    };
    await plant(0, 4, 2);
    await api.waitForMath(id);
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}`);
    await expect.poll(() => status(page), slow).toBe('The map appears when 7 people have voted, so that nobody can be recognised from their votes. 4 people have voted so far.');
    expect(await page.locator('.kuulo-map svg').count()).toBe(0);
    expect(await groupButtons(page).count()).toBe(0);
    await screenshot(page, 'participant-map-not-yet-phone');

    const fi = await openProbe(browser, phone);
    await fi.page.goto(`${server.url}/c/${id}?lang=fi`);
    await expect.poll(() => status(fi.page), slow).toBe('Kartta tulee näkyviin, kun 7 ihmistä on äänestänyt, jotta ketään ei voi tunnistaa äänistä. Tähän mennessä on äänestänyt 4 ihmistä.');
    const sv = await openProbe(browser, phone);
    await sv.page.goto(`${server.url}/c/${id}?lang=sv`);
    await expect.poll(() => status(sv.page), slow).toBe('Kartan visas när 7 personer har röstat, så att ingen kan kännas igen på sina röster. Hittills har 4 personer röstat.');

    // Twelve people in two camps of six: the server pushes the new math and the page draws the map without a reload.
    const before = await api.mathTick(id);
    await plant(4, 16, 10);
    await api.waitForMath(id, before);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor({ timeout: 20_000 });
    await expect.poll(() => status(page), slow).toBe('Vote on a few statements to see where you stand.');
    await expect.poll(() => groupButtons(page).count(), slow).toBeGreaterThanOrEqual(1);
    // The majority view: what most participants agree with, the shared statement with its count.
    await expect.poll(() => page.locator('.kuulo-majority .kuulo-group-list-title').first().textContent(), slow).toBe('What most participants agree with');
    // The title can show before the list fills, or with an earlier tick's counts: wait for the final one.
    await expect.poll(() => page.locator('.kuulo-majority .kuulo-group-statement').allTextContents(), slow).toContain(`#${sharedId} ${shared} 100% of voters agree (16 of 16)`);
    await screenshot(page, 'participant-map-after-floor-phone');
    expectNoErrors(probe, fi, sv);
    await Promise.all([probe, fi, sv].map((p) => p.context.close()));
  });

  it('says a duplicate statement in plain words in en, fi and sv, never the server’s message', async () => {
    const duplicate = `  ${transit.statements[1]!.toUpperCase()}  `;
    const expected = {
      en: 'The same statement has already been written. You can vote on it.',
      fi: 'Sama väite on jo kirjoitettu. Voit äänestää siitä.',
      sv: 'Samma påstående finns redan. Du kan rösta om det.',
    };
    const labels = { en: ['Your statement', 'Submit statement'], fi: ['Väitteesi', 'Lähetä väite'], sv: ['Ditt påstående', 'Skicka påstående'] };
    for (const lang of ['en', 'fi', 'sv'] as const) {
      const probe = await openProbe(browser, phone);
      const { page } = probe;
      await page.goto(`${server.url}/c/${transit.id}?lang=${lang}`);
      await page.getByLabel(labels[lang][0]!).fill(duplicate);
      await page.getByRole('button', { name: labels[lang][1]! }).click();
      const notice = page.locator('.kuulo-write .kuulo-notice');
      await expect.poll(() => notice.textContent(), slow).toBe(expected[lang]);
      // The text stays in the box, to be changed and sent again.
      expect(await page.getByLabel(labels[lang][0]!).inputValue()).toBe(duplicate);
      expect(await page.locator('main').textContent()).not.toContain('already has this statement');
      if (lang === 'fi') await screenshot(page, 'participant-duplicate-fi-phone', false);
      // Chromium logs the refused request itself; anything else is an error.
      probe.errors.splice(0, probe.errors.length, ...probe.errors.filter((e) => !/status of 409 \(Conflict\).*\/statements\)$/.test(e)));
      expectNoErrors(probe);
      await probe.context.close();
    }
  });
});
