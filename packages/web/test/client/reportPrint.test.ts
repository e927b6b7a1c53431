import { writeFileSync } from 'node:fs';
import { extractText } from 'unpdf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHameentieConversation, hameentieConversationId } from '../../../server/src/demo.js';
import { ensureDemoConversation, demoConversationId } from '../../../server/src/index.js';
import { desktop, expectNoErrors, launchBrowser, openProbe, screenshotDir, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';
import { readQr } from '../support/readQr.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  await ensureDemoConversation(server.api);
  await ensureHameentieConversation(server.api);
  await api.waitForMath(demoConversationId);
  await api.waitForMath(hameentieConversationId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The A4 column at print.css's 14 mm margins: 182 mm at 96 px per inch. */
const a4Column = { width: 688, height: 1016 };

/**
 * Most A4 pages the demo's summary may take. Measured 2026-12-04 on the demo (15-per-hour-seattle,
 * 339 participants, 2 groups): en 7, fi 7, sv 7 pages (Hämeentie fi/sv 6); the content alone is 6.1 pages tall, the rest
 * is charts kept whole across page breaks. One page of margin for text that wraps differently
 * (fonts, headline notes), not more: a handout that grows past this should be looked at.
 */
const summaryPageLimit = 8;

type Lang = 'en' | 'fi' | 'sv';
const pageNumber: Record<Lang, (page: number, pages: number) => string> = {
  en: (page, pages) => `Page ${page} of ${pages}`,
  fi: (page, pages) => `Sivu ${page}/${pages}`,
  sv: (page, pages) => `Sida ${page} av ${pages}`,
};

/** The report as it prints: laid out in the A4 column with print media, the print charts drawn. */
async function openPrinted(lang: Lang, query = '', conversation = demoConversationId): Promise<Probe> {
  const probe = await openProbe(browser, desktop);
  const { page } = probe;
  await page.goto(`${server.url}/c/${conversation}/report?lang=${lang}${query}`);
  await page.locator('#groups svg.kuulo-opinion-map').waitFor();
  await page.setViewportSize(a4Column);
  // Print media draws the print charts, as beforeprint does when a person prints.
  await page.emulateMedia({ media: 'print' });
  await page.locator('#groups .kuulo-print-charts svg.kuulo-opinion-map').waitFor();
  return probe;
}

/** Each page's text, read back from the PDF the browser printed. */
async function printPdf(page: Page, name: string): Promise<string[]> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(`${screenshotDir}${name}.pdf`, pdf);
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  return text.map((p) => p.replace(/\s+/g, ' '));
}

/*
 * Text drawn under 12 px (9 pt) on paper, in page coordinates: HTML text at its computed size, chart
 * text at its size times the chart's scale. A plain string: vitest's transform must not touch it.
 */
const smallTextSource = `(() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    if (!e.checkVisibility({ visibilityProperty: true })) continue;
    if (e instanceof SVGElement && ['title', 'desc', 'style'].includes(e.localName)) continue;
    if (!e.closest('svg') && e.closest('.kuulo-visually-hidden')) continue;
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.nodeValue.trim())) continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    if (e instanceof SVGElement) { const m = e.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    if (size < 11.99) out.push(Math.round(size * 10) / 10 + 'px ' + e.localName + ': ' + e.textContent.trim().slice(0, 40));
  }
  return out;
})()`;

describe('report print (A4 handout)', () => {
  const counts: Record<string, number> = {};

  for (const lang of ['en', 'fi', 'sv'] as const) {
    it(`prints the demo's summary (${lang}) on at most ${summaryPageLimit} pages, numbered, with the data's time, the address and its QR code, no text under 9 pt`, async () => {
      const probe = await openPrinted(lang);
      const { page } = probe;
      expect(await page.evaluate(smallTextSource)).toEqual([]);
      // Tall charts print as one tile per statement, so pages break between statements.
      expect(await page.locator('#majority .kuulo-print-charts svg.kuulo-chart-tile').count()).toBeGreaterThan(3);
      // Summary by default: the list of every statement stays on the screen.
      expect(await page.locator('main').getAttribute('data-print')).toBe('summary');
      expect(await page.locator('#statements').isVisible()).toBe(false);
      expect(await page.locator('.kuulo-print-appendix-note').isVisible()).toBe(true);
      for (const id of ['overview', 'method', 'majority', 'groups', 'differences', 'uncertainty']) expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
      const qr = await page.locator('.kuulo-print-header svg.kuulo-qr').boundingBox();
      // 30 mm square: big enough for a phone camera across a table.
      expect(qr?.width).toBeGreaterThan(100);
      const address = `${server.url}/c/${demoConversationId}`;
      expect(await page.locator('.kuulo-qr').getAttribute('aria-label')).toContain(address);
      expect(await readQr(page, page.locator('.kuulo-print-header svg.kuulo-qr'))).toBe(address);

      const pages = await printPdf(page, `report-print-summary-${lang}`);
      counts[`summary ${lang}`] = pages.length;
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.length).toBeLessThanOrEqual(summaryPageLimit);
      pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(pageNumber[lang](i + 1, pages.length)));
      // The data's time and the address on every page (footer), the address in full on the first.
      const footerAddress = address.replace(/^https?:\/\//, '');
      for (const text of pages) expect(text).toContain(footerAddress);
      expect(pages[0]).toContain(address);
      const tick = await api.mathTick(demoConversationId);
      expect(pages[0]).toMatch(new RegExp(`\\(\\D+ ${tick}\\)`));
      // Charts print with statement numbers, as the lists do.
      expect(pages.join(' ')).toMatch(/#\d+ \S/);
      expectNoErrors(probe);
      await probe.context.close();
    });
  }

  for (const lang of ['fi', 'sv'] as const) {
    it(`prints the three-language demo (Hämeentie) in ${lang}: its own statements, numbered pages, no text under 9 pt`, async () => {
      const probe = await openPrinted(lang, '', hameentieConversationId);
      const { page } = probe;
      expect(await page.evaluate(smallTextSource)).toEqual([]);
      const pages = await printPdf(page, `report-print-hameentie-${lang}`);
      counts[`hameentie summary ${lang}`] = pages.length;
      expect(pages.length).toBeLessThanOrEqual(summaryPageLimit);
      pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(pageNumber[lang](i + 1, pages.length)));
      expect(pages[0]).toContain(`${server.url}/c/${hameentieConversationId}`);
      expect(await readQr(page, page.locator('.kuulo-print-header svg.kuulo-qr'))).toBe(`${server.url}/c/${hameentieConversationId}`);
      expectNoErrors(probe);
      await probe.context.close();
    });
  }

  it('keeps each section heading on the page of what follows it', async () => {
    const probe = await openPrinted('en');
    const { page } = probe;
    // The first words after each heading and its intro (a paragraph, or the first chart's first line).
    const firstWords = await page.evaluate(`(() => [...document.querySelectorAll('section')].filter((s) => s.checkVisibility()).map((s) => {
      const heading = s.querySelector('h2').textContent.trim();
      const next = [...s.querySelectorAll('p:not(.kuulo-hint), dt, svg.kuulo-chart text, svg.kuulo-chart tspan')].find((e) => e.checkVisibility() && e.textContent.trim().length > 8);
      return { heading, next: next.textContent.trim().replace(/\\s+/g, ' ').slice(0, 14) };
    }))()`);
    const pages = await printPdf(page, 'report-print-sections-en');
    for (const { heading, next } of firstWords as { heading: string; next: string }[]) {
      const where = pages.findIndex((text) => text.includes(heading));
      expect(where, heading).toBeGreaterThanOrEqual(0);
      expect(pages[where], `"${heading}" is followed on its page by "${next}"`).toContain(next);
    }
    expectNoErrors(probe);
    await probe.context.close();
  });

  for (const lang of ['en', 'fi', 'sv'] as const) {
    it(`prints every statement as an appendix in full mode (${lang}), still with no text under 9 pt`, async () => {
      const probe = await openPrinted(lang, '&print=full');
      const { page } = probe;
      const { items, total } = await api.call('GET', `/conversations/${demoConversationId}/statements?limit=500`, undefined, null);
      expect(await page.locator('#statements').isVisible()).toBe(true);
      expect(await page.locator('.kuulo-print-appendix-note').isVisible()).toBe(false);
      expect(await page.locator('#statements li.kuulo-statement-item').count()).toBe(total);
      expect(await page.evaluate(smallTextSource)).toEqual([]);
      const pages = await printPdf(page, `report-print-full-${lang}`);
      counts[`full ${lang}`] = pages.length;
      pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(pageNumber[lang](i + 1, pages.length)));
      const text = pages.join(' ');
      const missing = (items as { id: number }[]).filter((s) => !new RegExp(`#${s.id}(?!\\d)`).test(text)).map((s) => s.id);
      expect(missing).toEqual([]);
      expect(pages.length).toBeGreaterThan(counts[`summary ${lang}`] ?? 0);
      expectNoErrors(probe);
      await probe.context.close();
    });
  }

  it('prints the screen charts when printed without a print event (a PDF service), so no chart goes missing', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${demoConversationId}/report`);
    await page.locator('#majority svg.kuulo-chart').waitFor();
    expect(await page.locator('.kuulo-print-charts svg').count()).toBe(0);
    const firstLine = ((await page.locator('#majority svg.kuulo-chart .kuulo-statement-block text tspan').first().textContent()) ?? '').trim();
    expect(firstLine).toMatch(/^#\d+ /);
    const pages = await printPdf(page, 'report-print-no-event-en');
    expect(pages.join(' ')).toContain(firstLine.replace(/\s+/g, ' '));
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('switches between summary and full on the page, and the address keeps the choice', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${demoConversationId}/report`);
    const toggle = page.getByLabel('Include all statements when printing');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    expect(await page.locator('main').getAttribute('data-print')).toBe('full');
    expect(new URL(page.url()).searchParams.get('print')).toBe('full');
    await page.reload();
    await page.getByLabel('Include all statements when printing').waitFor();
    expect(await page.getByLabel('Include all statements when printing').isChecked()).toBe(true);
    await page.getByLabel('Include all statements when printing').uncheck();
    expect(new URL(page.url()).searchParams.get('print')).toBeNull();
    expect(await page.locator('main').getAttribute('data-print')).toBe('summary');
    // The toggle is for the screen only.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kuulo-print-toggle').isVisible()).toBe(false);
    expectNoErrors(probe);
    await probe.context.close();
  });

  afterAll(() => {
    console.log(`report print pages: ${JSON.stringify(counts)}`);
  });
});
