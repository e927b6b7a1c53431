import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { resolveConfig, type TranslationConfig } from '../../src/config.js';
import { createProvider, TranslationError } from '../../src/translation/provider.js';
import { fakeProvider, libreAnswer, openAiAnswer } from './fakeProvider.js';

const key = 'sk-test-secret-key-0123456789';
const provider = (t: TranslationConfig) => createProvider(resolveConfig({ translation: { retryDelayMs: 1, ...t } }).translation!);
const never = new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<TranslationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return error as TranslationError;
}

describe('LibreTranslate', () => {
  test('POSTs {q, source, target, format, api_key} to {url}/translate and returns translatedText', async () => {
    const fake = await fakeProvider(libreAnswer);
    const p = provider({ provider: 'libretranslate', url: `${fake.url}/`, apiKey: key });
    expect(p.name).toBe('libretranslate');
    expect(await p.translate('Hämeentie on nyt hiljaisempi.', 'fi', 'sv', never)).toBe('[sv] Hämeentie on nyt hiljaisempi.');
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.url).toBe('/translate');
    expect(fake.received[0]!.headers['content-type']).toBe('application/json');
    expect(fake.received[0]!.body).toEqual({ q: 'Hämeentie on nyt hiljaisempi.', source: 'fi', target: 'sv', format: 'text', api_key: key });
  });

  test('without a key no api_key is sent', async () => {
    const fake = await fakeProvider(libreAnswer);
    await provider({ provider: 'libretranslate', url: fake.url }).translate('Hei', 'fi', 'en', never);
    expect(fake.received[0]!.body).not.toHaveProperty('api_key');
  });

  test('a 503 and a 429 are tried again with backoff, then the answer is used', async () => {
    const fake = await fakeProvider((r, i) => (i === 0 ? { status: 503, body: { error: 'busy' } } : i === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: {} } : libreAnswer(r)));
    expect(await provider({ provider: 'libretranslate', url: fake.url, retries: 2 }).translate('Hei', 'fi', 'en', never)).toBe('[en] Hei');
    expect(fake.received).toHaveLength(3);
  });

  test('retries are bounded: the last 5xx is the error, naming provider, status and URL', async () => {
    const fake = await fakeProvider(() => ({ status: 502, body: { error: 'upstream down' } }));
    const error = await failure(provider({ provider: 'libretranslate', url: fake.url, retries: 2 }).translate('Hei', 'fi', 'en', never));
    expect(fake.received).toHaveLength(3);
    expect(error.message).toBe(`libretranslate translation failed with HTTP 502 at ${fake.url}/translate: upstream down`);
    expect(error).toMatchObject({ provider: 'libretranslate', status: 502, url: `${fake.url}/translate` });
  });

  test('a 4xx other than 429 is not tried again, and a key echoed back by the provider is not in the error', async () => {
    const fake = await fakeProvider((r) => ({ status: 403, body: { error: `Invalid API key ${String(r.body.api_key)}` } }));
    const error = await failure(provider({ provider: 'libretranslate', url: fake.url, apiKey: key }).translate('Hei', 'fi', 'en', never));
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]!.body.api_key).toBe(key);
    expect(error.message).toBe(`libretranslate translation failed with HTTP 403 at ${fake.url}/translate: Invalid API key [key]`);
    expect(JSON.stringify(error) + String(error.stack)).not.toContain(key);
  });

  test('a query in the URL (some gateways take a key there) is sent but never shown', async () => {
    const fake = await fakeProvider(() => ({ status: 500, body: 'oops' }));
    const error = await failure(provider({ provider: 'libretranslate', url: `${fake.url}/lt?key=hunter2`, retries: 0 }).translate('Hei', 'fi', 'en', never));
    expect(fake.received[0]!.url).toBe('/lt/translate?key=hunter2');
    expect(error.url).toBe(`${fake.url}/lt/translate`);
    expect(error.message).not.toContain('hunter2');
  });

  test('a provider that does not answer in time fails with the time limit, without retrying', async () => {
    const fake = await fakeProvider(() => 'hang');
    const started = Date.now();
    const error = await failure(provider({ provider: 'libretranslate', url: fake.url, timeoutMs: 100 }).translate('Hei', 'fi', 'en', never));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toBe(`libretranslate translation failed at ${fake.url}/translate: no answer within 100 ms`);
    expect(fake.received).toHaveLength(1);
  });

  test('an unreachable provider fails naming the URL', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(provider({ provider: 'libretranslate', url }).translate('Hei', 'fi', 'en', never));
    expect(error.message).toBe(`libretranslate translation failed at ${url}/translate: request failed (ECONNREFUSED)`);
  });

  test('aborting (the server closing) stops a request at once', async () => {
    const fake = await fakeProvider(() => 'hang');
    const stop = new AbortController();
    const pending = provider({ provider: 'libretranslate', url: fake.url }).translate('Hei', 'fi', 'en', stop.signal);
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    expect((await failure(pending)).message).toContain('stopped: the server is closing');
  });

  test('an answer too long to be a translation, an empty one or one without text is refused', async () => {
    const answers = [{ translatedText: 'x'.repeat(4 * 3 + 201) }, { translatedText: '  ' }, { text: 'Hej' }];
    const fake = await fakeProvider((_r, i) => ({ body: answers[i] }));
    const p = provider({ provider: 'libretranslate', url: fake.url });
    expect((await failure(p.translate('Hei', 'fi', 'sv', never))).message).toContain('the translation has 213 characters, more than the cap of 212 for this text');
    expect((await failure(p.translate('Hei', 'fi', 'sv', never))).message).toContain('the translation is empty');
    expect((await failure(p.translate('Hei', 'fi', 'sv', never))).message).toContain('the answer has no translated text');
  });
});

describe('OpenAI-compatible chat completions', () => {
  test('POSTs the model, temperature 0 and a translate-only system prompt to {url}/chat/completions with the key as Bearer', async () => {
    const fake = await fakeProvider(openAiAnswer);
    const p = provider({ provider: 'openai', url: `${fake.url}/v1`, apiKey: key, model: 'gpt-4o-mini' });
    expect(p.name).toBe('openai');
    expect(await p.translate('Kvällsbussarna borde gå oftare.', 'sv', 'fi', never)).toBe('[fi] Kvällsbussarna borde gå oftare.');
    const r = fake.received[0]!;
    expect(r.url).toBe('/v1/chat/completions');
    expect(r.headers.authorization).toBe(`Bearer ${key}`);
    expect(r.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0 });
    const messages = r.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]!.content).toContain("Translate the user's message from Swedish (sv) into Finnish (fi).");
    expect(messages[0]!.content).toContain('Reply with the translation only');
    expect(messages[1]!.content).toBe('Kvällsbussarna borde gå oftare.');
  });

  test('an error answer names the provider, the status and the URL, never the key', async () => {
    const fake = await fakeProvider((r) => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${String(r.headers.authorization)}`, type: 'invalid_request_error' } } }));
    const error = await failure(provider({ provider: 'openai', url: fake.url, apiKey: key, model: 'm' }).translate('Hei', 'fi', 'en', never));
    expect(error.message).toBe(`openai translation failed with HTTP 401 at ${fake.url}/chat/completions: Incorrect API key provided: Bearer [key]`);
  });

  test('a completion cut off by the token limit is refused rather than stored half', async () => {
    const fake = await fakeProvider(() => ({ body: { choices: [{ finish_reason: 'length', message: { content: 'Tavastvägen är' } }] } }));
    const error = await failure(provider({ provider: 'openai', url: fake.url, model: 'm' }).translate('Hämeentie on nyt hiljaisempi.', 'fi', 'sv', never));
    expect(error.message).toContain('the model stopped before the translation was complete');
  });

  test('a 500 is retried, then the translation is returned', async () => {
    const fake = await fakeProvider((r, i) => (i === 0 ? { status: 500, body: {} } : openAiAnswer(r)));
    expect(await provider({ provider: 'openai', url: fake.url, model: 'm' }).translate('Hei', 'fi', 'en', never)).toBe('[en] Hei');
    expect(fake.received).toHaveLength(2);
  });
});
