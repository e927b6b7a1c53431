import { readFileSync } from 'node:fs';
import { parsePolisCommentsJson, parsePolisVotesJson, replay, type KuuloResult } from '@kuulo/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayOptions } from '../../../../examples/browser/replayOptions.js';
import { startExampleServer, type ExampleServer } from '../../../../examples/browser/startExampleServer.js';
import { desktop, expectNoErrors, launchBrowser, openProbe, screenshot, slow } from '../support/browser.js';

// examples/browser in Chromium: the page fetches static files only, the worker computes, and the
// map shows the same groups as core's replay gives in Node with the same options.

const fixture = new URL('../../../core/test/fixtures/polis-math-fixtures/below-100-ptpts/', import.meta.url);
const staticFiles = ['/', '/main.js', '/worker.js', '/votes.json', '/comments.json'];

let server: ExampleServer;
let browser: Browser;
let expected: { votes: number; result: KuuloResult };

beforeAll(async () => {
  const votes = parsePolisVotesJson(readFileSync(new URL('votes.json', fixture), 'utf8'));
  const { moderation } = parsePolisCommentsJson(readFileSync(new URL('comments.json', fixture), 'utf8'));
  expected = { votes: votes.length, result: replay(votes, { ...replayOptions, moderation }) };
  server = await startExampleServer({ port: 0 });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('examples/browser: core and the map in a Web Worker, no server', () => {
  it("draws the worker's final groups, the same as Node computes, from static files alone", async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(server.url);
    await expect.poll(() => page.evaluate(() => document.body.dataset.state ?? ''), slow).toBe('done');

    // The math ran in a module worker fed by plain files: no API was asked for anything.
    expect(workers).toEqual([`${server.url}worker.js`]);
    const paths = requested.map((url) => new URL(url)).filter((url) => url.pathname !== '/favicon.ico');
    expect(paths.every((url) => url.origin === new URL(server.url).origin)).toBe(true);
    expect(new Set(paths.map((url) => url.pathname))).toEqual(new Set(staticFiles));

    const { result } = expected;
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    const map = page.locator('#map svg.kuulo-opinion-map');
    await expect.poll(() => map.locator('path.kuulo-hull').count(), slow).toBe(result.groups.length);
    const hullLabels = await map.locator('g.kuulo-group').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(hullLabels).toEqual(result.groups.map((g) => `Group ${g.label}: ${g.size} participant${g.size === 1 ? '' : 's'}`));
    const groupLines = await page.locator('#groups li').allTextContents();
    expect(groupLines.map((line) => /^Group ([A-Z]+) \((\d+) people\)/.exec(line)?.slice(1))).toEqual(result.groups.map((g) => [g.label, String(g.size)]));
    const status = await page.locator('#status').textContent();
    expect(status).toContain(`All ${expected.votes} votes, after a restart: ${result.participants.length} participants, ${result.groups.length} groups`);
    await screenshot(page, 'example-browser');
    expectNoErrors(probe);
    await probe.context.close();
  });
});
