import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adminKey, createConversation, join, seed, sharedApp } from './helper.js';

const shared = sharedApp({ bodyLimit: 16 * 1024 });

// Every route, with :id and :statementId slots the fuzzer fills.
const routes: [string, string][] = [
  ['GET', '/'],
  ['GET', '/health'],
  ['POST', '/api/v1/conversations'],
  ['GET', '/api/v1/conversations'],
  ['GET', '/api/v1/conversations/:id'],
  ['PATCH', '/api/v1/conversations/:id'],
  ['PUT', '/api/v1/conversations/:id/xid-allowlist'],
  ['GET', '/api/v1/conversations/:id/xid-allowlist'],
  ['POST', '/api/v1/conversations/:id/participants'],
  ['GET', '/api/v1/conversations/:id/participants/me'],
  ['GET', '/api/v1/conversations/:id/statements'],
  ['GET', '/api/v1/conversations/:id/statements/:statementId'],
  ['POST', '/api/v1/conversations/:id/statements'],
  ['PATCH', '/api/v1/conversations/:id/statements/:statementId'],
  ['GET', '/api/v1/conversations/:id/moderation/queue'],
  ['POST', '/api/v1/conversations/:id/seeds'],
  ['POST', '/api/v1/conversations/:id/votes'],
  ['GET', '/api/v1/conversations/:id/votes/me'],
  ['GET', '/api/v1/conversations/:id/next'],
  ['GET', '/api/v1/conversations/:id/math'],
  ['GET', '/api/v1/conversations/:id/math/pca2'],
  ['GET', '/api/v1/conversations/:id/math/status'],
  ['POST', '/api/v1/conversations/:id/math/recompute'],
  ['POST', '/api/v1/conversations/import'],
  ['GET', '/api/v1/conversations/:id/export/:file'],
  ['GET', '/api/v3/conversations'],
  ['GET', '/api/v3/participationInit'],
  ['GET', '/api/v3/nextComment'],
  ['POST', '/api/v3/votes'],
  ['GET', '/api/v3/votes'],
  ['GET', '/api/v3/math/pca2'],
  ['GET', '/api/v3/comments'],
  ['POST', '/api/v3/comments'],
];

const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '..', '../..', '%00', '%', '%zz', '\u0000', 'null', 'undefined', '__proto__', 'constructor', '-1', '1e309', 'NaN', 'a'.repeat(300), '😀'),
);
const idValue = (valid: string) => fc.oneof(fc.constant(valid), fc.constant('no-such-conv'), weirdString);
const statementValue = fc.oneof(fc.constantFrom('0', '1', '2', '999', '-1', '2147483648', '1.5', 'x', '9'.repeat(30)), weirdString);
const fileValue = fc.oneof(fc.constantFrom('comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv', 'math.json', 'math-pca2.json'), weirdString);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({
    statementId: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.jsonValue({ maxDepth: 1 })),
    vote: fc.oneof(fc.constantFrom('agree', 'disagree', 'pass', 'maybe'), fc.jsonValue({ maxDepth: 1 })),
  }),
  fc.record({ text: fc.oneof(weirdString, fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }),
  fc.record({ conversation_id: fc.oneof(weirdString, fc.constant('fuzz')), tid: fc.jsonValue({ maxDepth: 1 }), vote: fc.jsonValue({ maxDepth: 1 }), txt: weirdString }, { requiredKeys: [] }),
);
const rawBody = fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', 'x'.repeat(20_000)),
);
const queryValue = fc.dictionary(fc.constantFrom('limit', 'after', 'state', 'xid', 'without', 'next', 'conversation_id', 'pid', 'math_tick', 'tids', 'moderation', 'mod', 'lang', 'x'), weirdString, { maxKeys: 4 });

describe('fuzzing every route', () => {
  test('random and malformed bodies, headers and ids: never a 5xx, errors are JSON with code and message, refused requests change nothing', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, { id: 'fuzz' });
    await seed(t, id, ['one', 'two', 'three']);
    const { token } = await join(t, id);
    // SQLite counts every row written on the connection; PostgreSQL has no such counter, so there every table's rows are hashed.
    const totalChanges = async (): Promise<number | string> => {
      if (t.app.db.dialect === 'sqlite') return ((await t.app.db.get('SELECT total_changes() AS n')) as { n: number }).n;
      const tables = (await t.app.db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")) as string[];
      const hashes = await Promise.all(tables.map((table) => t.app.db.value(`SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) FROM "${table}" r`)));
      return hashes.join(':');
    };
    const authValue = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(`Bearer ${adminKey}`, `Bearer ${moderatorKey}`, `Bearer ${token}`, 'Bearer', 'Basic abc', `Bearer kmod_${'A'.repeat(32)}`),
      weirdString.map((s) => `Bearer ${s}`),
    );
    const request = fc.record({
      route: fc.constantFrom(...routes),
      id: idValue(id),
      statementId: statementValue,
      file: fileValue,
      query: queryValue,
      body: fc.option(rawBody, { nil: undefined }),
      contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data', ''), { nil: undefined }),
      authorization: authValue,
      participant: fc.option(fc.oneof(fc.constant(token), weirdString), { nil: undefined }),
      ifNoneMatch: fc.option(weirdString, { nil: undefined }),
      method: fc.option(fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'), { nil: undefined }),
    });

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = r.route[1]
          .replace(':id', encodeURIComponent(r.id))
          .replace(':statementId', encodeURIComponent(r.statementId))
          .replace(':file', encodeURIComponent(r.file));
        const headers: Record<string, string> = {};
        if (r.contentType !== undefined) headers['content-type'] = r.contentType;
        if (r.authorization !== undefined) headers.authorization = r.authorization;
        if (r.participant !== undefined) headers['x-participant-token'] = r.participant;
        if (r.ifNoneMatch !== undefined) headers['if-none-match'] = r.ifNoneMatch;
        const before = await totalChanges();
        const method = (r.method ?? r.route[0]) as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS';
        const res = await t.app.inject({ method, url: path, query: r.query, headers, ...(r.body !== undefined && method !== 'GET' && method !== 'HEAD' && { payload: r.body }) });
        expect(res.statusCode, `${method} ${path} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400 && method !== 'HEAD') {
          const body = res.json();
          expect(typeof body.code).toBe('string');
          expect(typeof body.message).toBe('string');
          expect(body.message.length).toBeGreaterThan(0);
          expect(await totalChanges(), `refused ${method} ${path} wrote to the database`).toBe(before);
        }
      }),
      { numRuns: 1500, seed: 20251122 },
    );
    // Prototype pollution attempts never reached a plain object.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.call({ method: 'GET', url: '/health', auth: null })).statusCode).toBe(200);
  });
});
