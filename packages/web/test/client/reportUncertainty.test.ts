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
  await ensureDemoConversation(server.api);
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

  it("the participant page's map dashes exactly the groups the bootstrap found unstable, says so in its caption, and never fetches the whole result", async () => {
    const { result } = (await api.call('GET', `${conversationUrl}/math`, undefined, null)) as { result: KuuloResult };
    const u = result.uncertainty!;
    expect(u).toBeDefined();
    // uncertainty.groups follows result.groups' order and names each group's id.
    expect(u.groups.map((g) => g.id)).toEqual(result.groups.map((g) => g.id));
    const unstable = result.groups.filter((g) => u.groups.find((s) => s.id === g.id)!.stability < 0.75);
    const stabilityOf = (id: number) => u.groups.find((s) => s.id === id)!.stability;
    const probe = await openProbe(browser, desktop);
    const { page } = probe;
    const math: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\/math(\/|$)/.test(path)) math.push(path);
    });
    await page.goto(`${server.url}/c/${demoConversationId}`);
    await page.locator('.kuulo-map svg.kuulo-opinion-map').waitFor();
    const caption = page.locator('.kuulo-map-caption');
    // The caption speaks of the bootstrap once the reply carries it.
    await expect.poll(() => caption.textContent(), slow).toContain(`${u.resamples} times`);
    const dashed = async () =>
      (await page.locator('.kuulo-map g.kuulo-group').evaluateAll((groups) => groups.filter((g) => g.querySelector('path')!.hasAttribute('stroke-dasharray')).map((g) => Number(g.getAttribute('data-key'))))).sort(
        (a, b) => a - b,
      );
    await expect.poll(dashed, slow).toEqual(unstable.map((g) => g.id).sort((a, b) => a - b));
    expect(await page.locator('.kuulo-map g.kuulo-group').count()).toBe(result.groups.length);
    // Each unstable group's label gives its stability, as on the report's map.
    const labels = await page.locator('.kuulo-map g.kuulo-labels text').allTextContents();
    for (const g of result.groups) {
      const label = labels.find((l) => l.startsWith(`${g.label} (`))!;
      expect(label).toBe(unstable.includes(g) ? `${g.label} (${g.size}) · unstable ${stabilityOf(g.id).toFixed(2)}` : `${g.label} (${g.size})`);
    }
    const text = (await caption.textContent())!;
    if (unstable.length > 0) {
      for (const g of unstable) expect(text).toContain(`group ${g.label}`);
      expect(text).toContain(`(stability ${unstable.map((g) => stabilityOf(g.id).toFixed(2)).join(', ')})`);
      expect(text).toContain('A dashed outline means who belongs to that group is uncertain.');
    } else expect(text).toContain(`All ${result.groups.length} groups held together when the votes were resampled ${u.resamples} times.`);
    // The slim per-tick view only: no participant dots, and GET …/math was never asked.
    expect(await page.locator('.kuulo-map circle').count()).toBe(0);
    expect(math.length).toBeGreaterThanOrEqual(1);
    expect(math.filter((path) => !path.endsWith('/math/participant'))).toEqual([]);
    await screenshotOf(page.locator('.kuulo-map-card'), 'participant-demo-uncertainty-map');
    expectNoErrors(probe);
    await probe.context.close();
  });
});
