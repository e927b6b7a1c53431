import { writeFileSync } from 'node:fs';
import { ensureDemoConversation, demoConversationId } from '../../../server/src/index.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, screenshotDir, screenshotOf, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;
let tick: number;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  await ensureDemoConversation(server.api);
  tick = await api.waitForMath(demoConversationId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const number = (page: Page, key: string) => page.locator(`.kuulo-number[data-number="${key}"] dd`).textContent();
const reportUrl = () => `${server.url}/c/${demoConversationId}/report`;

describe('report page /c/:id/report', () => {
  it('renders the demo conversation: numbers, majority opinion, groups, uncertainty and every statement', async () => {
    const conversation = await api.call('GET', `/conversations/${demoConversationId}`, undefined, null);
    const statements = await api.call('GET', `/conversations/${demoConversationId}/statements?limit=500`, undefined, null);
    const { result } = await api.call('GET', `/conversations/${demoConversationId}/math`, undefined, null);
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(reportUrl());
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    expect(await page.locator('h1').textContent()).toBe(conversation.topic);
    expect(await page.locator('.kuulo-live').textContent()).toMatch(new RegExp(`^Live\\. Updated .+ \\(update ${tick}\\)\\.$`));

    // Overview numbers are the API's.
    expect(await number(page, 'participants')).toBe(String(conversation.counts.participants));
    expect(await number(page, 'votes')).toBe(String(conversation.counts.votes));
    expect(await number(page, 'statements')).toBe(String(statements.total));
    expect(await number(page, 'groups')).toBe(String(result.groups.length));
    expect(result.groups.length).toBeGreaterThanOrEqual(2);

    // Majority opinion, groups with their representative statements, differences.
    await page.locator('#majority svg.kuulo-chart').waitFor();
    const majority = (await page.locator('#majority svg').textContent()) ?? '';
    const topAgreed = statements.items.find((s: { id: number }) => s.id === result.consensus.agree[0].statement);
    expect(majority).toContain(topAgreed.text.slice(0, 30));
    const panel = (await page.locator('#groups svg:not(.kuulo-opinion-map)').textContent()) ?? '';
    for (const group of result.groups) expect(panel).toContain(`Group ${group.label}`);
    const firstRep = statements.items.find((s: { id: number }) => s.id === result.groups[0].repness[0].statement);
    expect(panel).toContain(firstRep.text.slice(0, 30));
    expect(await page.locator('#groups .kuulo-map .kuulo-hulls .kuulo-group').count()).toBe(result.groups.length);
    await page.locator('#differences svg.kuulo-chart').waitFor();

    // Areas of uncertainty: the statements with the highest pass share (≥ 30 %, ≥ 5 votes), most passed first.
    const passShare = (s: { tally: { agree: number; disagree: number; pass: number } }) => s.tally.pass / (s.tally.agree + s.tally.disagree + s.tally.pass);
    const expected = statements.items
      .filter((s: { isMeta: boolean; tally: { agree: number; disagree: number; pass: number } }) => !s.isMeta && s.tally.agree + s.tally.disagree + s.tally.pass >= 5 && passShare(s) >= 0.3)
      .sort((a: any, b: any) => passShare(b) - passShare(a) || a.id - b.id)
      .slice(0, 10)
      .map((s: { id: number }) => String(s.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(await page.locator('#uncertainty li').evaluateAll((items) => items.map((li) => li.getAttribute('data-statement-id')))).toEqual(expected);

    // Every statement, with a bar for everyone and one per group.
    expect(await page.locator('#statements li.kuulo-statement-item').count()).toBe(statements.total);
    const first = page.locator('#statements li.kuulo-statement-item').first();
    expect(await first.locator('.kuulo-group-bar').count()).toBe(result.groups.length);
    const t = statements.items[0].tally;
    const votes = t.agree + t.disagree + t.pass;
    expect(await first.locator('.kuulo-bar-row').first().locator('.kuulo-bar-numbers').textContent()).toMatch(new RegExp(`^\\d+% · \\d+% · \\d+% \\(${votes}\\)$`));
    await page.getByLabel('Sort by').selectOption('divisive');
    await screenshot(page, 'report-demo-desktop');
    await screenshot(page, 'report-demo-desktop-top', false);
    for (const section of ['majority', 'groups', 'uncertainty']) await screenshotOf(page.locator(`#${section}`), `report-demo-desktop-${section}`);
    await screenshotOf(page.locator('#statements li').first(), 'report-demo-desktop-statement');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('is printable: the print stylesheet hides the controls and keeps the content (PDF artefact)', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(reportUrl());
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    // Printed from a desktop window: the charts were drawn wide and must shrink to an A4 column (182 mm ≈ 690 px).
    await page.setViewportSize({ width: 690, height: 976 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      buttons: [...document.querySelectorAll('button, select, nav')].filter((e) => getComputedStyle(e).display !== 'none').length,
      sections: [...document.querySelectorAll('section')].filter((e) => getComputedStyle(e).display !== 'none').length,
      statements: document.querySelectorAll('#statements li').length,
    }));
    expect(printed.buttons).toBe(0);
    expect(printed.sections).toBe(6);
    expect(printed.statements).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(690);
    await screenshot(page, 'report-demo-print-page1', false);
    await screenshotOf(page.locator('#groups'), 'report-demo-print-groups');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(`${screenshotDir}report-demo.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('fits a phone and updates live when votes come in (server push, no reload)', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(reportUrl());
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'report-demo-phone', false);
    for (const section of ['majority', 'groups']) await screenshotOf(page.locator(`#${section}`), `report-demo-phone-${section}`);
    const before = Number(await number(page, 'votes'));
    const participantsBefore = Number(await number(page, 'participants'));
    const { items } = await api.call('GET', `/conversations/${demoConversationId}/statements?limit=3`, undefined, null);
    for (const s of items) await api.vote(demoConversationId, 'workshop-visitor', s.id, 'agree');
    await expect.poll(() => number(page, 'votes'), slow).toBe(String(before + items.length));
    expect(await number(page, 'participants')).toBe(String(participantsBefore + 1));
    // The votes may be counted in one recompute or several: the update number only has to move on.
    const shownTick = async () => Number(/\(update (\d+)\)\.$/.exec((await page.locator('.kuulo-live').textContent()) ?? '')?.[1] ?? 0);
    await expect.poll(shownTick, slow).toBeGreaterThan(tick);
    expectNoErrors(probe);
    await probe.context.close();
  });
});

describe('report page updates', () => {
  it('loads every statement once, then asks only for what changed (changedAfter) and merges it', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    const requests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === `/api/v1/conversations/${demoConversationId}/statements`) requests.push(url.search);
    });
    await page.goto(reportUrl());
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    const { total } = await api.call('GET', `/conversations/${demoConversationId}/statements?limit=1`, undefined, null);
    // The first load walks every page of 500 (no changedAfter); everything after it asks for changes only.
    const fullPages = Math.max(1, Math.ceil(total / 500));
    expect(requests.slice(0, fullPages).every((q) => !q.includes('changedAfter'))).toBe(true);

    const { items } = await api.call('GET', `/conversations/${demoConversationId}/statements?limit=2`, undefined, null);
    const before = Number(await number(page, 'votes'));
    for (const s of items) await api.vote(demoConversationId, 'changes-visitor', s.id, 'disagree');
    await expect.poll(() => number(page, 'votes'), slow).toBe(String(before + items.length));
    // The merged list shows the new tallies.
    const after = await api.call('GET', `/conversations/${demoConversationId}/statements/${items[0].id}`, undefined, null);
    const count = after.tally.agree + after.tally.disagree + after.tally.pass;
    await expect
      .poll(() => page.locator(`#statements li[data-statement-id="${items[0].id}"] .kuulo-bar-numbers`).first().textContent(), slow)
      .toMatch(new RegExp(`\\(${count}\\)$`));
    const later = requests.slice(fullPages);
    expect(later.length).toBeGreaterThan(0);
    for (const q of later) expect(q).toMatch(/[?&]changedAfter=\d+/);
    expect(await page.locator('#statements li.kuulo-statement-item').count()).toBe(total);
    expectNoErrors(probe);
    await probe.context.close();
  });
});
