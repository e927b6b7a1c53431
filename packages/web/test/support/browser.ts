import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Screenshots go to test-output/screenshots/ at the repository root (git-ignored). */
export const screenshotDir = fileURLToPath(new URL('../../../../test-output/screenshots/', import.meta.url));

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 900 };

/**
 * Debian's Chromium through playwright-core. Playwright gives every launch a fresh temporary
 * profile (it refuses a --user-data-dir argument and removes its own directory on close).
 */
export function launchBrowser(): Promise<Browser> {
  const executablePath = '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`browser tests need Debian's Chromium at ${executablePath}: run scripts/install-browser.sh (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Probe {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

/**
 * A page in its own context (own localStorage, like another person's device) that records
 * console errors, uncaught exceptions and CSP violations for `expectNoErrors`.
 */
export async function openProbe(browser: Browser, viewport: { width: number; height: number } = desktop, options: { reducedMotion?: boolean; locale?: string; context?: BrowserContextOptions } = {}): Promise<Probe> {
  // `locale` sets the browser's languages: navigator.languages and the Accept-Language header.
  const context = await browser.newContext({ viewport, reducedMotion: options.reducedMotion === false ? 'no-preference' : 'reduce', deviceScaleFactor: 1, ...(options.locale && { locale: options.locale }), ...options.context });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, errors };
}

/**
 * Waits for the console error an expected refusal logs (the browser reports a 4xx response as one, sometimes
 * after the page has already shown the refusal), then drops it, so later checks see only unexpected errors.
 */
export async function dropExpectedError(probe: Probe, pattern: RegExp): Promise<void> {
  await expect.poll(() => probe.errors.some((e) => pattern.test(e)), { timeout: 10_000 }).toBe(true);
  const unexpected = probe.errors.filter((e) => !pattern.test(e));
  probe.errors.splice(0, probe.errors.length, ...unexpected);
}

export function expectNoErrors(...probes: Probe[]): void {
  expect(probes.flatMap((p) => p.errors)).toEqual([]);
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = `${screenshotDir}${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

/** A screenshot of one element (long pages are easier to check part by part). */
export async function screenshotOf(locator: Locator, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = `${screenshotDir}${name}.png`;
  await locator.screenshot({ path });
  return path;
}

/** expect.poll options with room for a busy machine: pushes, recomputes and redraws can take seconds under load. */
export const slow = { timeout: 20_000, interval: 50 } as const;
