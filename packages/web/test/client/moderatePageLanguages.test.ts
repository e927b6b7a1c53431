import { readFileSync } from 'node:fs';
import type { Catalog } from '@kuulo/viz';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, expectNoErrors, launchBrowser, openProbe, phone, screenshot, screenshotOf, slow, type Probe } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';
import { findConversation } from '../../../server/src/repositories/conversations.js';
import { putTranslation } from '../../../server/src/repositories/translations.js';
import { englishOnPage, layoutProblems, shownTexts } from '../i18n/pageChecks.js';

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

const catalog = (lang: string): Catalog => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8')) as Catalog;

/** A fi/sv/en conversation with a Finnish statement and a Swedish one its author wrongly said was Finnish. */
async function streetConversation(id: string): Promise<{ key: string; finnish: number; mislabelled: number }> {
  const created = await api.call('POST', '/conversations', {
    id,
    topic: 'Hämeentien katuremontti',
    description: 'Kerro, mitä mieltä olet.',
    languages: ['fi', 'sv', 'en'],
    translations: { sv: { topic: 'Tavastvägens gatureparation' } },
  });
  const key = created.moderatorKey as string;
  const finnish = (await api.call('POST', `/conversations/${id}/seeds`, { text: 'Hämeentielle tarvitaan leveämmät pyöräkaistat.', lang: 'fi' }, key)).id as number;
  const mislabelled = (await api.call('POST', `/conversations/${id}/seeds`, { text: 'Bilarna ska få behålla två körfält.', lang: 'fi' }, key)).id as number;
  return { key, finnish, mislabelled };
}

/** Opens the moderator page in Finnish (?lang=fi) and signs in. */
async function signInFinnish(probe: Probe, id: string, key: string): Promise<Page> {
  const { page } = probe;
  await page.goto(`${server.url}/c/${id}/moderate?lang=fi`);
  await page.getByLabel('Moderointiavain').fill(key);
  await page.getByRole('button', { name: 'Avaa moderointi' }).click();
  await page.getByRole('heading', { name: /^Väitteet/ }).waitFor();
  await page.getByLabel('Näytä', { exact: true }).selectOption('all');
  return page;
}

describe('moderator page in Finnish, with statements in several languages', () => {
  it('shows no English interface text; statements as originals with their language and translations', async () => {
    const id = 'katuremontti-fi';
    const { key, finnish } = await streetConversation(id);
    const put = await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${id}/statements/${finnish}/translations/sv`, payload: { text: 'Tavastvägen behöver bredare cykelfiler.' }, headers: { authorization: `Bearer ${key}` } });
    expect(put.statusCode).toBe(200);
    const probe = await openProbe(browser, phone);
    const page = await signInFinnish(probe, id, key);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    expect(await page.title()).toBe('Moderointi: Hämeentien katuremontti · Kuulo');
    const item = page.locator(`.kuulo-item[data-statement-id="${finnish}"]`);
    await item.waitFor();
    // The original in its language, with its code shown and named for screen readers.
    expect(await item.locator('.kuulo-item-text span[lang="fi"]').textContent()).toBe('Hämeentielle tarvitaan leveämmät pyöräkaistat.');
    expect(await item.locator('.kuulo-item-text .kuulo-lang-tag').getAttribute('title')).toBe('Alkuperäinen, suomi');
    // The languages editor opens with the keyboard.
    await item.locator('summary').focus();
    await page.keyboard.press('Enter');
    await item.getByLabel('Käännös (ruotsi)').waitFor();
    const content = ['Hämeentien katuremontti', 'Tavastvägens gatureparation', 'Kerro, mitä mieltä olet.', 'Hämeentielle tarvitaan leveämmät pyöräkaistat.', 'Bilarna ska få behålla två körfält.', 'Tavastvägen behöver bredare cykelfiler.'];
    const texts = await shownTexts(page);
    expect(englishOnPage(texts, [{ name: 'web', en: catalog('en'), other: catalog('fi') }], content)).toEqual([]);
    expect(await layoutProblems(page, phone.width)).toEqual([]);
    await screenshot(page, 'moderate-fi-phone');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('a moderator adds a Swedish translation and it arrives on the open Swedish report; then corrects a language', async () => {
    const id = 'katuremontti-sv';
    const { key, finnish, mislabelled } = await streetConversation(id);
    // A Swedish reader has the report open before the translation exists: the Finnish original, marked as Finnish.
    const reader = await openProbe(browser, desktop);
    await reader.page.goto(`${server.url}/c/${id}/report?lang=sv`);
    const shown = reader.page.locator(`#statements li[data-statement-id="${finnish}"] .kuulo-statement-text`);
    await expect.poll(() => shown.getAttribute('lang'), slow).toBe('fi');

    const probe = await openProbe(browser, desktop);
    const page = await signInFinnish(probe, id, key);
    const item = page.locator(`.kuulo-item[data-statement-id="${finnish}"]`);
    await item.getByText('Kielet', { exact: true }).click();
    // English is offered too; Finnish, the statement's own language, is not.
    expect(await item.getByLabel('Käännös (englanti)').count()).toBe(1);
    expect(await item.getByLabel('Käännös (suomi)').count()).toBe(0);
    await item.getByLabel('Käännös (ruotsi)').fill('Tavastvägen behöver bredare cykelfiler.');
    await item.getByRole('button', { name: 'Tallenna käännös (ruotsi)' }).click();
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), slow).toBe(`Väitteen #${finnish} käännös (ruotsi) on tallennettu.`);
    await expect.poll(() => item.locator('.kuulo-translation span[lang="sv"]').textContent(), slow).toBe('Tavastvägen behöver bredare cykelfiler.');
    expect(await item.locator('.kuulo-translation .kuulo-source-moderator').textContent()).toBe('Moderaattori');
    // The editor stayed open, with focus back on its button.
    expect(await item.locator('details').getAttribute('open')).not.toBeNull();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Tallenna käännös (ruotsi)');
    const stored = await api.call('GET', `/conversations/${id}/statements/${finnish}`, undefined, null);
    expect(stored.translations.sv).toEqual({ text: 'Tavastvägen behöver bredare cykelfiler.', source: 'moderator' });
    // It arrives on the Swedish reader's open report without a reload, marked as Swedish.
    await expect.poll(() => shown.textContent(), slow).toBe('Tavastvägen behöver bredare cykelfiler.');
    expect(await shown.getAttribute('lang')).toBe('sv');

    // Emptying the field and saving removes the translation.
    await item.getByLabel('Käännös (englanti)').fill('Hämeentie needs wider bike lanes.');
    await item.getByRole('button', { name: 'Tallenna käännös (englanti)' }).click();
    await expect.poll(() => item.locator('.kuulo-translation span[lang="en"]').count(), slow).toBe(1);
    await item.getByLabel('Käännös (englanti)').fill('');
    await item.getByRole('button', { name: 'Tallenna käännös (englanti)' }).click();
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), slow).toBe(`Väitteen #${finnish} käännös (englanti) on poistettu.`);
    await expect.poll(() => item.locator('.kuulo-translation span[lang="en"]').count(), slow).toBe(0);

    // The Swedish statement its author called Finnish: the moderator corrects its language.
    const wrong = page.locator(`.kuulo-item[data-statement-id="${mislabelled}"]`);
    await wrong.getByText('Kielet', { exact: true }).click();
    expect(await wrong.getByLabel('Väitteen kieli').inputValue()).toBe('fi');
    await wrong.getByLabel('Väitteen kieli').selectOption('sv');
    await wrong.getByRole('button', { name: 'Tallenna kieli' }).click();
    await expect.poll(() => page.locator('.kuulo-announcer').textContent(), slow).toBe(`Väitteen #${mislabelled} kieli on nyt ruotsi.`);
    await expect.poll(() => wrong.locator('.kuulo-item-text span[lang]').getAttribute('lang'), slow).toBe('sv');
    expect(await wrong.getByText('Moderaattori valitsi kielen.').count()).toBe(1);
    // Now it can be translated into Finnish, and no longer into Swedish.
    expect(await wrong.getByLabel('Käännös (suomi)').count()).toBe(1);
    expect(await wrong.getByLabel('Käännös (ruotsi)').count()).toBe(0);
    const corrected = await api.call('GET', `/conversations/${id}/statements/${mislabelled}`, undefined, null);
    expect([corrected.lang, corrected.langSource]).toEqual(['sv', 'moderator']);
    await screenshotOf(item, 'moderate-fi-statement-languages');
    await screenshot(page, 'moderate-fi-languages');
    expectNoErrors(probe, reader);
    await Promise.all([probe, reader].map((p) => p.context.close()));
  });

  it('settings: languages in order, topic per language and machine translation, at 390 px', async () => {
    const id = 'katuremontti-settings';
    const { key } = await streetConversation(id);
    const probe = await openProbe(browser, phone);
    const page = await signInFinnish(probe, id, key);
    const settings = page.locator('.kuulo-settings');
    expect(await settings.locator('.kuulo-language-name').allTextContents()).toEqual(['suomi (fi)', 'ruotsi (sv)', 'englanti (en)']);
    expect(await settings.getByLabel('Aihe (ruotsi)').inputValue()).toBe('Tavastvägens gatureparation');
    await settings.getByLabel('Aihe (englanti)').fill('Hämeentie street renovation');
    await settings.getByLabel('Kuvaus (englanti)').fill('Tell us what you think.');
    // Languages move with the keyboard: English up above Swedish, focus stays on the moved language.
    await settings.getByRole('button', { name: 'Siirrä ylös: englanti' }).click();
    expect(await settings.locator('.kuulo-language-name').allTextContents()).toEqual(['suomi (fi)', 'englanti (en)', 'ruotsi (sv)']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Siirrä ylös: englanti');
    // The English fields kept what was typed when the list was drawn again.
    expect(await settings.getByLabel('Aihe (englanti)').inputValue()).toBe('Hämeentie street renovation');
    await settings.getByLabel('Lisää kieli').selectOption('se');
    await settings.getByRole('button', { name: 'Lisää', exact: true }).click();
    await settings.getByLabel(/^Käännä väitteet konekäännöksellä/).check();
    expect(await settings.getByText(/käännöspalveluun/).count()).toBe(1);
    await settings.getByRole('button', { name: 'Tallenna asetukset' }).click();
    await expect.poll(() => settings.locator('.kuulo-notice').textContent(), slow).toBe('Asetukset tallennettu.');
    const conversation = await api.call('GET', `/conversations/${id}`, undefined, null);
    expect(conversation.languages).toEqual(['fi', 'en', 'sv', 'se']);
    expect(conversation.translations).toEqual({ sv: { topic: 'Tavastvägens gatureparation' }, en: { topic: 'Hämeentie street renovation', description: 'Tell us what you think.' } });
    expect(conversation.machineTranslation).toBe(true);
    // The statements' editors offer the new language.
    const first = page.locator('.kuulo-item').first();
    await first.getByText('Kielet', { exact: true }).click();
    await expect.poll(() => first.getByLabel(/^Käännös \(pohjoissaame\)/).count(), slow).toBe(1);
    expect(await layoutProblems(page, phone.width)).toEqual([]);
    await screenshotOf(first, 'moderate-fi-statement-languages-phone');
    await screenshotOf(settings, 'moderate-fi-settings-phone');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('a machine translation is marked as such, in the moderation list and for a reader, and a moderator can take it over', async () => {
    const id = 'katuremontti-kone';
    const { key, finnish } = await streetConversation(id);
    // As the server's translation provider stores it (the tests have no provider to call).
    await putTranslation(server.api.db, (await findConversation(server.api.db, id))!.id, finnish, 'sv', 'Tavastvägen behöver bredare cykelbanor.', 'machine');
    const reader = await openProbe(browser, phone);
    await reader.page.goto(`${server.url}/c/${id}/report?lang=sv`);
    const readerItem = reader.page.locator(`#statements li[data-statement-id="${finnish}"]`);
    await expect.poll(() => readerItem.locator('.kuulo-machine-label').textContent(), slow).toBe('Maskinöversättning');

    const probe = await openProbe(browser, phone);
    const page = await signInFinnish(probe, id, key);
    const item = page.locator(`.kuulo-item[data-statement-id="${finnish}"]`);
    expect(await item.locator('.kuulo-translation .kuulo-source-machine').textContent()).toBe('Konekäännös');
    await item.getByText('Kielet', { exact: true }).click();
    expect(await item.getByLabel('Käännös (ruotsi)').inputValue()).toBe('Tavastvägen behöver bredare cykelbanor.');
    expect(await item.getByText(/^Tämä on konekäännös\./).count()).toBe(1);
    // Checked and saved as it is, it becomes the moderator's translation.
    await item.getByRole('button', { name: 'Tallenna käännös (ruotsi)' }).click();
    await expect.poll(() => item.locator('.kuulo-translation .kuulo-source-moderator').count(), slow).toBe(1);
    expect((await api.call('GET', `/conversations/${id}/statements/${finnish}`, undefined, null)).translations.sv.source).toBe('moderator');
    // The reader's open report drops the machine label.
    await expect.poll(() => readerItem.locator('.kuulo-machine-label').count(), slow).toBe(0);
    expectNoErrors(probe, reader);
    await Promise.all([probe, reader].map((p) => p.context.close()));
  });
});
