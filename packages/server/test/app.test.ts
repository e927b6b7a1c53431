import { describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { build, open } from './helper.js';

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
    const stored = first.app.db.prepare("SELECT value FROM settings WHERE key = 'admin_key_hash'").get() as { value: string };
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
