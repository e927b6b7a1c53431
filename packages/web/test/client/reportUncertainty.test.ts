import { ensureDemoConversation, demoConversationId } from '../../../server/src/index.js';
import type { KuuloResult } from '@kuulo/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, screenshotOf, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  ensureDemoConversation(server.api);
  await api.waitForMath(demoConversationId);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const conversationUrl = `/conversations/${demoConversationId}`;

describe('report and participant map with a bootstrap (server job on the demo conversation)', () => {
  it('the open report picks up the uncertainty when the job ends: faded dots, dashed unstable groups, stabilities, numbers', async () => {
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${demoConversationId}/report`);
    await page.locator('#groups svg.kuulo-opinion-map').waitFor();
    const faded = page.locator('#groups .kuulo-map .kuulo-participants circle[opacity]');
    expect(await faded.count()).toBe(0);
    expect(await page.locator('.kuulo-number[data-number="stable-groups"]').count()).toBe(0);

    // The moderator starts a bootstrap; the page is told by the event stream and fetches the same tick again.
    await api.call('POST', `${conversationUrl}/uncertainty`, { resamples: 10 });
    await expect.poll(async () => (await api.call('GET', `${conversationUrl}/uncertainty`, undefined, null)).state, { timeout: 60_000, interval: 200 }).toBe('done');
    const { result } = (await api.call('GET', `${conversationUrl}/math`, undefined, null)) as { result: KuuloResult };
    const u = result.uncertainty!;
    expect(u.resamples).toBe(10);
    const measured = u.membershipConfidence.filter((c) => c !== null).length;
    await expect.poll(() => faded.count(), slow).toBe(measured);

    // Each faded dot's opacity follows its participant's confidence (0.2 + 0.8 c).
    const shown = await faded.evaluateAll((circles) => circles.map((c) => [c.getAttribute('data-key'), Number(c.getAttribute('opacity'))] as const));
    for (const [key, opacity] of shown) {
      const i = result.participants.findIndex((p) => String(p) === key);
      expect(opacity).toBeCloseTo(0.2 + 0.8 * u.membershipConfidence[i]!, 3);
    }
    const unstable = result.groups.filter((g, i) => u.groups[i]!.stability < 0.75);
    expect(await page.locator('#groups .kuulo-hulls path[stroke-dasharray]').count()).toBe(unstable.length);
    const headings = (await page.locator('#groups svg.kuulo-group-panel text[role="heading"]').allTextContents()).join('\n');
    for (const [i, g] of result.groups.entries()) expect(headings).toContain(`Group ${g.label} · ${g.size} participants · ${u.groups[i]!.stability < 0.75 ? 'unstable, ' : ''}stability ${u.groups[i]!.stability.toFixed(2)}`);
    expect(await page.locator('.kuulo-number[data-number="stable-groups"] dd').textContent()).toBe(`${result.groups.length - unstable.length} of ${result.groups.length}`);
    expect(await page.locator('#groups .kuulo-map-caption').textContent()).toContain('fainter dots are people whose group is less certain');
    // Bridging appears beside group-aware consensus exactly when the math has bridging scores.
    expect(await page.locator('#majority .kuulo-bridging').isHidden()).toBe(!Array.isArray(result.bridging));
    await screenshotOf(page.locator('#groups'), 'report-demo-uncertainty-groups');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('the participant page map fades by the same confidence', async () => {
    const { result } = (await api.call('GET', `${conversationUrl}/math`, undefined, null)) as { result: KuuloResult };
    expect(result.uncertainty).toBeDefined();
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    await page.goto(`${server.url}/c/${demoConversationId}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    const measured = result.uncertainty!.membershipConfidence.filter((c) => c !== null).length;
    await expect.poll(() => page.locator('.kuulo-map .kuulo-participants circle[opacity]').count(), slow).toBe(measured);
    expect(await page.locator('.kuulo-map-caption').textContent()).toContain('stayed in theirs at least 9 times in 10');
    expectNoErrors(probe);
    await probe.context.close();
  });
});
