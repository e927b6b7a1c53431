import { describe, expect, test } from 'vitest';
import { createConversation, join, seed, sharedApp, vote, type TestApp } from '../helper.js';

const shared = sharedApp({ math: { enabled: true, debounceMs: 20 } });

/** Camp A agrees with all 8 statements, camp B disagrees with all: the math finds one group per camp. */
async function camps(t: TestApp, a: number, b: number, settings: Record<string, unknown> = {}) {
  const { id, moderatorKey } = await createConversation(t, settings);
  const statements = await seed(t, id, Array.from({ length: 8 }, (_, i) => `Statement number ${i + 1} about the park`));
  const people: { pid: number; token: string; camp: 'a' | 'b' }[] = [];
  for (let p = 0; p < a + b; p++) {
    const person = { ...(await join(t, id)), camp: p < a ? ('a' as const) : ('b' as const) };
    for (const s of statements) expect((await vote(t, id, person.token, s, person.camp === 'a' ? 'agree' : 'disagree')).statusCode).toBeLessThan(300);
    people.push(person);
  }
  expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: moderatorKey })).statusCode).toBe(200);
  return { id, moderatorKey, people };
}

const get = async (t: TestApp, url: string, auth: string | null = null, headers: Record<string, string> = {}) => {
  const res = await t.call({ method: 'GET', url, auth, headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

describe('privacy floor on the public math', () => {
  test('at 5 participants no group is published: /math, /math/participant and /math/pca2 say so', async () => {
    const t = shared();
    const { id, moderatorKey, people } = await camps(t, 3, 2);
    const raw = await get(t, `/api/v1/conversations/${id}/math/pca2`, moderatorKey);
    expect(raw['group-clusters'].length).toBe(2);
    const { result } = await get(t, `/api/v1/conversations/${id}/math`);
    expect(result.privacy).toEqual({ floor: 5, mapMinimum: 7, participants: 5, published: false, hiddenGroups: 2, hiddenParticipants: 5 });
    expect(result.groups).toEqual([]);
    expect(result.participantGroup).toEqual([null, null, null, null, null]);
    const { view, you } = await get(t, `/api/v1/conversations/${id}/math/participant`, null, { 'x-participant-token': people[0]!.token });
    expect(view.privacy).toEqual(result.privacy);
    expect([view.groups, view.counts.grouped, you.group]).toEqual([[], 0, null]);
    for (const url of [`/api/v1/conversations/${id}/math/pca2`, `/api/v3/math/pca2?conversation_id=${id}`]) {
      const pca2 = await get(t, url);
      expect([pca2['group-clusters'], pca2['group-votes'], pca2.repness]).toEqual([[], {}, {}]);
    }
  });

  test('a planted 1-person group is absent from /math, /math/participant and /math/pca2; the moderator export keeps every vote', async () => {
    const t = shared();
    const { id, moderatorKey, people } = await camps(t, 12, 1);
    const loner = people.find((p) => p.camp === 'b')!;
    const raw = await get(t, `/api/v1/conversations/${id}/math/pca2`, moderatorKey);
    expect(raw['group-clusters'].map((g: { members: number[] }) => g.members.length > 0)).toEqual([true, true]);
    expect(Object.values(raw['group-votes']).map((g) => (g as { 'n-members': number })['n-members']).sort((x, y) => x - y)).toEqual([1, 12]);

    const { result } = await get(t, `/api/v1/conversations/${id}/math`);
    expect(result.privacy).toEqual({ floor: 5, mapMinimum: 7, participants: 13, published: true, hiddenGroups: 1, hiddenParticipants: 1 });
    expect(result.groups.map((g: { size: number }) => g.size)).toEqual([12]);
    expect(result.participantGroup[result.participants.indexOf(loner.pid)]).toBeNull();
    expect(result.participantGroup.filter((g: number | null) => g !== null).length).toBe(12);

    const { view, you } = await get(t, `/api/v1/conversations/${id}/math/participant`, null, { 'x-participant-token': loner.token });
    expect(view.groups.map((g: { size: number }) => g.size)).toEqual([12]);
    expect(view.privacy.hiddenParticipants).toBe(1);
    expect(you.group).toBeNull();
    for (const e of view.groups[0].repness) expect(e.agree + e.disagree + e.pass).toBe(e.nTrials);

    for (const url of [`/api/v1/conversations/${id}/math/pca2`, `/api/v3/math/pca2?conversation_id=${id}`]) {
      const pca2 = await get(t, url);
      expect(pca2['group-clusters'].length).toBe(1);
      expect(Object.values(pca2['group-votes']).map((g) => (g as { 'n-members': number })['n-members'])).toEqual([12]);
      expect(Object.keys(pca2.repness)).toEqual(Object.keys(pca2['group-votes']));
    }
    // The public and the moderator's pca2 never share an ETag.
    const publicTag = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/pca2`, auth: null })).headers.etag;
    const rawTag = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/pca2`, auth: moderatorKey })).headers.etag;
    expect(publicTag).not.toBe(rawTag);

    // Raw exports are the moderator's: every vote, and the loner's own group id.
    const votesCsv = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/votes.csv`, auth: moderatorKey });
    expect(votesCsv.body.trimEnd().split('\n').length - 1).toBe(13 * 8);
    const rows = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/participants-votes.csv`, auth: moderatorKey })).body.trimEnd().split('\n');
    const lonerRow = rows.find((r) => r.startsWith(`${loner.pid},`))!;
    expect(lonerRow.split(',')[1]).not.toBe('');
  });

  test('settings: defaults in the conversation JSON, set on creation, changed by PATCH (a new floor recomputes), refused out of range naming field and value', async () => {
    const t = shared();
    const { id, moderatorKey } = await camps(t, 12, 1, { headlineMinVotes: 20 });
    const conversation = await get(t, `/api/v1/conversations/${id}`);
    expect([conversation.privacyFloor, conversation.headlineMinVotes, conversation.headlineMinGroupVotes]).toEqual([5, 20, 5]);
    const before = (await get(t, `/api/v1/conversations/${id}/math/status`)).tick;

    for (const [field, value, message] of [
      ['privacyFloor', 1, 'privacyFloor must be >= 2, got 1'],
      ['privacyFloor', 101, 'privacyFloor must be <= 100, got 101'],
      ['privacyFloor', 5.5, 'privacyFloor must be integer, got 5.5'],
      ['headlineMinVotes', 0, 'headlineMinVotes must be >= 1, got 0'],
      ['headlineMinGroupVotes', 'ten', 'headlineMinGroupVotes must be integer, got "ten"'],
    ] as const) {
      const res = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { [field]: value } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json().message).toContain(message);
    }

    const patched = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { privacyFloor: 13, headlineMinGroupVotes: 8 } });
    expect(patched.statusCode).toBe(200);
    expect([patched.json().privacyFloor, patched.json().headlineMinGroupVotes]).toEqual([13, 8]);
    await t.app.kuulo.math.idle((await t.app.db.value('SELECT id FROM conversations WHERE slug = ?', id)) as number);
    const { tick, result } = await get(t, `/api/v1/conversations/${id}/math`);
    expect(tick).toBeGreaterThan(before);
    // Floor 13 with 13 participants: published, but the group of 12 is now below it.
    expect(result.privacy).toMatchObject({ floor: 13, mapMinimum: 13, published: true, hiddenGroups: 2 });
    expect(result.groups).toEqual([]);
    const refused = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: null, payload: { privacyFloor: 2 } });
    expect(refused.statusCode).toBe(401);
  });
});
