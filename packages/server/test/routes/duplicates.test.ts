import { describe, expect, test, vi } from 'vitest';
import { createConversation, join, seed, sharedApp } from '../helper.js';

// Building the app compiles every route schema: on a 2-core machine shared with other suites that can pass the 10 s default.
vi.setConfig({ hookTimeout: 60_000 });
const shared = sharedApp();

async function setUp(strictModeration = false) {
  const t = shared();
  const c = await createConversation(t, { strictModeration });
  const [original] = await seed(t, c.id, ['Buses should run more often in the evening.']);
  const author = await join(t, c.id);
  const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${c.id}/statements`, auth: null, headers: { 'x-participant-token': author.token }, payload: { text: 'Buses should run more often in the evenings!' } });
  const repeat: number = res.json().statement.id;
  const patch = (tid: number, payload: object) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${c.id}/statements/${tid}`, auth: c.moderatorKey, payload });
  const mine = () => t.call({ method: 'GET', url: `/api/v1/conversations/${c.id}/participants/me/duplicates`, auth: null, headers: { 'x-participant-token': author.token } });
  return { t, ...c, original: original!, repeat, patch, mine };
}

describe('PATCH /api/v1/conversations/:id/statements/:statementId with duplicateOf', () => {
  test('rejects as a duplicate of #N and answers with the likely duplicates', async () => {
    const { original, repeat, patch } = await setUp();
    const res = await patch(repeat, { moderation: 'rejected', duplicateOf: original });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: repeat, moderation: 'rejected', duplicateOf: original, similar: [{ statementId: original }] });
    expect(res.json().similar[0].score).toBeGreaterThan(0.5);
    // Accepting it after all clears the mark; the finder's own guess remains.
    const accepted = (await patch(repeat, { moderation: 'accepted' })).json();
    expect(accepted.duplicateOf).toBe(original);
    expect((await patch(repeat, { moderation: 'rejected' })).json().duplicateOf).toBe(original);
  });

  test('tells the author which statement to vote on instead', async () => {
    const { original, repeat, patch, mine } = await setUp();
    expect((await mine()).json()).toEqual({ items: [], pending: [repeat] });
    await patch(repeat, { moderation: 'rejected', duplicateOf: original });
    expect((await mine()).json()).toEqual({
      items: [{ statementId: repeat, text: 'Buses should run more often in the evenings!', duplicateOf: { id: original, text: 'Buses should run more often in the evening.', lang: null } }],
      pending: [],
    });
    await patch(repeat, { moderation: 'accepted' });
    expect((await mine()).json().items).toEqual([]);
  });

  test('a participant without statements, or unknown, gets an empty list', async () => {
    const { t, id } = await setUp();
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me/duplicates`, auth: null })).json()).toEqual({ items: [], pending: [] });
    const other = await join(t, id);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me/duplicates`, auth: null, headers: { 'x-participant-token': other.token } })).json()).toEqual({ items: [], pending: [] });
  });

  test('refuses a duplicateOf without rejection, of itself, unknown or rejected', async () => {
    const { original, repeat, patch, t, id } = await setUp();
    const bad = async (payload: object) => (await patch(repeat, payload)).json();
    expect(await bad({ duplicateOf: original })).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining("needs moderation 'rejected'") });
    expect(await bad({ moderation: 'accepted', duplicateOf: original })).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining("got 'accepted'") });
    expect(await bad({ moderation: 'rejected', duplicateOf: repeat })).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('itself') });
    expect(await bad({ moderation: 'rejected', duplicateOf: 77 })).toMatchObject({ statusCode: 404, code: 'STATEMENT_NOT_FOUND', message: expect.stringContaining('statement 77') });
    const [third] = await seed(t, id, ['Something else entirely.']);
    await patch(third!, { moderation: 'rejected' });
    expect(await bad({ moderation: 'rejected', duplicateOf: third })).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(`statement ${third} is rejected itself`) });
    // Nothing changed.
    expect((await patch(repeat, { isMeta: false })).json()).toMatchObject({ moderation: 'pending' });
  });

  test('under strict moderation the author is pointed only at a statement they can see', async () => {
    const { t, id, repeat, patch, mine } = await setUp(true);
    const author = await join(t, id);
    const pending = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': author.token }, payload: { text: 'Evening buses, more of them.' } })).json().statement.id;
    await patch(repeat, { moderation: 'rejected', duplicateOf: pending });
    expect((await mine()).json().items).toEqual([]);
    await patch(pending, { moderation: 'accepted' });
    expect((await mine()).json().items.map((i: { duplicateOf: { id: number } }) => i.duplicateOf.id)).toEqual([pending]);
  });
});
