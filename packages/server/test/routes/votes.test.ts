import { describe, expect, test } from 'vitest';
import { createConversation, join, seed, sharedApp, vote } from '../helper.js';

const shared = sharedApp();

async function setup(texts = ['s0', 's1', 's2', 's3']) {
  const t = shared();
  const c = await createConversation(t);
  const ids = await seed(t, c.id, texts);
  return { t, ...c, ids };
}

describe('POST /api/v1/conversations/:id/votes', () => {
  test('acknowledges a committed vote; a changed vote replaces it and the history keeps both', async () => {
    const { t, id, ids } = await setup();
    const { token, pid } = await join(t, id);
    const first = await vote(t, id, token, ids[0]!, 'agree');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ statementId: ids[0], vote: 'agree', participant: { pid } });
    expect(first.json().participant.token).toBeUndefined();
    await vote(t, id, token, ids[0]!, 'disagree');
    const mine = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me`, auth: null, headers: { 'x-participant-token': token } })).json();
    expect(mine.votes.map((v: { statementId: number; vote: string }) => [v.statementId, v.vote])).toEqual([[ids[0], 'disagree']]);
    const history = (await t.app.db.all('SELECT v.vote FROM votes v JOIN conversations c ON c.id = v.conversation_id WHERE c.slug = ? ORDER BY v.id', id))
      .map((r) => (r as { vote: number }).vote);
    expect(history).toEqual([1, -1]);
    const tally = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/${ids[0]}`, auth: null })).json().tally;
    expect(tally).toEqual({ agree: 0, disagree: 1, pass: 0 });
  });

  test('first contact without a token creates a participant and returns its token', async () => {
    const { t, id, ids } = await setup();
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: ids[1], vote: 'pass' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().participant.token).toMatch(/^kpt_/);
    const byXid = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: ids[1], vote: 'agree', xid: 'platform-7' } });
    expect(byXid.json().participant).toEqual({ pid: 1, xid: 'platform-7' });
  });

  test('?next=true returns a statement not yet voted on', async () => {
    const { t, id, ids } = await setup();
    const { token } = await join(t, id);
    const seen = new Set<number>();
    let current = ids[0]!;
    for (let i = 0; i < ids.length; i++) {
      const res = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes?next=true`, auth: null, headers: { 'x-participant-token': token }, payload: { statementId: current, vote: 'agree' } })).json();
      seen.add(current);
      expect(res.next.remaining).toBe(ids.length - seen.size);
      if (res.next.statement === null) break;
      expect(seen.has(res.next.statement.id)).toBe(false);
      current = res.next.statement.id;
    }
    expect(seen.size).toBe(ids.length);
  });

  test('refuses votes on closed conversations, rejected and (strict) pending statements, with nothing written', async () => {
    const { t, id, moderatorKey, ids } = await setup();
    const { token } = await join(t, id);
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${ids[1]}`, auth: moderatorKey, payload: { moderation: 'rejected' } });
    const rejected = await vote(t, id, token, ids[1]!, 'agree');
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json()).toEqual({ statusCode: 409, code: 'STATEMENT_REJECTED', message: `statement ${ids[1]} was rejected by a moderator and cannot be voted on` });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${ids[2]}`, auth: moderatorKey, payload: { moderation: 'pending' } });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { strictModeration: true } });
    const pending = await vote(t, id, token, ids[2]!, 'agree');
    expect(pending.json()).toMatchObject({ statusCode: 409, code: 'STATEMENT_NOT_ACCEPTED' });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { open: false } });
    const closed = await vote(t, id, token, ids[0]!, 'agree');
    expect(closed.json()).toEqual({ statusCode: 409, code: 'CONVERSATION_CLOSED', message: `conversation '${id}' is closed: votes are no longer accepted` });
    const anon = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: ids[0], vote: 'agree' } });
    expect(anon.json().code).toBe('CONVERSATION_CLOSED');
    const counts = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null })).json().counts;
    expect(counts).toEqual({ participants: 1, statements: 4, votes: 0 });
  });

  test.each([
    [{ statementId: 0, vote: 'yes' }, 'VALIDATION_FAILED', 'vote must be one of agree, disagree, pass'],
    [{ statementId: -3, vote: 'agree' }, 'VALIDATION_FAILED', 'statementId'],
    [{ statementId: 'zero', vote: 'agree' }, 'VALIDATION_FAILED', 'statementId'],
    [{ vote: 'agree' }, 'VALIDATION_FAILED', 'statementId is required'],
    [{ statementId: 99, vote: 'agree' }, 'STATEMENT_NOT_FOUND', 'statement 99 does not exist'],
  ])('refuses %j', async (payload, code, words) => {
    const { t, id } = await setup();
    const { token } = await join(t, id);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'x-participant-token': token }, payload });
    expect(res.json().code).toBe(code);
    expect(res.json().message).toContain(words);
  });

  test('refuses an unknown token and an unknown conversation', async () => {
    const { t, id, ids } = await setup();
    const bad = await vote(t, id, 'kpt_' + 'B'.repeat(32), ids[0]!, 'agree');
    expect(bad.json()).toMatchObject({ statusCode: 401, code: 'PARTICIPANT_TOKEN_INVALID' });
    const none = await vote(t, 'no-such', 'kpt_' + 'B'.repeat(32), 0, 'agree');
    expect(none.json().code).toBe('CONVERSATION_NOT_FOUND');
  });
});

describe('GET /api/v1/conversations/:id/next', () => {
  test('never offers a statement already voted on, skips `without`, and ends with null', async () => {
    const { t, id, ids } = await setup(Array.from({ length: 12 }, (_, i) => `statement ${i}`));
    const { token } = await join(t, id);
    const headers = { 'x-participant-token': token };
    for (let i = 0; i < ids.length; i++) {
      const next = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers })).json();
      expect(next.total).toBe(12);
      expect(next.remaining).toBe(12 - i);
      const mine = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me`, auth: null, headers })).json().votes.map((v: { statementId: number }) => v.statementId);
      expect(mine).not.toContain(next.statement.id);
      if (next.remaining > 1) {
        const other = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?without=${next.statement.id}`, auth: null, headers })).json();
        expect(other.statement.id).not.toBe(next.statement.id);
      }
      await vote(t, id, token, next.statement.id, 'pass');
    }
    const done = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers })).json();
    expect(done).toEqual({ statement: null, remaining: 0, total: 12 });
  });

  test('the draw is seeded per participant: the same question again gives the same answer', async () => {
    const { t, id } = await setup(Array.from({ length: 30 }, (_, i) => `statement ${i}`));
    const picks: number[] = [];
    for (let p = 0; p < 6; p++) {
      const { token } = await join(t, id);
      const headers = { 'x-participant-token': token };
      const a = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers })).json().statement.id;
      const b = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers })).json().statement.id;
      expect(b).toBe(a);
      picks.push(a);
    }
    // Different participants do not all get the same first statement.
    expect(new Set(picks).size).toBeGreaterThan(1);
  });

  test('strict moderation offers accepted statements only; errors for bad input', async () => {
    const t = shared();
    const { id } = await createConversation(t, { strictModeration: true });
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, payload: { text: 'pending' } });
    const next = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null })).json();
    expect(next).toEqual({ statement: null, remaining: 0, total: 0 });
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next?without=x`, auth: null })).json().code).toBe('VALIDATION_FAILED');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null, headers: { 'x-participant-token': 'kpt_zz' } })).json().code).toBe('PARTICIPANT_TOKEN_INVALID');
  });
});

describe('GET /api/v1/conversations/:id/votes/me', () => {
  test('needs an identity', async () => {
    const { t, id } = await setup();
    const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me`, auth: null });
    expect(res.json()).toMatchObject({ statusCode: 401, code: 'PARTICIPANT_REQUIRED' });
  });
});
