import { describe, expect, test } from 'vitest';
import type { SqliteDb } from '../../src/db/sqlite.js';
import { build, createConversation, join, onPostgres, seed, sharedApp, vote } from '../helper.js';

const shared = sharedApp();
const submit = (id: string, payload: object, token?: string) =>
  shared().call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, ...(token && { headers: { 'x-participant-token': token } }), payload });

describe('POST /api/v1/conversations/:id/statements', () => {
  test('stores a trimmed statement, creates the participant and records the author agree', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const res = await submit(id, { text: '  More  bike lanes on Mannerheimintie  ', lang: 'en' });
    expect(res.statusCode).toBe(201);
    const { statement, participant } = res.json();
    expect(statement).toMatchObject({ id: 0, text: 'More  bike lanes on Mannerheimintie', lang: 'en', isSeed: false, isMeta: false, moderation: 'pending' });
    expect(participant.token).toMatch(/^kpt_/);
    const votes = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me`, auth: null, headers: { 'x-participant-token': participant.token } });
    expect(votes.json().votes).toEqual([{ statementId: 0, vote: 'agree', createdAt: statement.createdAt }]);
  });

  test('statement text comes back byte for byte as a JSON string (no HTML handling)', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const text = '<script>alert("x")</script> & "quotes" \u2028 ünïcödé 🙂';
    const res = await submit(id, { text });
    expect(res.json().statement.text).toBe(text);
    expect(res.headers['content-type']).toContain('application/json');
  });

  test.each([
    [{ text: '' }, 400, 'VALIDATION_FAILED', 'text'],
    [{ text: '   \n ' }, 400, 'VALIDATION_FAILED', 'body.text is empty after trimming'],
    [{ text: 'x'.repeat(1001) }, 400, 'VALIDATION_FAILED', 'body.text has 1001 characters, more than the limit of 1000'],
    [{ text: 'ok', lang: 'not a language' }, 400, 'VALIDATION_FAILED', 'lang'],
    [{}, 400, 'VALIDATION_FAILED', 'text is required'],
    [{ text: 'ok', vote: 1 }, 400, 'VALIDATION_FAILED', "unknown property 'vote'"],
  ])('refuses %j', async (payload, status, code, words) => {
    const t = shared();
    const { id } = await createConversation(t);
    const res = await submit(id, payload);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code });
    expect(res.json().message).toContain(words);
  });

  test('refuses duplicates ignoring case and spacing', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    await seed(t, id, ['Free public transport']);
    const res = await submit(id, { text: '  FREE   public\ttransport ' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ statusCode: 409, code: 'STATEMENT_DUPLICATE', message: `conversation '${id}' already has this statement` });
  });

  test('refuses statements in closed conversations and leaves no participant behind', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, { open: false });
    const res = await submit(id, { text: 'Too late' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONVERSATION_CLOSED');
    const c = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: moderatorKey });
    expect(c.json().counts).toEqual({ participants: 0, statements: 0, votes: 0 });
  });

  test('enforces the per-conversation statement limit', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const limit = t.app.kuulo.config.limits;
    const saved = limit.statementsPerConversation;
    limit.statementsPerConversation = 2;
    try {
      await seed(t, id, ['one', 'two']);
      const res = await submit(id, { text: 'three' });
      expect(res.json()).toMatchObject({ code: 'STATEMENT_LIMIT', statusCode: 409 });
    } finally {
      limit.statementsPerConversation = saved;
    }
  });

  test('rejected statements do not hold the conversation limit', async () => {
    const t = await build({ limits: { statementsPerConversation: 3 } });
    const { id, moderatorKey } = await createConversation(t);
    const post = (text: string) => t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, payload: { text } });
    for (const text of ['spam one', 'spam two', 'real three']) expect((await post(text)).statusCode).toBe(201);
    const full = await post('real four');
    expect(full.json()).toMatchObject({ code: 'STATEMENT_LIMIT', message: `conversation '${id}' has reached its limit of 3 statements (rejected ones not counted)` });
    for (const tid of [0, 1]) {
      expect((await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, auth: moderatorKey, payload: { moderation: 'rejected' } })).statusCode).toBe(200);
    }
    expect((await post('real four')).statusCode).toBe(201);
    expect((await post('real five')).statusCode).toBe(201);
    expect((await post('real six')).json().code).toBe('STATEMENT_LIMIT');
  });

  // Reads SQLite's query plans (EXPLAIN QUERY PLAN); the allowance itself runs on both backends in the tests around it.
  test.skipIf(onPostgres)('a participant may submit limits.statementsPerParticipant statements, counted by index; seeds are exempt', async () => {
    const t = await build({ limits: { statementsPerParticipant: 2 } });
    const { id, moderatorKey } = await createConversation(t);
    const sql: string[] = [];
    const db = t.app.db as SqliteDb;
    const statement = db.statement.bind(db);
    db.statement = (text, mode) => (sql.push(text), statement(text, mode));
    const { token } = await join(t, id);
    const post = (text: string, as = token) => t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': as }, payload: { text } });
    expect((await post('first')).statusCode).toBe(201);
    expect((await post('second')).statusCode).toBe(201);
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/1`, auth: moderatorKey, payload: { moderation: 'rejected' } });
    const refused = await post('third');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ statusCode: 409, code: 'STATEMENT_ALLOWANCE', message: `this participant has submitted 2 statements to conversation '${id}', the limit per participant` });
    // The Polis route shares the allowance; other participants and the moderator's seeds are not held by it.
    const polis = await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, headers: { 'x-participant-token': token }, payload: { conversation_id: id, txt: 'third via polis' } });
    expect(polis.json().code).toBe('STATEMENT_ALLOWANCE');
    expect((await post('third', (await join(t, id)).token)).statusCode).toBe(201);
    expect(await seed(t, id, ['seed a', 'seed b', 'seed c'])).toHaveLength(3);

    // Every count a submission runs on statements is an index search, never a scan of the table.
    const counts = [...new Set(sql)].filter((q) => /count\(\*\)[\s\S]*FROM statements/i.test(q));
    const plans = await Promise.all(
      counts.map(async (q) => ({ q, plan: ((await t.app.db.all(`EXPLAIN QUERY PLAN ${q}`, ...q.split('?').slice(1).map(() => 0))) as { detail: string }[]).map((r) => r.detail).join('; ') })),
    );
    expect(plans.find((p) => /author_pid/.test(p.q))?.plan).toMatch(/^SEARCH statements USING COVERING INDEX statements_author \(conversation_id=\? AND author_pid=\?\)$/);
    // The conversation limit reads only the index entries of statements not rejected.
    expect(plans.find((p) => /moderation >= 0/.test(p.q))?.plan).toContain('INDEX statements_moderation (conversation_id=? AND moderation>?)');
    for (const { q, plan } of plans) expect(plan, q).toMatch(/^SEARCH statements USING (COVERING )?INDEX/);
  });
});

describe('GET /api/v1/conversations/:id/statements', () => {
  test('pages through visible statements with tallies; strict moderation hides pending ones', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    await seed(t, id, ['a1', 'a2', 'a3']);
    await submit(id, { text: 'pending one' });
    const page1 = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?limit=2`, auth: null })).json();
    expect(page1.items.map((s: { text: string }) => s.text)).toEqual(['a1', 'a2']);
    expect(page1.total).toBe(4);
    const page2 = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?limit=2&after=${page1.next}`, auth: null })).json();
    expect(page2.items.map((s: { text: string; tally: unknown }) => [s.text, s.tally])).toEqual([
      ['a3', { agree: 0, disagree: 0, pass: 0 }],
      ['pending one', { agree: 1, disagree: 0, pass: 0 }],
    ]);
    expect(page2.next).toBeNull();
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { strictModeration: true } });
    const strict = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null })).json();
    expect(strict.items.map((s: { text: string }) => s.text)).toEqual(['a1', 'a2', 'a3']);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?limit=0`, auth: null })).statusCode).toBe(400);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?limit=501`, auth: null })).statusCode).toBe(400);
  });

  test('GET one statement; hidden and unknown ones are STATEMENT_NOT_FOUND', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const [s] = await seed(t, id, ['visible']);
    const { token } = await join(t, id);
    const ok = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/${s}`, auth: null });
    expect(ok.json()).toMatchObject({ id: s, text: 'visible', tally: { agree: 0, disagree: 0, pass: 0 } });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${s}`, auth: moderatorKey, payload: { moderation: 'rejected' } });
    const hidden = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/${s}`, auth: null, headers: { 'x-participant-token': token } });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('STATEMENT_NOT_FOUND');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/999`, auth: null })).json().code).toBe('STATEMENT_NOT_FOUND');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/-1`, auth: null })).json().code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/v1/conversations/:id/statements?changedAfter', () => {
  type Page = { items: { id: number; tally: { agree: number; disagree: number; pass: number } }[]; removed: number[]; next: number | null; total: number; cursor: number };
  const list = async (id: string, query = '') => (await shared().call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?${query}`, auth: null })).json() as Page;

  test('returns exactly the statements whose tally or moderation changed, hidden ones in removed', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const [s0, s1, s2, s3] = await seed(t, id, ['zero', 'one', 'two', 'three']);
    const full = await list(id);
    expect(full.items.map((s) => s.id)).toEqual([s0, s1, s2, s3]);
    expect(full.removed).toEqual([]);
    const nothing = await list(id, `changedAfter=${full.cursor}`);
    expect(nothing).toEqual({ items: [], removed: [], next: null, total: 4, cursor: full.cursor });

    const { token } = await join(t, id);
    const other = await join(t, id);
    await vote(t, id, token, s1!, 'agree');
    await vote(t, id, token, s3!, 'pass');
    await vote(t, id, other.token, s3!, 'disagree');
    const voted = await list(id, `changedAfter=${full.cursor}`);
    expect(voted.items.map((s) => [s.id, s.tally])).toEqual([
      [s1, { agree: 1, disagree: 0, pass: 0 }],
      [s3, { agree: 0, disagree: 1, pass: 1 }],
    ]);
    expect(voted.cursor).toBeGreaterThan(full.cursor);
    // A changed vote moves the counts, not adds to them.
    await vote(t, id, token, s3!, 'agree');
    expect((await list(id, `changedAfter=${voted.cursor}`)).items.map((s) => [s.id, s.tally])).toEqual([[s3, { agree: 1, disagree: 1, pass: 0 }]]);

    const before = (await list(id)).cursor;
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${s2}`, auth: moderatorKey, payload: { moderation: 'rejected' } });
    const added = (await submit(id, { text: 'four, pending' })).json().statement.id as number;
    const moderated = await list(id, `changedAfter=${before}`);
    expect(moderated.items.map((s) => s.id)).toEqual([added]);
    expect(moderated.removed).toEqual([s2]);
    expect(moderated.total).toBe(4);

    // Strict moderation hides every pending statement though none of them changed.
    const loose = (await list(id)).cursor;
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { strictModeration: true } });
    const strict = await list(id, `changedAfter=${loose}`);
    expect(strict).toMatchObject({ items: [], removed: [added], total: 3 });
    expect(strict.cursor).not.toBe(loose);
    expect((await list(id, `changedAfter=${strict.cursor}`)).removed).toEqual([]);
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { strictModeration: false } });
    expect((await list(id, `changedAfter=${strict.cursor}`)).items.map((s) => s.id)).toEqual([added]);

    // Changes page like the full list.
    const page1 = await list(id, `changedAfter=${full.cursor}&limit=2`);
    expect(page1.items.map((s) => s.id)).toEqual([s1]);
    expect(page1.removed).toEqual([s2]);
    const page2 = await list(id, `changedAfter=${full.cursor}&limit=2&after=${page1.next}`);
    expect([...page2.items.map((s) => s.id), ...page2.removed]).toEqual([s3, added]);
    expect(page2.next).toBeNull();
    expect((await shared().call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?changedAfter=-1`, auth: null })).statusCode).toBe(400);
  });

  test('a weak ETag answers 304 until a vote, statement or moderation changes the list', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const [s] = await seed(t, id, ['only']);
    const url = `/api/v1/conversations/${id}/statements`;
    const first = await t.call({ method: 'GET', url, auth: null });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"statements-\d+-\d+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const same = await t.call({ method: 'GET', url, auth: null, headers: { 'if-none-match': etag } });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    const { token } = await join(t, id);
    await vote(t, id, token, s!, 'agree');
    const changed = await t.call({ method: 'GET', url, auth: null, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  // Reads SQLite's query plans of the statements it watches run.
  test.skipIf(onPostgres)('public reads never read votes, current_votes or participants: every query plan stays on statements, statement_tallies and the conversation row', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const tids = await seed(t, id, ['a', 'b', 'c']);
    for (let i = 0; i < 4; i++) {
      const { token } = await join(t, id);
      for (const tid of tids) await vote(t, id, token, tid, i % 2 ? 'agree' : 'disagree');
    }
    const { cursor } = await list(id);
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { strictModeration: true } });
    // Record every query run while the reads are answered, with its parameters.
    const statement = Object.getPrototypeOf((t.app.db as SqliteDb).connection.prepare('SELECT 1')) as Record<'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>;
    const ran: { sql: string; args: unknown[] }[] = [];
    const spies = (['get', 'all', 'iterate'] as const).map((method) => {
      const original = statement[method];
      statement[method] = function (this: { source: string }, ...args: unknown[]) {
        ran.push({ sql: this.source, args });
        return original.apply(this, args);
      };
      return () => (statement[method] = original);
    });
    try {
      for (const url of [
        `/api/v1/conversations/${id}/statements`,
        `/api/v1/conversations/${id}/statements?changedAfter=0`,
        `/api/v1/conversations/${id}/statements?changedAfter=${cursor}`,
        `/api/v1/conversations/${id}/statements/${tids[0]}`,
        `/api/v1/conversations/${id}`,
        `/api/v3/comments?conversation_id=${id}`,
        `/api/v3/conversations?conversation_id=${id}`,
      ]) {
        expect((await t.call({ method: 'GET', url, auth: null })).statusCode, url).toBe(200);
      }
    } finally {
      for (const restore of spies) restore();
    }
    const reads = ran.filter((q) => /^\s*SELECT/i.test(q.sql));
    expect(reads.some((q) => /statement_tallies/.test(q.sql))).toBe(true);
    for (const q of reads) {
      const plan = ((await t.app.db.all(`EXPLAIN QUERY PLAN ${q.sql}`, ...q.args)) as { detail: string }[]).map((r) => r.detail).join('; ');
      expect(plan, q.sql).not.toMatch(/\b(votes|current_votes|participants)\b/);
      expect(plan, q.sql).not.toMatch(/SCAN statement_tallies/);
    }
  });
});
