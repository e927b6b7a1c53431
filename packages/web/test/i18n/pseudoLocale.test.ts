import { createServer, type Server } from 'node:http';
import { ensureDemoConversation } from '../../../server/src/index.js';
import { languageNames, pseudoLanguage } from '@kuulo/viz';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropExpectedError, launchBrowser, openProbe, phone, slow, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { adminKey, startServer, type TestServer } from '../support/startServer.js';
import { intlEnglishWords, layoutProblems, saveShot, shownTexts, untranslated } from './pageChecks.js';

/*
 * Every page in the pseudo-locale (English made long and accented) on a 390 px phone, with a
 * conversation written in Greek and Russian: any run of three plain ASCII letters left on the
 * page is interface text that skipped the catalog, and anything wider than the screen or cut off
 * is a layout that will not hold Finnish or Swedish either.
 */

const id = 'agora';
const conversation = {
  topic: 'Πώς να ανακαινιστεί η κεντρική πλατεία της πόλης;',
  description: 'Городской совет решает в этом году. Ψηφίστε και γράψτε τη γνώμη σας.',
  // The first three lean one way, the last three the other, so two groups form.
  statements: [
    'Η πλατεία πρέπει να γίνει πεζόδρομος χωρίς αυτοκίνητα.',
    'Χρειαζόμαστε περισσότερα δέντρα και παγκάκια στην πλατεία.',
    'Площадь должна быть открыта для уличных музыкантов.',
    'Τα αυτοκίνητα πρέπει να μπορούν να σταθμεύουν στην πλατεία.',
    'Нужно больше парковочных мест в центре города.',
    'Η ανακαίνιση κοστίζει πολύ· καλύτερα να μείνει όπως είναι.',
  ],
  /** Written by a participant: in the moderation queue, and shown to voters until a moderator acts (permissive moderation). */
  written: 'Ας κρατήσουμε τη βρύση στη μέση της πλατείας.',
};
const votable = [...conversation.statements, conversation.written];

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;
let moderatorKey: string;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  // The start page lists the demo conversations (by id).
  await ensureDemoConversation(server.api);
  moderatorKey = await api.createConversation(id, conversation.topic, { description: conversation.description });
  const ids = await api.seed(id, moderatorKey, conversation.statements);
  for (let p = 0; p < 16; p++) {
    for (const [j, statementId] of ids.entries()) {
      const twist = (p * 37 + j * 11) % 10;
      const camp = p < 8 === j < 3 ? 'agree' : 'disagree';
      await api.vote(id, `voter-${p}`, statementId, twist < 2 ? 'pass' : twist === 2 ? (camp === 'agree' ? 'disagree' : 'agree') : camp);
    }
  }
  // One statement a participant wrote, waiting in the moderation queue.
  await api.call('POST', `/conversations/${id}/statements`, { text: conversation.written, xid: 'writer-1' }, null);
  await api.waitForMath(id);
  // A host site for the embed, on its own origin, itself in Greek so only Kuulo's text is left to check.
  host = createServer((req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="el"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Δήμος</title>
<script type="module" src="${server.url}/embed.js"></script></head><body><h1>Δήμος</h1><kuulo-conversation conversation="${id}" xid="citizen-1" lang="${pseudoLanguage}"></kuulo-conversation></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address();
  if (address === null || typeof address === 'string') throw new Error('no host address');
  hostUrl = `http://127.0.0.1:${address.port}/`;
});

afterAll(async () => {
  await browser?.close();
  if (host) await new Promise((resolve) => host.close(resolve));
  await server?.close();
});

/** Conversations the page links to (the start page's list): their ids and topics (user content) are allowed like this conversation's. */
async function linkedConversations(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-conversation]').evaluateAll((items) => items.map((e) => e.getAttribute('data-conversation') ?? ''));
  const tokens: string[] = [];
  for (const linked of ids) {
    const c = await api.call('GET', `/conversations/${linked}`, undefined, null);
    tokens.push(linked, c.topic as string, ...Object.values((c.translations ?? {}) as Record<string, { topic?: string }>).flatMap((t) => (t.topic ? [t.topic] : [])));
  }
  return tokens;
}

/**
 * The two checks on what `probe` shows now, reported per page: untranslated strings with their
 * element path, then what overflows or is cut off. Saves a full-page screenshot.
 */
async function checkPage(probe: Probe, name: string, options: { root?: string } = {}): Promise<void> {
  const { page } = probe;
  // Fonts and late layout settle before measuring.
  await page.evaluate('document.fonts.ready');
  const texts = await shownTexts(page, options.root);
  const tokens = [
    'Kuulo',
    id,
    ...(await linkedConversations(page)),
    // A moderator key starts with these letters; the hint quotes them as typed (the admin key's too).
    'kmod_',
    'kadm_',
    // The admin console's export buttons name their files: data, the same in every language.
    'comments.csv',
    'votes.csv',
    'participants-votes.csv',
    'summary.csv',
    'math.json',
    'math-pca2.json',
    // The activity panel names the reader's time zone by its IANA id (data, like a file name).
    await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    // The pseudo-locale formats as English (Intl): month, weekday and language names stay English.
    ...intlEnglishWords,
  ];
  const offenders = untranslated(texts, { tokens, languageNames });
  const layout = await layoutProblems(page, phone.width, options.root);
  await saveShot(page, name);
  expect(texts.length, `${name}: the page showed no text at all`).toBeGreaterThan(5);
  expect.soft(offenders, `${name}: ${offenders.length} untranslated interface string(s) (plain ASCII words on the ${pseudoLanguage} page)`).toEqual([]);
  expect.soft(layout, `${name}: ${layout.length} element(s) overflowing the ${phone.width} px screen or cut off`).toEqual([]);
  if (!options.root) expect.soft(await page.evaluate(() => document.documentElement.lang), `${name}: <html lang>`).toBe(pseudoLanguage);
  expect.soft(probe.errors, `${name}: console errors`).toEqual([]);
}

describe(`pseudo-locale ${pseudoLanguage} at ${phone.width} px: no hard-coded text, nothing overflowing or cut off`, () => {
  it('start page', async () => {
    const probe = await openProbe(browser, phone);
    await probe.page.goto(`${server.url}/?lang=${pseudoLanguage}`);
    await probe.page.locator('main h1').waitFor();
    await checkPage(probe, 'home');
    await probe.context.close();
  });

  it('participant page, before and after voting through', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}?lang=${pseudoLanguage}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    await expect.poll(() => page.locator('.kuulo-statement').textContent(), slow).toBeOneOf(votable);
    await checkPage(probe, 'participant-before');
    // Vote through (agree with everything), so the "you" texts, the group lists and the end card show.
    for (let votes = 1; votes <= votable.length; votes++) {
      const before = await page.locator('.kuulo-statement').textContent();
      await page.locator('.kuulo-vote-buttons button').first().click();
      await expect.poll(() => page.locator('.kuulo-statement').textContent(), slow).not.toBe(before);
    }
    await page.locator('.kuulo-map .kuulo-you g').waitFor({ timeout: 20_000 });
    await checkPage(probe, 'participant-after');
    await probe.context.close();
  });

  it('moderator page: the key form, a wrong key, then signed in', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate?lang=${pseudoLanguage}`);
    await page.locator('form.kuulo-key-form').waitFor();
    await checkPage(probe, 'moderate-key-form');
    await page.locator('form.kuulo-key-form input').fill('kmod_not-the-right-key');
    await page.locator('form.kuulo-key-form button[type="submit"]').click();
    await expect.poll(() => page.locator('form.kuulo-key-form [role="alert"]').textContent(), slow).not.toBe('');
    // The browser logs the refused key's response as an error: that one is expected.
    await dropExpectedError(probe, /status of 401 .*\/moderation\/queue\?limit=1/);
    await checkPage(probe, 'moderate-wrong-key');
    await page.locator('form.kuulo-key-form input').fill(moderatorKey);
    await page.locator('form.kuulo-key-form button[type="submit"]').click();
    await page.locator('.kuulo-item').first().waitFor();
    // Every statement, so the language and translation editors of the seeds show too.
    await page.locator('.kuulo-queue-filter select').selectOption('all');
    await expect.poll(() => page.locator('.kuulo-item').count(), slow).toBe(votable.length);
    // The queue's keyboard shortcuts, documented in a disclosure: open, so their text is checked too.
    await page.locator('.kuulo-shortcuts summary').click();
    await checkPage(probe, 'moderate');
    await probe.context.close();
  });

  it('admin console: the key form, the list, a conversation and a new one with its key', async () => {
    const probe = await openProbe(browser, phone, { locale: 'en' });
    const { page } = probe;
    await page.goto(`${server.url}/admin?lang=${pseudoLanguage}`);
    await page.locator('form.kuulo-key-form').waitFor();
    await checkPage(probe, 'admin-key-form');
    await page.locator('form.kuulo-key-form input').fill(adminKey);
    await page.locator('form.kuulo-key-form button[type="submit"]').click();
    await page.locator(`.kuulo-admin-item[data-conversation="${id}"]`).waitFor();
    await checkPage(probe, 'admin-list');
    await page.goto(`${server.url}/admin?lang=${pseudoLanguage}#c/${id}`);
    await page.locator('.kuulo-admin-conversation .kuulo-card').first().waitFor();
    // The share panel's preview is the embed in the reader's browser language (the embed test below checks it).
    const dropPreview = () => page.locator('.kuulo-share-preview kuulo-conversation').evaluate((e) => e.remove());
    await dropPreview();
    await checkPage(probe, 'admin-conversation');
    // A new conversation: the page with its moderator key shown once.
    await page.goto(`${server.url}/admin?lang=${pseudoLanguage}#new`);
    await page.locator('form.kuulo-admin-create input[name="topic"]').fill('Νέα βιβλιοθήκη στο κέντρο;');
    await page.locator('form.kuulo-admin-create button[type="submit"]').click();
    await page.locator('.kuulo-admin-secrets input').waitFor();
    await dropPreview();
    await checkPage(probe, 'admin-created');
    await probe.context.close();
  });

  it('report page', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/report?lang=${pseudoLanguage}`);
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    await page.locator('#majority svg.kuulo-chart').waitFor();
    await page.locator('#differences svg.kuulo-chart').waitFor();
    await checkPage(probe, 'report');
    await probe.context.close();
  });

  it(`embed: <kuulo-conversation lang="${pseudoLanguage}"> on another site`, async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(hostUrl);
    await page.locator('kuulo-conversation .kuulo-map svg.kuulo-opinion-map').waitFor();
    await expect.poll(() => page.locator('kuulo-conversation .kuulo-statement').textContent(), slow).toBeOneOf(votable);
    await checkPage(probe, 'embed', { root: 'kuulo-conversation' });
    await probe.context.close();
  });
});
