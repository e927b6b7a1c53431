import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { build, createConversation, open, seed } from './helper.js';
import { sse } from './sse.js';

describe('buildApp', () => {
  test('CORS for embedding: allowed origins get the headers (preflight included), others do not', async () => {
    const t = await build({ cors: ['https://city.example'] });
    const preflight = await t.call({
      method: 'OPTIONS',
      url: '/api/v1/conversations/x/votes',
      auth: null,
      headers: { origin: 'https://city.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-participant-token' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://city.example');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-participant-token');
    const other = await t.call({ method: 'GET', url: '/health', auth: null, headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const exposed = await t.call({ method: 'GET', url: '/health', auth: null, headers: { origin: 'https://city.example' } });
    expect(String(exposed.headers['access-control-expose-headers'])).toContain('etag');
  });

  test('cors: false sends no CORS headers', async () => {
    const t = await build({ cors: false });
    const res = await t.call({ method: 'GET', url: '/health', auth: null, headers: { origin: 'https://city.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('without a configured admin key one is generated on the first start only, and stored hashed', async () => {
    const first = await open({ adminKey: undefined });
    const key = first.app.kuulo.createdAdminKey!;
    expect(key).toMatch(/^kadm_[A-Za-z0-9_-]{32}$/);
    const stored = (await first.app.db.get("SELECT value FROM settings WHERE key = 'admin_key_hash'")) as { value: string };
    expect(stored.value).toMatch(/^[0-9a-f]{64}$/);
    await first.app.close();
    const second = await open({ adminKey: undefined }, { dir: first.dir });
    try {
      expect(second.app.kuulo.createdAdminKey).toBeUndefined();
      const created = await second.call({ method: 'POST', url: '/api/v1/conversations', auth: key, payload: { topic: 'x' } });
      expect(created.statusCode).toBe(201);
    } finally {
      await second.close();
      await first.close();
    }
  });

  test('bad configuration is refused before anything opens', async () => {
    await expect(buildApp({ dbPath: ':memory:', math: { workers: 0 } })).rejects.toThrow('config math.workers must be an integer ≥ 1, got 0');
  });
});

describe('compression', () => {
  test('JSON over 1 KB comes back gzip or br and decodes to the same JSON; small replies stay plain', async () => {
    const t = await build();
    const { id } = await createConversation(t, { description: 'Why the city asks: '.repeat(100) });
    const url = `/api/v1/conversations/${id}`;
    const plain = await t.call({ method: 'GET', url, auth: null });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const gzipped = await t.call({ method: 'GET', url, auth: null, headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(String(gzipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(gzipped.rawPayload.length).toBeLessThan(plain.body.length / 4);
    const brotli = await t.call({ method: 'GET', url, auth: null, headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString('utf8'))).toEqual(plain.json());
    const small = await t.call({ method: 'GET', url: '/health', auth: null, headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  test('CSV exports are compressed too', async () => {
    const t = await build();
    const { id, moderatorKey } = await createConversation(t);
    await seed(t, id, ['Trams every five minutes', 'More parks by the sea']);
    const url = `/api/v1/conversations/${id}/export/comments.csv`;
    const plain = await t.call({ method: 'GET', url, auth: moderatorKey });
    const gzipped = await t.call({ method: 'GET', url, auth: moderatorKey, headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-type']).toContain('text/csv');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
  });

  test('the event stream and the pre-compressed assets are not compressed again', async () => {
    const t = await build();
    const { id } = await createConversation(t);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/conversations/${id}/events`, { headers: { 'accept-encoding': 'gzip, br' }, signal: controller.signal });
    expect(stream.headers.get('content-encoding')).toBeNull();
    expect((await sse(stream).next()).value).toEqual({ event: 'math', data: { type: 'math', tick: 0 } });
    controller.abort();

    const page = await t.call({ method: 'GET', url: `/c/${id}/report`, auth: null });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const identity = await t.call({ method: 'GET', url: script!, auth: null });
    const gzipped = await t.call({ method: 'GET', url: script!, auth: null, headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(identity.body);
  });
});

describe('X-Content-Type-Options', () => {
  test('nosniff on every response: JSON, errors, 404, bad URLs, refused bodies, CORS preflight, docs, pages, assets and the event stream', async () => {
    const t = await build({ cors: ['https://city.example'] });
    const { id } = await createConversation(t);
    const replies = [
      await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null }),
      await t.call({ method: 'GET', url: '/api/v1/conversations/none-here', auth: null }),
      await t.call({ method: 'GET', url: '/api/v1/nothing', auth: null }),
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'content-type': 'application/json' }, payload: '{"statementId": ' }),
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'content-type': 'text/plain' }, payload: 'x' }),
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: 'x', vote: 'agree' } }),
      await t.call({ method: 'GET', url: `/api/v3/conversations?conversation_id=${id}`, auth: null }),
      await t.call({ method: 'OPTIONS', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { origin: 'https://city.example', 'access-control-request-method': 'POST' } }),
      await t.call({ method: 'GET', url: '/docs/json', auth: null }),
      await t.call({ method: 'GET', url: '/health', auth: null }),
      await t.call({ method: 'GET', url: '/api/v1/conversations/%E0%A4%A', auth: null }),
      await t.call({ method: 'POST', url: '/api/v1/conversations', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ topic: 'x'.repeat(200_000) }) }),
    ];
    const page = await t.call({ method: 'GET', url: `/c/${id}/report`, auth: null });
    replies.push(page, await t.call({ method: 'GET', url: /src="(\/assets\/[^"]+\.js)"/.exec(page.body)![1]!, auth: null }));
    for (const res of replies) expect(res.headers['x-content-type-options'], `${res.statusCode} ${res.body.slice(0, 80)}`).toBe('nosniff');
    // Refused before routing, yet in the API's error shape.
    expect(replies[10]!.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const long = await t.call({ method: 'GET', url: `/api/v1/conversations/${'a'.repeat(150)}`, auth: null });
    expect(long.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(long.headers['x-content-type-options']).toBe('nosniff');
    expect(new Set(replies.map((r) => r.statusCode))).toEqual(new Set([200, 204, 400, 404, 413, 415]));
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/conversations/${id}/events`, { signal: controller.signal });
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    controller.abort();
  });
});

describe('ill-formed text', () => {
  test('a lone surrogate anywhere in a body or query is VALIDATION_FAILED naming the field and position, on every route, with nothing stored', async () => {
    const t = await build();
    const { id, moderatorKey } = await createConversation(t);
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, auth: moderatorKey, payload: { text: 'Seed' } });
    const json = (body: string) => ({ 'content-type': 'application/json', body });
    const cases: [Parameters<typeof t.call>[0], string][] = [
      [{ method: 'POST', url: '/api/v1/conversations', headers: { 'content-type': 'application/json' }, payload: '{"topic":"Bike lanes \\ud800"}' }, 'body.topic has a lone surrogate (U+D800) at character 11'],
      [{ method: 'POST', url: '/api/v1/conversations', headers: { 'content-type': 'application/json' }, payload: '{"topic":"ok","description":"\\udc00 x"}' }, 'body.description has a lone surrogate (U+DC00) at character 0'],
      [{ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, headers: { 'content-type': 'application/json' }, payload: '{"topic":"a\\ud83d"}' }, 'body.topic has a lone surrogate (U+D83D) at character 1'],
      [{ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'content-type': 'application/json' }, payload: '{"text":"More trams \\udfff please"}' }, 'body.text has a lone surrogate (U+DFFF) at character 11'],
      [{ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, headers: { 'content-type': 'application/json' }, payload: '{"xid":"user\\ud800"}' }, 'body.xid has a lone surrogate (U+D800) at character 4'],
      [{ method: 'POST', url: '/api/v3/comments', auth: null, headers: { 'content-type': 'application/json' }, payload: `{"conversation_id":"${id}","txt":"\\ud800"}` }, 'body.txt has a lone surrogate (U+D800) at character 0'],
      [{ method: 'PUT', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: moderatorKey, headers: { 'content-type': 'application/json' }, payload: '{"enabled":true,"xids":["a","b\\ud800"]}' }, 'body.xids[1] has a lone surrogate (U+D800) at character 1'],
      [{ method: 'POST', url: '/api/v3/votes', auth: null, headers: { 'content-type': 'application/json' }, payload: `{"conversation_id":"${id}","tid":0,"vote":-1,"x\\ud800":1}` }, 'body (a property name) has a lone surrogate (U+D800) at character 1'],
    ];
    for (const [request, message] of cases) {
      const res = await t.call(request);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: `${message}: text must be well-formed Unicode` });
    }
    // Paired surrogates (an emoji) are fine.
    const emoji = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'content-type': 'application/json' }, payload: '{"text":"Trams \\ud83d\\ude8b"}' });
    expect(emoji.statusCode).toBe(201);
    expect(emoji.json().statement.text).toBe('Trams 🚋');
    const texts = ((await t.app.db.all('SELECT text FROM statements UNION ALL SELECT topic FROM conversations UNION ALL SELECT coalesce(xid, \'\') FROM participants')) as { text: string }[]).map((r) => r.text);
    expect(texts.join('')).not.toContain('\ufffd');
    expect(texts).toHaveLength(4);
  });
});
