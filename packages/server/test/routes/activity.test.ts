import { describe, expect, test } from 'vitest';
import { createConversation, join, seed, sharedApp, vote, type TestApp } from '../helper.js';

const shared = sharedApp();

const at = (iso: string): number => Date.parse(iso);

/** A conversation where each participant votes once, at the given instant (rewritten in the database after the vote). */
async function conversationWithVotesAt(t: TestApp, times: string[], settings: Record<string, unknown> = {}) {
  const { id, moderatorKey } = await createConversation(t, settings);
  const [statement] = await seed(t, id, ['More benches in the park']);
  const { id: internal } = (await t.app.db.get('SELECT id FROM conversations WHERE slug = ?', id)) as { id: number };
  (await t.app.db.run('UPDATE statements SET created_at = ? WHERE conversation_id = ?', at(times[0]!), internal));
  for (const time of times) {
    const person = await join(t, id);
    expect((await vote(t, id, person.token, statement!, 'agree')).statusCode).toBe(200);
    await t.app.kuulo.votes.flush();
    (await t.app.db.run('UPDATE votes SET created_at = ? WHERE conversation_id = ? AND pid = ?', at(time), internal, person.pid));
  }
  return { id, moderatorKey };
}

const activity = async (t: TestApp, id: string, query: string, auth: string | null = null) => {
  const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/activity?${query}`, auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /conversations/:id/activity', () => {
  // Helsinki is UTC+2 in March before the DST change: 09:10 local is 07:10Z.
  const times = [
    ...['07:10', '07:20', '07:40'].map((m) => `2026-03-02T${m}:00Z`),
    ...['08:05', '08:15', '08:25', '08:55'].map((m) => `2026-03-02T${m}:00Z`),
    '2026-03-02T12:05:00Z',
  ];

  test('the moderator sees every local hour as it is: participants, votes and statements', async () => {
    const t = shared();
    const { id, moderatorKey } = await conversationWithVotesAt(t, times);
    const reply = await activity(t, id, 'bucket=hour&timeZone=Europe/Helsinki', moderatorKey);
    expect(reply).toMatchObject({ bucket: 'hour', timeZone: 'Europe/Helsinki', floor: 5, floorApplied: false, withheld: false });
    expect(reply.buckets).toEqual([
      { start: at('2026-03-02T07:00:00Z'), end: at('2026-03-02T08:00:00Z'), participants: 3, votes: 3, statements: 1, merged: false },
      { start: at('2026-03-02T08:00:00Z'), end: at('2026-03-02T09:00:00Z'), participants: 4, votes: 4, statements: 0, merged: false },
      { start: at('2026-03-02T12:00:00Z'), end: at('2026-03-02T13:00:00Z'), participants: 1, votes: 1, statements: 0, merged: false },
    ]);
  });

  test('without a key no span describes fewer than the floor: quiet hours are merged and the last lone voter is withheld', async () => {
    const t = shared();
    const { id } = await conversationWithVotesAt(t, times);
    const reply = await activity(t, id, 'bucket=hour&timeZone=Europe/Helsinki');
    expect(reply).toMatchObject({ floor: 5, floorApplied: true, withheld: true });
    expect(reply.buckets).toEqual([{ start: at('2026-03-02T07:00:00Z'), end: at('2026-03-02T09:00:00Z'), participants: 7, votes: 7, statements: 1, merged: true }]);
    for (const b of reply.buckets) expect(b.participants).toBeGreaterThanOrEqual(5);
    // A participant key is not a moderator key: still under the floor.
    const participant = await join(t, id);
    expect((await activity(t, id, 'bucket=hour&timeZone=Europe/Helsinki', participant.token)).floorApplied).toBe(true);
  });

  test('a lower floor publishes smaller hours; days follow the time zone asked for', async () => {
    const t = shared();
    const { id, moderatorKey } = await conversationWithVotesAt(t, ['2026-03-01T21:30:00Z', '2026-03-01T22:30:00Z', '2026-03-02T10:00:00Z'], { privacyFloor: 2 });
    const utc = await activity(t, id, 'bucket=day', moderatorKey);
    expect(utc.timeZone).toBe('UTC');
    expect(utc.buckets.map((b: { start: number; participants: number }) => [new Date(b.start).toISOString(), b.participants])).toEqual([
      ['2026-03-01T00:00:00.000Z', 2],
      ['2026-03-02T00:00:00.000Z', 1],
    ]);
    // 22:30Z is already 2 March in Helsinki: local midnight is 22:00Z.
    const helsinki = await activity(t, id, 'bucket=day&timeZone=Europe/Helsinki', moderatorKey);
    expect(helsinki.buckets.map((b: { start: number; end: number; participants: number }) => [new Date(b.start).toISOString(), new Date(b.end).toISOString(), b.participants])).toEqual([
      ['2026-02-28T22:00:00.000Z', '2026-03-01T22:00:00.000Z', 1],
      ['2026-03-01T22:00:00.000Z', '2026-03-02T22:00:00.000Z', 2],
    ]);
    const published = await activity(t, id, 'bucket=day&timeZone=Europe/Helsinki');
    expect(published.buckets.map((b: { participants: number; merged: boolean }) => [b.participants, b.merged])).toEqual([[3, true]]);
    expect(published.withheld).toBe(false);
  });

  test('counts kept between requests take in the votes and statements that arrive after them', async () => {
    const t = shared();
    const { id, moderatorKey } = await conversationWithVotesAt(t, ['2026-03-02T07:10:00Z']);
    const before = await activity(t, id, 'bucket=day', moderatorKey);
    expect(before.buckets.map((b: { participants: number; votes: number; statements: number }) => [b.participants, b.votes, b.statements])).toEqual([[1, 1, 1]]);
    // Two more people today (real time), one of them writing a statement (which is also their agree vote).
    const [statement] = await seed(t, id, ['Fewer cars on the shore road']);
    const a = await join(t, id);
    const b = await join(t, id);
    expect((await vote(t, id, a.token, statement!, 'agree')).statusCode).toBe(200);
    expect((await vote(t, id, b.token, statement!, 'disagree')).statusCode).toBe(200);
    const written = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': a.token }, payload: { text: 'Plant more trees by the shore' } });
    expect(written.statusCode, written.body).toBe(201);
    await t.app.kuulo.votes.flush();
    const after = await activity(t, id, 'bucket=day', moderatorKey);
    expect(after.buckets.map((b: { participants: number; votes: number; statements: number }) => [b.participants, b.votes, b.statements])).toEqual([
      [1, 1, 1],
      [2, 3, 2],
    ]);
  });

  test('a conversation without activity has no buckets; bad input is refused naming the value', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    expect((await activity(t, id, '')).buckets).toEqual([]);
    const zone = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/activity?timeZone=Mars/Olympus`, auth: null });
    expect([zone.statusCode, zone.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(zone.json().message).toContain("'Mars/Olympus'");
    const bucket = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/activity?bucket=week`, auth: null });
    expect([bucket.statusCode, bucket.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bucket.json().message).toContain('bucket');
    const missing = await t.call({ method: 'GET', url: '/api/v1/conversations/no-such-thing/activity', auth: null });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'CONVERSATION_NOT_FOUND']);
  });
});
