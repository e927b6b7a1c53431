import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, launchBrowser, openProbe, phone, screenshot, slow } from '../support/browser.js';
import { apiHelpers } from '../support/conversations.js';
import { startServer, type TestServer } from '../support/startServer.js';

let server: TestServer;
let browser: Browser;
let api: ReturnType<typeof apiHelpers>;
let moderatorKey: string;

const id = 'kadun-kysymykset';
const statements = [
  'The street needs wider cycle lanes.',
  'Trams should run more often during the works.',
  'Cars should keep two lanes.',
  'Parking places must not go down.',
  'The works should be done in summer.',
  'Shops need deliveries in the morning.',
];
const questions = {
  askAfterVotes: 2,
  questions: [
    {
      key: 'district',
      text: { en: 'Where do you live?', fi: 'Missä asut?', sv: 'Var bor du?' },
      answers: [
        { key: 'north', text: { en: 'North', fi: 'Pohjoinen', sv: 'Norr' }, population: 0.5 },
        { key: 'south', text: { en: 'South', fi: 'Etelä', sv: 'Söder' }, population: 0.5 },
      ],
    },
    {
      key: 'mode',
      // Only in Finnish: other readers get it with lang="fi".
      text: { fi: 'Miten kuljet kadulla useimmiten?' },
      answers: [
        { key: 'bike', text: { fi: 'Pyörällä' } },
        { key: 'car', text: { fi: 'Autolla' } },
        { key: 'foot', text: { fi: 'Kävellen' } },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await startServer();
  api = apiHelpers(server);
  browser = await launchBrowser();
  moderatorKey = (await api.call('POST', '/conversations', { id, topic: 'Hämeentie works', languages: ['en', 'fi', 'sv'] })).moderatorKey as string;
  await api.seed(id, moderatorKey, statements);
  const put = await server.api.inject({ method: 'PUT', url: `/api/v1/conversations/${id}/questions`, payload: questions, headers: { authorization: `Bearer ${moderatorKey}` } });
  expect(put.statusCode, put.body).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const statementShown = (page: Page) => page.locator('.kuulo-vote .kuulo-statement').textContent();

/** Votes `count` times with the keyboard (focus on Agree, Enter), waiting for each next statement. */
async function voteTimes(page: Page, count: number, agree: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const before = await statementShown(page);
    await page.getByRole('button', { name: agree, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.locator('.kuulo-question').isVisible()) || (await statementShown(page)) !== before, slow).toBe(true);
  }
}

async function myAnswers(page: Page): Promise<unknown> {
  const stored = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), `kuulo.participant.${id}`)) ?? '{}') as { token?: string };
  const reply = await server.api.inject({ method: 'GET', url: `/api/v1/conversations/${id}/answers/me`, headers: { 'x-participant-token': stored.token ?? '' } });
  return reply.json();
}

describe('participant questions on /c/:id', () => {
  it('asks after askAfterVotes votes, one question at a time: answered by keyboard, skipped, then voting goes on', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}?lang=en`);
    await page.locator('.kuulo-vote .kuulo-statement').filter({ hasText: /\S/ }).waitFor();
    await expect.poll(() => statementShown(page), slow).not.toBe('Loading…');
    expect(await page.locator('.kuulo-question').isVisible()).toBe(false);

    await voteTimes(page, 2, 'Agree');
    const card = page.locator('.kuulo-question');
    await card.waitFor({ state: 'visible' });
    expect(await page.locator('.kuulo-vote').isVisible()).toBe(false);
    // Focus is on the question's heading, the question a radio group with a legend, and the optional note.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('A question about you');
    expect(await card.locator('legend').textContent()).toBe('Where do you live?');
    expect(await card.locator('legend').getAttribute('lang')).toBeNull();
    expect(await card.getByRole('radio').count()).toBe(2);
    expect(await card.locator('.kuulo-hint').textContent()).toContain('only shown as group totals');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'question-card-phone');

    // Keyboard: Tab to the radio group, arrow to "South", Enter submits.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await card.getByRole('radio', { name: 'South' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');

    // The second question: only in Finnish, so its text carries lang="fi"; skipped.
    await expect.poll(() => card.locator('legend').textContent(), slow).toBe('Miten kuljet kadulla useimmiten?');
    expect(await card.locator('legend').getAttribute('lang')).toBe('fi');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('A question about you');
    await card.getByRole('button', { name: 'Skip' }).focus();
    await page.keyboard.press('Enter');

    // Back to voting, focus on the statement.
    await card.waitFor({ state: 'hidden' });
    await page.locator('.kuulo-vote').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('kuulo-statement'))).toBe(true);
    expect(statements).toContain(await statementShown(page));
    expect(await myAnswers(page)).toEqual({ answers: { district: 'south', mode: null } });

    await voteTimes(page, 1, 'Disagree');
    expect(await card.isVisible()).toBe(false);
    await expect.poll(() => page.locator('.kuulo-progress-text').textContent(), slow).toContain('voted on 3 of');

    // "Your answers" shows both and changes one.
    const mine = page.locator('.kuulo-your-answers');
    await mine.getByRole('button', { name: 'Your answers' }).click();
    expect(await mine.locator('dd span').allTextContents()).toEqual(['South', 'Not answered']);
    await mine.getByRole('button', { name: 'Change your answer: Miten kuljet kadulla useimmiten?' }).click();
    await card.waitFor({ state: 'visible' });
    await card.getByRole('radio', { name: 'Pyörällä' }).check();
    await card.getByRole('button', { name: 'Answer', exact: true }).click();
    await card.waitFor({ state: 'hidden' });
    await expect.poll(() => myAnswers(page), slow).toEqual({ answers: { district: 'south', mode: 'bike' } });
    expect(await mine.locator('dd span').allTextContents()).toEqual(['South', 'Pyörällä']);
    await screenshot(page, 'question-answers-phone');
    expectNoErrors(probe);
    await probe.context.close();
  });

  for (const [lang, words] of [
    ['fi', { title: 'Kysymys sinusta', skip: 'Ohita', answer: 'Vastaa', agree: 'Samaa mieltä', legend: 'Missä asut?' }],
    ['sv', { title: 'En fråga om dig', skip: 'Hoppa över', answer: 'Svara', agree: 'Håller med', legend: 'Var bor du?' }],
  ] as const) {
    it(`asks in ${lang} at 390 px`, async () => {
      const probe = await openProbe(browser, phone);
      const { page } = probe;
      await page.goto(`${server.url}/c/${id}?lang=${lang}`);
      await page.getByRole('button', { name: words.agree, exact: true }).waitFor();
      await voteTimes(page, 2, words.agree);
      const card = page.locator('.kuulo-question');
      await card.waitFor({ state: 'visible' });
      expect(await card.locator('h2').textContent()).toBe(words.title);
      expect(await card.locator('legend').textContent()).toBe(words.legend);
      expect(await card.getByRole('button', { name: words.skip }).isVisible()).toBe(true);
      expect(await card.getByRole('button', { name: words.answer, exact: true }).isVisible()).toBe(true);
      // Submitting without a choice says so instead of sending.
      await card.getByRole('button', { name: words.answer, exact: true }).click();
      expect(await card.locator('.kuulo-notice').textContent()).not.toBe('');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, `question-card-${lang}-phone`);
      await card.getByRole('button', { name: words.skip }).click();
      await card.getByRole('button', { name: words.skip }).click();
      await card.waitFor({ state: 'hidden' });
      await page.locator('.kuulo-vote').waitFor({ state: 'visible' });
      expectNoErrors(probe);
      await probe.context.close();
    });
  }
});

describe('participant questions on /c/:id/moderate', () => {
  it('a moderator edits the questions in the form and sees the server refuse shares that do not add up', async () => {
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate?lang=en`);
    await page.getByLabel('Moderator key').fill(moderatorKey);
    await page.keyboard.press('Enter');
    const editor = page.locator('.kuulo-questions-editor');
    await editor.getByRole('heading', { name: 'Participant questions' }).waitFor();
    await expect.poll(() => editor.locator('.kuulo-question-edit').count(), slow).toBe(2);
    expect(await editor.getByLabel('Ask after this many votes').inputValue()).toBe('2');
    const first = editor.locator('.kuulo-question-edit').first();
    expect(await first.getByLabel('Question (Finnish)').inputValue()).toBe('Missä asut?');
    expect(await first.getByLabel('Share of population (%)').first().inputValue()).toBe('50');
    // Shares of 50 % and 30 % do not add up: the server's message names the question.
    await first.getByLabel('Share of population (%)').nth(1).fill('30');
    await editor.getByRole('button', { name: 'Save questions' }).click();
    await expect.poll(() => editor.locator('.kuulo-questions-form > .kuulo-notice').textContent(), slow).toContain('district');
    // The refused save's 400 is logged by the browser.
    probe.errors.splice(0, probe.errors.length, ...probe.errors.filter((e) => !/status of 400/.test(e)));
    // A third question with two answers, then a valid save.
    await first.getByLabel('Share of population (%)').nth(1).fill('50');
    await editor.getByRole('button', { name: 'Add a question' }).click();
    const third = editor.locator('.kuulo-question-edit').nth(2);
    await third.getByLabel('Question key').fill('age');
    await third.getByLabel('Question (English)').fill('How old are you?');
    const answers = third.locator('.kuulo-answer-edit');
    await answers.nth(0).getByLabel('Answer key').fill('young');
    await answers.nth(0).getByLabel('Answer (English)').fill('Under 30');
    await answers.nth(1).getByLabel('Answer key').fill('older');
    await answers.nth(1).getByLabel('Answer (English)').fill('30 or over');
    await editor.getByLabel('Ask after this many votes').fill('4');
    await editor.getByRole('button', { name: 'Save questions' }).click();
    await expect.poll(() => editor.locator('.kuulo-questions-form > .kuulo-notice').textContent(), slow).toBe('Questions saved.');
    const stored = (await server.api.inject({ method: 'GET', url: `/api/v1/conversations/${id}/questions` })).json() as { askAfterVotes: number; questions: { key: string; answers: { population: number | null }[] }[] };
    expect(stored.askAfterVotes).toBe(4);
    expect(stored.questions.map((q) => q.key)).toEqual(['district', 'mode', 'age']);
    expect(stored.questions[0]!.answers.map((a) => a.population)).toEqual([0.5, 0.5]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'questions-editor-phone');
    expectNoErrors(probe);
    await probe.context.close();
  });

  it('a meta statement of an imported conversation becomes a question its votes answer', async () => {
    const [tid] = await api.seed(id, moderatorKey, ['I live north of the river']);
    const auth = { authorization: `Bearer ${moderatorKey}` };
    expect((await server.api.inject({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, payload: { isMeta: true }, headers: auth })).statusCode).toBe(200);
    const probe = await openProbe(browser, phone);
    const { page } = probe;
    await page.goto(`${server.url}/c/${id}/moderate?lang=en`);
    await page.getByLabel('Moderator key').fill(moderatorKey);
    await page.keyboard.press('Enter');
    const editor = page.locator('.kuulo-questions-editor');
    await expect.poll(() => editor.locator('.kuulo-question-edit').count(), slow).toBeGreaterThan(0);
    const before = await editor.locator('.kuulo-question-edit').count();
    await editor.getByLabel('Meta statement number').fill(String(tid));
    await editor.getByRole('button', { name: 'Add as a question' }).click();
    const added = editor.locator('.kuulo-question-edit').nth(before);
    expect(await added.getByLabel('Question key').inputValue()).toBe(`meta-${tid}`);
    // Its answers are the votes: fixed keys, no answers added or removed.
    expect(await added.locator('.kuulo-answer-edit').nth(0).getByLabel('Answer key').getAttribute('readonly')).not.toBeNull();
    expect(await added.getByRole('button', { name: 'Add an answer' }).isDisabled()).toBe(true);
    await added.getByLabel('Question (Finnish)').fill('Asun joen pohjoispuolella');
    await editor.getByRole('button', { name: 'Save questions' }).click();
    await expect.poll(() => editor.locator('.kuulo-questions-form > .kuulo-notice').textContent(), slow).toBe('Questions saved.');
    const stored = (await server.api.inject({ method: 'GET', url: `/api/v1/conversations/${id}/questions` })).json() as { questions: { key: string; meta: number | null; answers: { key: string }[] }[] };
    expect(stored.questions.at(-1)).toMatchObject({ key: `meta-${tid}`, meta: tid, answers: [{ key: 'agree' }, { key: 'disagree' }] });
    expectNoErrors(probe);
    await probe.context.close();
  });
});
