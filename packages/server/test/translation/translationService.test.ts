import { describe, expect, test, vi } from 'vitest';
import type { TranslationConfig } from '../../src/config.js';
import type { KuuloEvent } from '../../src/events/eventBus.js';
import { findConversation } from '../../src/repositories/conversations.js';
import { build, createConversation, join, vote, type TestApp } from '../helper.js';
import { fakeProvider, libreAnswer, openAiAnswer, type Answer, type Received } from './fakeProvider.js';

const key = 'lt-secret-key-abcdef0123456789';
const threeLanguages = { languages: ['fi', 'sv', 'en'], machineTranslation: true };

async function app(translation?: Partial<TranslationConfig> & Pick<TranslationConfig, 'url'>): Promise<TestApp> {
  return build(translation ? { translation: { provider: 'libretranslate', retryDelayMs: 1, ...translation } } : {});
}

async function submit(t: TestApp, id: string, text: string, lang?: string): Promise<number> {
  const { token } = await join(t, id);
  const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': token }, payload: { text, ...(lang && { lang }) } });
  expect(res.statusCode).toBe(201);
  return (res.json() as { statement: { id: number } }).statement.id;
}

type Translations = Record<string, { text: string; source: string }>;

async function translations(t: TestApp, id: string, tid: number): Promise<Translations> {
  const queue = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue?state=all` });
  const item = (queue.json() as { items: { id: number; translations: Translations }[] }).items.find((s) => s.id === tid)!;
  return item.translations;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const translated = (t: TestApp, id: string, tid: number, count: number) => waitFor(() => translations(t, id, tid), (tr) => Object.keys(tr).length >= count, `${count} translations of ${tid}`);

/** Resolves with the first warning the app logs. */
function warning(t: TestApp): Promise<{ object: Record<string, unknown>; message: string }> {
  return new Promise((resolve) => {
    vi.spyOn(t.app.log, 'warn').mockImplementation(((object: Record<string, unknown>, message: string) => resolve({ object, message })) as never);
  });
}

describe('machine translation of new statements', () => {
  test("LibreTranslate: a participant's statement is translated into the conversation's other languages, stored as machine, and announced", async () => {
    const fake = await fakeProvider(libreAnswer);
    const t = await app({ url: fake.url, apiKey: key });
    const { id } = await createConversation(t, threeLanguages);
    const events: KuuloEvent[] = [];
    t.app.kuulo.events.subscribe((await findConversation(t.app.db, id))!.id, (e) => events.push(e));
    const tid = await submit(t, id, 'Hämeentien pitää olla jatkossakin joukkoliikenteen katu.', 'fi');
    expect(await translated(t, id, tid, 2)).toEqual({
      sv: { text: '[sv] Hämeentien pitää olla jatkossakin joukkoliikenteen katu.', source: 'machine' },
      en: { text: '[en] Hämeentien pitää olla jatkossakin joukkoliikenteen katu.', source: 'machine' },
    });
    expect(fake.received.map((r) => [r.body.source, r.body.target, r.body.api_key]).sort()).toEqual([
      ['fi', 'en', key],
      ['fi', 'sv', key],
    ]);
    // The submission's event, then one per stored translation, so pages reload the statement.
    await waitFor(async () => events.length, (n) => n >= 3, 'statement events');
    expect(events).toEqual(Array(3).fill({ type: 'statement', statementId: tid, moderation: 'pending' }));
    // The cursor moved: readers of changedAfter get the translated statement.
    const page = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null })).json() as { items: { id: number; translations: Translations }[] };
    expect(page.items.find((s) => s.id === tid)!.translations.sv!.source).toBe('machine');
  });

  test("OpenAI-compatible: a moderator's seed in Swedish is translated into Finnish and English with the key as Bearer", async () => {
    const fake = await fakeProvider(openAiAnswer);
    const t = await app({ provider: 'openai', url: `${fake.url}/v1`, apiKey: key, model: 'test-model' });
    const { id } = await createConversation(t, threeLanguages);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, payload: { text: 'Kvällsbussarna borde gå oftare längs Tavastvägen.', lang: 'sv' } });
    const tid = (res.json() as { id: number }).id;
    expect(await translated(t, id, tid, 2)).toEqual({
      fi: { text: '[fi] Kvällsbussarna borde gå oftare längs Tavastvägen.', source: 'machine' },
      en: { text: '[en] Kvällsbussarna borde gå oftare längs Tavastvägen.', source: 'machine' },
    });
    for (const r of fake.received) {
      expect(r.url).toBe('/v1/chat/completions');
      expect(r.headers.authorization).toBe(`Bearer ${key}`);
      expect(r.body.model).toBe('test-model');
    }
  });

  test('a conversation that did not opt in is never sent to the provider', async () => {
    const fake = await fakeProvider(libreAnswer);
    const t = await app({ url: fake.url });
    const { id: quiet } = await createConversation(t, { languages: ['fi', 'sv', 'en'] });
    const { id: opted } = await createConversation(t, threeLanguages);
    const kept = await submit(t, quiet, 'Tämä väite ei saa lähteä käännettäväksi.', 'fi');
    const tid = await submit(t, opted, 'Tämä väite käännetään.', 'fi');
    // Jobs run in order: once the later statement is translated, the earlier one would have been sent too.
    await translated(t, opted, tid, 2);
    expect(fake.received.map((r) => r.body.q)).toEqual(['Tämä väite käännetään.', 'Tämä väite käännetään.']);
    expect(await translations(t, quiet, kept)).toEqual({});
  });

  test('without a provider configured nothing is translated, even when the conversation opted in', async () => {
    const t = await app();
    expect(t.app.kuulo.onStatementCreated).toBeUndefined();
    const { id } = await createConversation(t, threeLanguages);
    const tid = await submit(t, id, 'Ratikka kulkee nyt nopeammin kuin ennen remonttia.', 'fi');
    await new Promise((r) => setTimeout(r, 50));
    expect(await translations(t, id, tid)).toEqual({});
  });

  test('strict moderation: translated only once accepted, and a moderator translation made meanwhile is never replaced', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = await fakeProvider(async (r: Received): Promise<Answer> => {
      if (r.body.target === 'en') await gate;
      return libreAnswer(r);
    });
    const t = await app({ url: fake.url, concurrency: 1 });
    const { id } = await createConversation(t, { ...threeLanguages, strictModeration: true });
    const tid = await submit(t, id, 'Taksien pitää päästä pysähtymään lähelle ovia.', 'fi');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.received).toHaveLength(0);
    const put = await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/statements/${tid}/translations/sv`, payload: { text: 'Taxibilarna ska kunna stanna nära portarna.' } });
    expect(put.statusCode).toBe(200);
    expect((await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, payload: { moderation: 'accepted' } })).statusCode).toBe(200);
    // Only English is missing: Swedish has a person's translation.
    await waitFor(async () => fake.received.length, (n) => n === 1, 'the English request');
    expect(fake.received[0]!.body.target).toBe('en');
    // While the provider works on English, a moderator writes English too: the machine's answer must not replace it.
    await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/statements/${tid}/translations/en`, payload: { text: 'Taxis must be able to stop near the doors.' } });
    release();
    // One request at a time: once a later statement is translated, the English answer above has been dealt with.
    const later = await submit(t, id, 'Iltabussien pitäisi kulkea useammin.', 'fi');
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${later}`, payload: { moderation: 'accepted' } });
    await translated(t, id, later, 2);
    expect(await translations(t, id, tid)).toEqual({
      sv: { text: 'Taxibilarna ska kunna stanna nära portarna.', source: 'moderator' },
      en: { text: 'Taxis must be able to stop near the doors.', source: 'moderator' },
    });
  });

  test('a 503 from the provider is retried and the translation still arrives', async () => {
    const fake = await fakeProvider((r, i) => (i < 2 ? { status: 503, body: { error: 'loading models' } } : libreAnswer(r)));
    const t = await app({ url: fake.url, concurrency: 1, retries: 2 });
    const { id } = await createConversation(t, { languages: ['fi', 'sv'], machineTranslation: true });
    const tid = await submit(t, id, 'Hämeentielle tarvitaan lisää puita ja penkkejä.', 'fi');
    expect(await translated(t, id, tid, 1)).toEqual({ sv: { text: '[sv] Hämeentielle tarvitaan lisää puita ja penkkejä.', source: 'machine' } });
    expect(fake.received).toHaveLength(3);
  });

  test('a failing provider is logged without the key; the statement stays as it was and takes votes', async () => {
    const fake = await fakeProvider((r) => ({ status: 500, body: { error: `internal error for key ${String(r.body.api_key)}` } }));
    const t = await app({ url: fake.url, apiKey: key, retries: 1 });
    const logged = warning(t);
    const { id } = await createConversation(t, { languages: ['fi', 'sv'], machineTranslation: true });
    const tid = await submit(t, id, 'Katuremontti kesti liian kauan.', 'fi');
    const { object, message } = await logged;
    expect(message).toBe(`machine translation failed: libretranslate translation failed with HTTP 500 at ${fake.url}/translate: internal error for key [key]`);
    expect(object).toMatchObject({ conversation: id, statement: tid, from: 'fi', to: 'sv', provider: 'libretranslate' });
    expect(JSON.stringify(object) + message).not.toContain(key);
    expect(fake.received).toHaveLength(2);
    expect(fake.received[0]!.body.api_key).toBe(key);
    const { token } = await join(t, id);
    expect((await vote(t, id, token, tid, 'agree')).statusCode).toBe(200);
    const s = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/${tid}`, auth: null })).json();
    expect(s).toMatchObject({ text: 'Katuremontti kesti liian kauan.', lang: 'fi', translations: {}, tally: { agree: 2 } });
  });

  test('a provider that never answers times out and is logged, while statements and votes go on', async () => {
    const fake = await fakeProvider(() => 'hang');
    const t = await app({ url: fake.url, timeoutMs: 500 });
    const logged = warning(t);
    let timedOut = false;
    void logged.then(() => (timedOut = true));
    const { id } = await createConversation(t, { languages: ['fi', 'sv'], machineTranslation: true });
    const tid = await submit(t, id, 'Iltabussien pitäisi kulkea useammin.', 'fi');
    const { token } = await join(t, id);
    expect((await vote(t, id, token, tid, 'disagree')).statusCode).toBe(200);
    expect(timedOut).toBe(false);
    expect((await logged).message).toBe(`machine translation failed: libretranslate translation failed at ${fake.url}/translate: no answer within 500 ms`);
    expect(await translations(t, id, tid)).toEqual({});
  });

  test('closing the server does not wait for a slow provider', async () => {
    const fake = await fakeProvider(() => 'hang');
    const t = await app({ url: fake.url });
    const { id } = await createConversation(t, { languages: ['fi', 'sv'], machineTranslation: true });
    await submit(t, id, 'Hämeentie on nyt hiljaisempi kuin ennen.', 'fi');
    await waitFor(async () => fake.received.length, (n) => n === 1, 'the request');
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
