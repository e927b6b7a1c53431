import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, dropExpectedError, expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { adminKey, startServer, type TestServer } from '../support/startServer.js';

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

/** Opens the console and signs in with the admin key. */
async function signIn(probe: Probe): Promise<Page> {
  const { page } = probe;
  await page.goto(`${server.url}/admin`);
  await page.getByLabel('Admin key').fill(adminKey);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.getByRole('heading', { name: 'Conversations', level: 2 }).waitFor();
  return page;
}

/** Opens one conversation in the console. */
async function openConversation(probe: Probe, id: string): Promise<Page> {
  const page = await signIn(probe);
  await page.goto(`${server.url}/admin#c/${id}`);
  await page.getByRole('heading', { name: 'State and pages' }).waitFor();
  return page;
}

describe('admin console /admin', () => {
  it('a moderator goes from the start page to a new, featured conversation with its moderator key, without an API call', async () => {
    const probe = await openProbe(browser, desktop, { context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    const { page } = probe;
    // The start page links to the console.
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Admin console' }).click();
    await page.waitForURL(`${server.url}/admin`);

    // A wrong key is refused with a reason, next to the field.
    await page.getByLabel('Admin key').fill('kadm_not-the-admin-key-0000000000');
    await page.getByRole('button', { name: 'Open the console' }).click();
    await expect.poll(() => page.locator('.kuulo-key-form [role="alert"]').textContent(), slow).toBe('That is not the admin key of this server. Check it and try again.');
    await dropExpectedError(probe, /status of 401 .*\/conversations\?limit=1/); // the refused call's 401 is logged by the browser
    await page.getByLabel('Admin key').fill(adminKey);
    await page.getByRole('button', { name: 'Open the console' }).click();
    await expect.poll(() => page.locator('.kuulo-admin-view [role="status"]').first().textContent(), slow).toContain('There are no conversations yet.');

    // The list's own "New conversation" link, drawn as the main button: white text on the accent colour.
    const newLink = page.locator('.kuulo-admin-view a.kuulo-primary');
    expect(await newLink.evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])).toEqual(['rgb(255, 255, 255)', expect.not.stringMatching(/^rgb\(255, 255, 255\)$/)]);
    await screenshot(page, 'admin-empty-list');

    // Create: only the topic, description, main language and id are asked for.
    await newLink.click();
    await page.getByRole('heading', { name: 'New conversation' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New conversation');
    await page.getByLabel('Id in the address (optional)').fill('Bad Id!');
    await page.getByLabel('Topic').fill('Pyöräkaistat Mannerheimintielle?');
    await page.getByRole('button', { name: 'Create conversation' }).click();
    await expect.poll(() => page.locator('.kuulo-admin-create [role="status"]').textContent(), slow).toBe(
      'The id “bad id!” is not allowed: use only lower-case letters a–z, digits and dashes, start with a letter or digit, at most 63 characters.',
    );
    expect(await page.getByLabel('Id in the address (optional)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Id in the address (optional)').fill('bike-lanes');
    await page.getByLabel('Description (optional)').fill('Kaupunki suunnittelee pyöräkaistoja. Mitä mieltä olet?');
    await page.getByLabel('Main language').selectOption('fi');
    await page.getByRole('button', { name: 'Create conversation' }).click();

    // The conversation's page: the moderator key once, with a copy button.
    await page.waitForURL(`${server.url}/admin#c/bike-lanes`);
    await expect.poll(() => page.locator('h2.kuulo-admin-title').textContent(), slow).toBe('Pyöräkaistat Mannerheimintielle?');
    expect(await page.locator('h2.kuulo-admin-title').getAttribute('lang')).toBe('fi');
    const keyField = page.locator('.kuulo-admin-secrets').getByRole('textbox', { name: 'Moderator key' });
    const moderatorKey = await keyField.inputValue();
    expect(moderatorKey).toMatch(/^kmod_[A-Za-z0-9_-]{32}$/);
    await page.locator('.kuulo-admin-secrets').getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), slow).toBe('Moderator key copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(moderatorKey);
    // The key works on the moderation API, and the conversation is as asked.
    expect((await api.call('GET', '/conversations/bike-lanes/moderation/queue?limit=1', undefined, moderatorKey)).items).toEqual([]);
    expect(await api.call('GET', '/conversations/bike-lanes', undefined, null)).toMatchObject({ languages: ['fi'], description: 'Kaupunki suunnittelee pyöräkaistoja. Mitä mieltä olet?', open: true });
    await screenshot(page, 'admin-created');

    // Feature it: the start page lists it instead of the demos.
    await page.getByRole('button', { name: 'Show on the start page' }).click();
    await expect.poll(() => page.locator('.kuulo-admin-conversation [role="status"]').first().textContent(), slow).toBe('The conversation is now on the start page.');
    expect(await page.locator('.kuulo-admin-badges').textContent()).toContain('on the start page');
    // The key is shown once: leaving and coming back does not show it again.
    await page.getByRole('link', { name: '← All conversations' }).click();
    const item = page.locator('.kuulo-admin-item[data-conversation="bike-lanes"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('bike-lanes · 0 participants, 0 statements, 0 votes');
    await item.getByRole('link', { name: 'Manage' }).click();
    await page.getByRole('heading', { name: 'State and pages' }).waitFor();
    expect(await page.locator('.kuulo-admin-secrets').count()).toBe(0);

    // Share: the participant link and the embed code, copied from the console.
    const link = await page.getByLabel('Link for participants').inputValue();
    expect(link).toBe(`${server.url}/c/bike-lanes`);
    await page.getByRole('button', { name: 'Copy the code' }).click();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toContain('<kuulo-conversation conversation="bike-lanes"');

    // The embed code works pasted into another site (its own origin).
    const host = createServer((req, res) => {
      if (req.url === '/favicon.ico') return res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Kaupunki</title></head><body><h1>Kaupunki</h1>${code}</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const resident = await openProbe(browser, phone);
    try {
      const address = host.address() as AddressInfo;
      await resident.page.goto(`http://127.0.0.1:${address.port}/`);
      await expect.poll(() => resident.page.locator('kuulo-conversation h2').first().textContent(), slow).toContain('Pyöräkaistat Mannerheimintielle?');
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }

    // The participant page, from the console's link.
    await page.getByRole('navigation', { name: 'Conversation pages' }).getByRole('link', { name: 'Participant page' }).click();
    await page.waitForURL(`${server.url}/c/bike-lanes`);
    await expect.poll(() => page.locator('main h1').textContent(), slow).toContain('Pyöräkaistat');
    const home = await openProbe(browser, phone);
    await home.page.goto(server.url);
    await expect.poll(() => home.page.locator('.kuulo-featured li').allTextContents(), slow).toEqual([expect.stringContaining('Pyöräkaistat Mannerheimintielle?')]);
    expectNoErrors(probe, home, resident);
    await Promise.all([probe, home, resident].map((p) => p.context.close()));
  });

  it('changes every kind of setting: texts and languages, math, signed xids and an allow-list from a file', async () => {
    const id = 'library-hours';
    await api.call('POST', '/conversations', { id, topic: 'Library opening hours', languages: ['en'] });
    const probe = await openProbe(browser, desktop);
    const page = await openConversation(probe, id);

    // The moderator page's settings form, reused: add Swedish with its topic.
    await page.getByLabel('Add a language').selectOption('sv');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Topic in Swedish').fill('Bibliotekets öppettider');
    await page.getByLabel('Smallest group shown (privacy floor)').fill('7');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.kuulo-settings-card [role="status"]').textContent(), slow).toBe('Settings saved.');

    // Math: stable groups with bridging on.
    await page.getByRole('radio', { name: 'Stable' }).check();
    await page.getByLabel('Bridging statements').selectOption('on');
    await page.getByRole('button', { name: 'Save math settings' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save math settings' }).locator('xpath=following-sibling::p').textContent(), slow).toBe('Math settings saved. The groups are being recomputed.');

    // Signed xids: the secret is shown once; replacing it is offered only once signing is on.
    const rotate = page.getByLabel('Replace the signing secret (the current one stops working)');
    expect(await rotate.isVisible()).toBe(false);
    await page.getByLabel('Require ids signed by the service').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const secret = page.getByRole('textbox', { name: 'Signing secret', exact: true });
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^kxs_/);
    expect(await secret.evaluate((e) => e === document.activeElement)).toBe(true);
    const first = await secret.inputValue();
    await rotate.check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => secret.inputValue(), slow).not.toBe(first);
    expect(await secret.inputValue()).toMatch(/^kxs_/);

    // The allow-list from a CSV file: a bad line is named with its number, then a good file is saved.
    const file = page.getByLabel('Replace the list from a file');
    await file.setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from(`xid,name\nres-1,A\n${'x'.repeat(300)},B\n`) });
    await expect.poll(() => page.locator('.kuulo-card', { hasText: 'Allow-list' }).locator('[role="status"]').first().textContent(), slow).toMatch(/^residents\.csv, line 3: “x{80}” is longer than 256 characters\./);
    await file.setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from('xid,name\nres-1,A\n"res-2",B\nres-1,C\n\nres-3,D\n') });
    await expect.poll(() => page.locator('.kuulo-card', { hasText: 'Allow-list' }).locator('[role="status"]').first().textContent(), slow).toBe('3 ids read from residents.csv. Save to replace the list.');
    await page.getByLabel('Only ids on the list may take part').check();
    await page.getByRole('button', { name: 'Save the allow-list' }).click();
    await expect.poll(() => page.locator('.kuulo-card', { hasText: 'Allow-list' }).locator('[role="status"]').first().textContent(), slow).toBe('Allow-list saved: 3 ids.');

    const stored = await api.call('GET', `/conversations/${id}`, undefined, null);
    expect(stored).toMatchObject({ languages: ['en', 'sv'], translations: { sv: { topic: 'Bibliotekets öppettider' } }, privacyFloor: 7, mode: 'stable', bridging: 'on', signedXids: true, xidAllowlist: true });
    expect(await api.call('GET', `/conversations/${id}/xid-allowlist`)).toEqual({ enabled: true, size: 3 });

    // Close it from the state card: the settings form shows it closed too.
    await page.getByRole('button', { name: 'Close the conversation' }).click();
    await expect.poll(() => page.locator('.kuulo-admin-badges').textContent(), slow).toContain('closed');
    expect(await page.getByLabel(/^Open: participants/).isChecked()).toBe(false);
    expect((await api.call('GET', `/conversations/${id}`, undefined, null)).open).toBe(false);
    await screenshot(page, 'admin-settings');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('downloads the exports and runs the uncertainty check with progress', async () => {
    const id = 'park-benches';
    const key = await api.createConversation(id, 'Where should the new benches go?');
    const statements = await api.seed(id, key, ['By the pond.', 'Near the playground.', 'Along the river path.', 'At the bus stop.']);
    for (let p = 0; p < 12; p++) {
      for (const [j, statementId] of statements.entries()) await api.vote(id, `resident-${p}`, statementId, (p < 6) === (j < 2) ? 'agree' : 'disagree');
    }
    await api.waitForMath(id);
    const probe = await openProbe(browser, desktop);
    const page = await openConversation(probe, id);

    const download = async (file: string): Promise<string> => {
      const [started] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${file}` }).click()]);
      expect(started.suggestedFilename()).toBe(`${id}-${file}`);
      const path = await started.path();
      const { readFileSync } = await import('node:fs');
      return readFileSync(path, 'utf8');
    };
    const votes = (await download('votes.csv')).trim().split('\n');
    expect(votes[0]).toBe('timestamp,datetime,comment-id,voter-id,vote');
    expect(votes).toHaveLength(1 + 12 * 4);
    const comments = await download('comments.csv');
    expect(comments).toContain('By the pond.');
    const math = JSON.parse(await download('math.json')) as { participants: unknown[] };
    expect(math.participants).toHaveLength(12);
    expect(await page.locator('.kuulo-card', { hasText: 'Download data' }).locator('[role="status"]').textContent()).toBe(`${id}-math.json downloaded.`);

    // The uncertainty check: progress shows while it runs, the end is announced.
    // Every value the progress bar shows, recorded in the page as it changes.
    await page.evaluate(`{
      const seen = (window.kuuloProgress = []);
      const bar = document.querySelector('.kuulo-admin-progress');
      new MutationObserver(() => seen.push([bar.value, bar.max, bar.getAttribute('aria-valuetext')])).observe(bar, { attributes: true, attributeFilter: ['value', 'aria-valuetext'] });
    }`);
    await page.getByLabel('Resamples (10–200)').fill('40');
    await page.getByRole('button', { name: 'Check the groups' }).click();
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), slow).toMatch(/^(The check is running…|Checked with 40 resamples)/);
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), { timeout: 60_000, interval: 100 }).toMatch(/^Checked with 40 resamples in \d+ seconds? \(results update \d+\)\. The report shows how stable the groups are\.$/);
    expect(await page.getByRole('link', { name: 'See the result in the report' }).isVisible()).toBe(true);
    const seen = (await page.evaluate('window.kuuloProgress')) as [number, number, string | null][];
    expect(seen.some(([value, max, text]) => max === 40 && value > 0 && text === `${value} of 40 resamples done`), JSON.stringify(seen)).toBe(true);
    // Finished: the bar is hidden again.
    expect(await page.locator('.kuulo-admin-progress').isHidden()).toBe(true);
    expect(await api.call('GET', `/conversations/${id}/uncertainty`, undefined, null)).toMatchObject({ state: 'done', done: 40, total: 40 });
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('issues a new moderator key after a confirmation: the old key stops working', async () => {
    const id = 'lost-key';
    const oldKey = await api.createConversation(id, 'Snow clearing order');
    const probe = await openProbe(browser, phone);
    const page = await openConversation(probe, id);
    await page.getByRole('button', { name: 'Make a new moderator key' }).click();
    // Nothing happens before the confirmation; Cancel brings focus back.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), slow).toBe('Yes, make a new key');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), slow).toBe('Make a new moderator key');
    expect((await api.call('GET', `/conversations/${id}/moderation/queue?limit=1`, undefined, oldKey)).items).toEqual([]);
    await page.getByRole('button', { name: 'Make a new moderator key' }).click();
    await page.keyboard.press('Enter');
    const field = page.getByRole('textbox', { name: 'Moderator key' });
    await field.waitFor();
    const newKey = await field.inputValue();
    expect(await field.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(newKey).toMatch(/^kmod_/);
    await expect(api.call('GET', `/conversations/${id}/moderation/queue?limit=1`, undefined, oldKey)).rejects.toThrow(/AUTH_INVALID/);
    expect((await api.call('GET', `/conversations/${id}/moderation/queue?limit=1`, undefined, newKey)).items).toEqual([]);
    await screenshot(page, 'admin-phone-new-key');

    // A personal key for one moderator: the log names her; revoking it stops it at once.
    await page.getByLabel('Moderator’s name').fill('Anna (library)');
    await page.getByRole('button', { name: 'Make a key' }).click();
    const annaField = page.getByRole('textbox', { name: 'Key of Anna (library)' });
    await annaField.waitFor();
    const annaKey = await annaField.inputValue();
    expect(await annaField.evaluate((e) => e === document.activeElement)).toBe(true);
    await expect.poll(() => page.locator('.kuulo-admin-key').allTextContents(), slow).toEqual([expect.stringMatching(/^Anna \(library\) · made .+ Revoke$/)]);
    const [statement] = await api.seed(id, annaKey, ['Clear the cycle paths first.']);
    await api.call('POST', `/conversations/${id}/moderation/bulk`, { statementIds: [statement], moderation: 'rejected' }, annaKey);
    const log = (await api.call('GET', `/conversations/${id}/moderation/log?limit=50`)).items as { actor: string; action: string }[];
    expect(log.filter((e) => e.actor === 'Anna (library)').length).toBeGreaterThan(0);
    expect(log.filter((e) => e.actor === 'admin').map((e) => e.action)).toEqual(['moderator-key.reissue', 'moderator-key.add']);
    await page.getByRole('button', { name: 'Revoke the key of Anna (library)' }).click();
    await expect.poll(() => page.locator('.kuulo-card', { hasText: 'Personal moderator keys' }).locator('[role="status"]').textContent(), slow).toBe('The key of Anna (library) no longer works.');
    await expect.poll(() => page.locator('.kuulo-admin-key').count(), slow).toBe(0);
    await expect(api.call('GET', `/conversations/${id}/moderation/queue?limit=1`, undefined, annaKey)).rejects.toThrow(/AUTH_INVALID/);

    // The console's link to the moderator page opens it signed in (the admin key moderates every conversation).
    await page.getByRole('navigation', { name: 'Conversation pages' }).getByRole('link', { name: 'Moderate' }).click();
    await page.getByRole('heading', { name: /^Statements/ }).waitFor();
    expectNoErrors(probe);
    await probe.context.close();
  });
});
