import { describe, expect, test } from 'vitest';
import { createConversation, seed, sharedApp } from '../helper.js';

const shared = sharedApp();

async function withPending(n: number) {
  const t = shared();
  const c = await createConversation(t, { strictModeration: true });
  for (let i = 0; i < n; i++) await t.call({ method: 'POST', url: `/api/v1/conversations/${c.id}/statements`, auth: null, payload: { text: `Proposal ${i}` } });
  return { t, ...c };
}

describe('GET /api/v1/conversations/:id/moderation/queue', () => {
  test('pages through pending statements with authors and tallies', async () => {
    const { t, id, moderatorKey } = await withPending(5);
    const q = (qs: string) => t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue${qs}`, auth: moderatorKey });
    const first = (await q('?limit=2')).json();
    expect(first.total).toBe(5);
    expect(first.items.map((s: { id: number }) => s.id)).toEqual([0, 1]);
    expect(first.items[0]).toMatchObject({ text: 'Proposal 0', authorPid: 0, moderation: 'pending', moderatedAt: null, tally: { agree: 1, disagree: 0, pass: 0 } });
    const ids: number[] = [];
    let after: number | null = -1;
    while (after !== null) {
      const page: { items: { id: number }[]; next: number | null } = (await q(`?limit=2&after=${after}`)).json();
      ids.push(...page.items.map((s) => s.id));
      after = page.next;
    }
    expect(ids).toEqual([0, 1, 2, 3, 4]);
    expect((await q('?state=accepted')).json().total).toBe(0);
    expect((await q('?state=bogus')).json().code).toBe('VALIDATION_FAILED');
  });

  test('needs the moderator key of this conversation', async () => {
    const { t, id } = await withPending(1);
    const other = await createConversation(t);
    const none = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue`, auth: null });
    expect(none.json()).toMatchObject({ statusCode: 401, code: 'AUTH_REQUIRED' });
    const wrong = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue`, auth: other.moderatorKey });
    expect(wrong.json()).toMatchObject({ statusCode: 401, code: 'AUTH_INVALID' });
  });
});

describe('PATCH /api/v1/conversations/:id/statements/:statementId', () => {
  test('accepts, rejects, marks meta and moves statements between queue states', async () => {
    const { t, id, moderatorKey } = await withPending(3);
    const patch = (tid: number, payload: object) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, auth: moderatorKey, payload });
    const accepted = await patch(0, { moderation: 'accepted' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: 0, moderation: 'accepted' });
    expect(accepted.json().moderatedAt).toBeTypeOf('number');
    expect((await patch(1, { moderation: 'rejected' })).json().moderation).toBe('rejected');
    expect((await patch(2, { isMeta: true })).json()).toMatchObject({ isMeta: true, moderation: 'pending' });
    const count = async (state: string) => (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/queue?state=${state}`, auth: moderatorKey })).json().total;
    expect([await count('pending'), await count('accepted'), await count('rejected'), await count('meta'), await count('all')]).toEqual([1, 1, 1, 1, 3]);
    // Participants now see only the accepted one (strict moderation).
    const visible = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements`, auth: null })).json();
    expect(visible.items.map((s: { id: number }) => s.id)).toEqual([0]);
  });

  test('errors: unknown statement, empty body, bad state, no key', async () => {
    const { t, id, moderatorKey } = await withPending(1);
    const patch = (tid: number | string, payload: object, auth: string | null = moderatorKey) =>
      t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${tid}`, auth, payload });
    expect((await patch(7, { moderation: 'accepted' })).json()).toMatchObject({ statusCode: 404, code: 'STATEMENT_NOT_FOUND', message: `statement 7 does not exist in conversation '${id}'` });
    expect((await patch(0, {})).json().code).toBe('VALIDATION_FAILED');
    expect((await patch(0, { moderation: 'maybe' })).json().message).toContain('must be one of pending, accepted, rejected');
    expect((await patch('abc', { moderation: 'accepted' })).json().code).toBe('VALIDATION_FAILED');
    expect((await patch(0, { moderation: 'accepted' }, null)).json().code).toBe('AUTH_REQUIRED');
  });
});

describe('POST /api/v1/conversations/:id/seeds', () => {
  test('adds accepted seed statements, optionally meta', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, { strictModeration: true });
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, auth: moderatorKey, payload: { text: 'Is this survey clear?', isMeta: true, lang: 'en' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: 0, isSeed: true, isMeta: true, moderation: 'accepted', lang: 'en' });
    await seed(t, id, ['Second']);
    const dup = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, auth: moderatorKey, payload: { text: 'second' } });
    expect(dup.json().code).toBe('STATEMENT_DUPLICATE');
    const anon = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, auth: null, payload: { text: 'x' } });
    expect(anon.json().code).toBe('AUTH_REQUIRED');
    const long = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, auth: moderatorKey, payload: { text: 'y'.repeat(1001) } });
    expect(long.json().code).toBe('VALIDATION_FAILED');
  });
});
