import { describe, expect, test } from 'vitest';
import { createConversation, join, seed, sharedApp } from '../helper.js';

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
