import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, screenshotOf, slow, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { adminKey, startServer, type TestServer } from '../support/startServer.js';
import { readQr } from '../support/readQr.js';

const fi = JSON.parse(readFileSync(new URL('../../locales/fi.json', import.meta.url), 'utf8')) as Record<string, string>;
const sv = JSON.parse(readFileSync(new URL('../../locales/sv.json', import.meta.url), 'utf8')) as Record<string, string>;

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

/** The console at one conversation, signed in with the admin key (kept for the tab, as the key form does). */
async function openConsole(probe: Probe, id: string, query = ''): Promise<Page> {
  const { page } = probe;
  await page.addInitScript((key) => sessionStorage.setItem('kuulo.admin', key), adminKey);
  await page.goto(`${server.url}/admin${query}#c/${id}`);
  return page;
}

describe('admin console: share and embed', () => {
  it('copies the participant link, whose QR code decodes to it, and builds embed code that the live preview follows', async () => {
    const id = 'share-panel';
    const key = await api.createConversation(id, 'Shore path benches');
    await api.seed(id, key, ['More benches along the shore path', 'Benches need backs and armrests']);
    const probe = await openProbe(browser, desktop, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    const page = await openConsole(probe, id);
    const panel = page.locator('section.kuulo-share');
    await panel.getByRole('heading', { name: 'Share and embed' }).waitFor();
    const link = `${server.url}/c/${id}`;
    expect(await panel.getByLabel('Link for participants').inputValue()).toBe(link);
    await panel.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => panel.locator('.kuulo-share-status').textContent()).toBe('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(await readQr(page, panel.locator('svg.kuulo-qr'))).toBe(link);
    expect(await panel.getByRole('img', { name: `QR code that opens ${link}` }).count()).toBe(1);
    expect(await panel.getByRole('link', { name: 'Download the QR code (SVG)' }).getAttribute('download')).toBe(`${id}-qr.svg`);

    // Defaults: the element with every part, the reader's language, no id; the preview is the real element.
    const code = panel.getByLabel('Embed code');
    expect(await code.inputValue()).toBe(`<script type="module" src="${server.url}/embed.js"></script>\n<kuulo-conversation conversation="${id}"></kuulo-conversation>\n`);
    const preview = panel.locator('.kuulo-share-frame kuulo-conversation');
    await preview.locator('.kuulo-statement').waitFor();
    const parts = async () => ({
      voting: await preview.locator('.kuulo-vote').count(),
      map: await preview.locator('.kuulo-map-card').count(),
      writing: await preview.locator('.kuulo-write-form').count(),
      results: await preview.locator('.kuulo-footer a').count(),
    });
    expect(await parts()).toEqual({ voting: 1, map: 1, writing: 1, results: 1 });
    // The preview tells its height, as it would tell a host page.
    const height = () => preview.evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    await expect.poll(async () => (await panel.locator('.kuulo-share-height').textContent()) === `Height reported by the embed: ${await height()} px`, slow).toBe(true);

    // Options by keyboard: the code and the preview follow each change.
    const options = panel.locator('form.kuulo-share-form');
    await options.getByLabel('Opinion map').focus();
    await page.keyboard.press('Space');
    await options.getByLabel('Writing statements').uncheck();
    await options.getByLabel('Language').selectOption('sv');
    await expect.poll(() => code.inputValue()).toContain(`<kuulo-conversation conversation="${id}" parts="voting results" lang="sv"></kuulo-conversation>`);
    await expect.poll(parts, slow).toEqual({ voting: 1, map: 0, writing: 0, results: 1 });
    await expect.poll(() => preview.getByRole('button', { name: sv['participant.vote.agree'], exact: true }).count(), slow).toBe(1);

    await options.getByLabel("Your site's own id for the signed-in person").check();
    await expect.poll(() => code.inputValue()).toContain('lang="sv" xid="USER-ID"');
    expect(await panel.getByText('Replace USER-ID in the code').count()).toBe(1);
    // The preview never joins as someone.
    expect(await preview.getAttribute('xid')).toBeNull();

    await options.getByLabel('iframe').check();
    const iframe = await code.inputValue();
    expect(iframe).toContain(`<iframe id="kuulo-${id}" src="${server.url}/c/${id}?parts=voting%2Cresults&amp;lang=sv&amp;xid=USER-ID" title="Shore path benches"`);
    expect(iframe).toContain("event.data.type === 'kuulo:height'");
    expect(await panel.locator('.kuulo-share-preview .kuulo-hint').first().textContent()).toMatch(/^The iframe shows the same view/);

    // No part ticked: said under the boxes, and the code shows everything (as the embed would).
    for (const name of ['Voting', 'Link to the results (report)']) await options.getByLabel(name).uncheck();
    await expect.poll(() => panel.locator('.kuulo-share-problem').textContent()).toBe('Choose at least one part. Until you do, everything shows.');
    expect(await code.inputValue()).toContain(`src="${server.url}/c/${id}?lang=sv&amp;xid=USER-ID"`);
    await screenshotOf(panel, 'admin-share-desktop');
    expectNoErrors(probe);
    await probe.context.close();
  });
});

describe('admin console: activity over time', () => {
  const id = 'activity-panel';
  // Three people on 2 March (09:xx in Helsinki), four on 3 March (12:xx).
  const when = [...Array(3).fill('2026-03-02T07:10:00Z'), ...Array(4).fill('2026-03-03T10:20:00Z')] as string[];

  beforeAll(async () => {
    const key = await api.createConversation(id, 'Library opening hours');
    const [first, second] = await api.seed(id, key, ['Open on Sundays too', 'Open until 22 on weekdays']);
    for (const [i, time] of when.entries()) {
      await api.vote(id, `person-${i}`, first!, 'agree');
      if (i >= 3) await api.vote(id, `person-${i}`, second!, 'disagree');
      await server.api.kuulo.votes.flush();
      const db = server.api.db;
      const { id: internal } = (await db.get('SELECT id FROM conversations WHERE slug = ?', id)) as { id: number };
      const { pid } = (await db.get('SELECT pid FROM participants WHERE conversation_id = ? AND xid = ?', internal, `person-${i}`)) as { pid: number };
      (await db.run('UPDATE votes SET created_at = ? WHERE conversation_id = ? AND pid = ?', Date.parse(time), internal, pid));
      (await db.run('UPDATE statements SET created_at = ? WHERE conversation_id = ?', Date.parse(when[0]!), internal));
    }
  });

  const tableRows = (scope: Locator) => scope.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));

  it('charts participants, votes and statements per day and per hour in the reader\'s time zone, with the same numbers as a table', async () => {
    const probe = await openProbe(browser, desktop, { context: { timezoneId: 'Europe/Helsinki' } });
    const page = await openConsole(probe, id);
    const panel = page.locator('section.kuulo-activity');
    await panel.getByRole('heading', { name: 'Activity over time' }).waitFor();
    const chart = panel.locator('svg.kuulo-activity-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-describedby')).toMatch(/-desc kuulo-activity-\d+-table$/);
    expect(await chart.locator('title').textContent()).toBe('Activity per day');
    expect(await chart.locator('desc').textContent()).toBe(
      'Participants, votes and statements per day from Mar 2, 2026 to Mar 3, 2026 (time zone Europe/Helsinki). Hours or days without activity are left out of the table.',
    );
    expect(await tableRows(chart)).toEqual([
      ['Mar 2, 2026', '3', '3', '2'],
      ['Mar 3, 2026', '4', '8', '0'],
    ]);
    expect(await panel.getByRole('status').textContent()).toBe('2 days with activity: 11 votes, 2 statements.');
    // One bar per day in each row, each as tall as its number on the row's scale.
    const bars = await chart.locator('.kuulo-activity-participants rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(bars[0]! / bars[1]!).toBeCloseTo(3 / 4, 2);
    const votes = await chart.locator('.kuulo-activity-votes rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(votes[0]! / votes[1]!).toBeCloseTo(3 / 8, 2);

    // The visible table, behind a disclosure, says the same.
    await panel.getByRole('button', { name: 'Show the numbers as a table' }).click();
    expect(await tableRows(panel.locator('table.kuulo-activity-numbers'))).toEqual(await tableRows(chart));

    await panel.getByLabel('Hour').check();
    await expect.poll(() => chart.locator('title').textContent(), slow).toBe('Activity per hour');
    const hours = await tableRows(panel.locator('table.kuulo-activity-numbers'));
    expect(hours.map((row) => row.slice(1))).toEqual([
      ['3', '3', '2'],
      ['4', '8', '0'],
    ]);
    // Local hours: 07:10Z is 9 in the morning in Helsinki.
    expect(hours[0]![0]).toMatch(/^Mar 2, 2026, 9:00\s?–\s?10:00\sAM$/);
    expect(await panel.locator('.kuulo-hint').last().textContent()).toContain('Times are in Europe/Helsinki. You see every hour and day as it is.');
    await screenshotOf(panel, 'admin-activity-desktop');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('speaks Finnish and fits a 390 px phone', async () => {
    const probe = await openProbe(browser, phone, { context: { timezoneId: 'Europe/Helsinki' } });
    const page = await openConsole(probe, id, '?lang=fi');
    const panel = page.locator('section.kuulo-activity');
    await panel.getByRole('heading', { name: fi['activity.title']! }).waitFor();
    await panel.locator('svg.kuulo-activity-chart').waitFor();
    expect(await panel.getByRole('status').textContent()).toBe('2 päivää, joina oli toimintaa: 11 ääntä, 2 väitettä.');
    const share = page.locator('section.kuulo-share');
    await share.getByRole('heading', { name: fi['share.title']! }).waitFor();
    await share.locator('.kuulo-share-frame kuulo-conversation .kuulo-statement').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    const chartWidth = await panel.locator('svg.kuulo-activity-chart').evaluate((svg) => svg.getBoundingClientRect().right);
    expect(chartWidth).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'admin-share-activity-phone-fi');
    expectNoErrors(probe);
    await probe.context.close();
  });
});
