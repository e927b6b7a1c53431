import { expect, test } from 'vitest';
import { demoConversationId, demoDir, ensureDemoConversation, ensureHameentieConversation, hameentieConversationId } from '../src/demo.js';
import { build, type TestApp } from './helper.js';

test('ensureDemoConversation imports the bundled conversation once', async () => {
  const t = await build();
  const first = await ensureDemoConversation(t.app);
  expect(first.created).toBe(true);
  expect(first.moderatorKey).toMatch(/^kmod_/);
  expect(await ensureDemoConversation(t.app)).toEqual({ created: false });
  const c = (await t.call({ method: 'GET', url: `/api/v1/conversations/${demoConversationId}`, auth: null })).json();
  expect(c).toMatchObject({ topic: '$15/hour', languages: ['en'], open: true });
  expect(c.counts.participants).toBeGreaterThan(300);
  expect(demoDir()).toMatch(/demo\/15-per-hour-seattle\/$/);
  expect(() => demoDir('file:///nowhere/src/demo.ts')).toThrow('demo data not found near /nowhere/src/demo.ts');
});

type DemoStatement = { id: number; text: string; lang: string; langSource: string; translations: Record<string, { text: string; source: string }>; tally: { agree: number; disagree: number; pass: number } };

const demoStatements = async (t: TestApp): Promise<DemoStatement[]> =>
  ((await t.call({ method: 'GET', url: `/api/v1/conversations/${hameentieConversationId}/statements`, auth: null })).json() as { items: DemoStatement[] }).items;

test('the three-language demo: topic, description and every statement in fi, sv and en, written in all three', async () => {
  const t = await build();
  const first = await ensureHameentieConversation(t.app);
  expect(first.created).toBe(true);
  expect(first.moderatorKey).toMatch(/^kmod_/);
  expect(await ensureHameentieConversation(t.app)).toEqual({ created: false });
  const c = (await t.call({ method: 'GET', url: `/api/v1/conversations/${hameentieConversationId}`, auth: null })).json();
  expect(c).toMatchObject({ topic: 'Hämeentien katuremontti', languages: ['fi', 'sv', 'en'], machineTranslation: false, open: true });
  expect(c.translations.sv.topic).toBe('Tavastvägens gatureparation');
  expect(c.translations.en.topic).toBe('Hämeentie street renovation');
  expect(c.description).toContain('Hakaniemen ja Vallilanlaakson');
  expect(c.translations.sv.description).toContain('Hagnäs och Vallgårddalen');
  expect(c.counts.participants).toBe(60);
  const statements = await demoStatements(t);
  expect(statements).toHaveLength(12);
  expect(statements.filter((s) => s.lang === 'fi')).toHaveLength(6);
  expect(statements.filter((s) => s.lang === 'sv')).toHaveLength(3);
  expect(statements.filter((s) => s.lang === 'en')).toHaveLength(3);
  for (const s of statements) {
    expect(s.langSource).toBe('author');
    expect(Object.keys(s.translations).sort()).toEqual(['en', 'fi', 'sv'].filter((l) => l !== s.lang));
    for (const translation of Object.values(s.translations)) expect(translation.source).toBe('author');
    expect(s.tally.agree + s.tally.disagree + s.tally.pass).toBeGreaterThan(40);
  }
  // Featured on the home page.
  const home = await t.call({ method: 'GET', url: '/', auth: null });
  expect(home.statusCode).toBe(200);
  expect(home.body).toContain(`href="/c/${hameentieConversationId}"`);
});

test('the three-language demo has the same votes on every start, and two opinion groups', async () => {
  const t = await build({ math: { enabled: true, debounceMs: 20 } });
  await ensureHameentieConversation(t.app);
  const again = await build();
  await ensureHameentieConversation(again.app);
  const tallies = async (x: TestApp) => (await demoStatements(x)).map((s) => s.tally);
  expect(await tallies(again)).toEqual(await tallies(t));
  let status = { tick: 0, running: true, pending: true };
  for (let i = 0; i < 400 && !(status.tick >= 1 && !status.running && !status.pending); i++) {
    await new Promise((r) => setTimeout(r, 25));
    status = (await t.call({ method: 'GET', url: `/api/v1/conversations/${hameentieConversationId}/math/status`, auth: null })).json();
  }
  const { result } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${hameentieConversationId}/math`, auth: null })).json();
  expect(result.groups).toHaveLength(2);
  expect(result.groups.map((g: { size: number }) => g.size).sort((a: number, b: number) => a - b)).toEqual([26, 34]);
  // The travel question: cyclists are over-represented against the illustrative population, so weighting moves the figures.
  const { representativeness: r } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${hameentieConversationId}/representativeness`, auth: null })).json();
  expect(r.questions[0].question).toBe('travel');
  const bike = r.questions[0].answers.find((a: { answer: string }) => a.answer === 'bike');
  expect(bike.share).toBeGreaterThan(bike.population + 0.05);
  expect(r.weights).toMatchObject({ method: 'raking', questions: ['travel'], converged: true });
  expect(r.differs).toBe(true);
});
