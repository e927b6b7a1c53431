import { describe, expect, test } from 'vitest';
import { createConversation, seed, sharedApp } from '../helper.js';

const shared = sharedApp();

async function setup(options: Record<string, unknown> = {}) {
  const t = shared();
  const c = await createConversation(t, options);
  const ids = await seed(t, c.id, ['Trams are too slow', 'More parks', 'Fewer cars downtown']);
  return { t, ...c, ids };
}

describe('Polis-compatible /api/v3', () => {
  test('participationInit → POST votes (internal sign) → nextComment → GET votes, with the identity in a cookie', async () => {
    const { t, id, ids } = await setup();
    const init = await t.call({ method: 'GET', url: `/api/v3/participationInit?conversation_id=${id}&pid=mypid&lang=fi`, auth: null });
    expect(init.statusCode).toBe(200);
    const body = init.json();
    expect(body.ptpt).toBeNull();
    expect(body.conversation).toMatchObject({ conversation_id: id, topic: 'Test topic', is_active: true, strict_moderation: false });
    expect(body.nextComment).toMatchObject({ remaining: 3, total: 3 });
    expect(ids).toContain(body.nextComment.tid);
    expect(body.pca).toBeNull();
    expect(body.acceptLanguage).toBe('fi');

    // −1 is agree in Polis's internal convention.
    const voted = await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: body.nextComment.tid, vote: -1, pid: 'mypid', agid: 1, lang: 'fi' } });
    expect(voted.statusCode).toBe(200);
    const v = voted.json();
    expect(v.currentPid).toBe(0);
    expect(v.auth.token).toMatch(/^kpt_/);
    expect(v.nextComment.remaining).toBe(2);
    expect(v.nextComment.tid).not.toBe(body.nextComment.tid);
    const cookie = String(voted.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(new RegExp(`^kuulo_pt_${id}=kpt_`));
    expect(String(voted.headers['set-cookie'])).toContain('HttpOnly');

    const again = await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, headers: { cookie }, payload: { conversation_id: id, tid: v.nextComment.tid, vote: 1, pid: 'mypid' } });
    expect(again.json().currentPid).toBe(0);
    expect(again.json().auth).toBeUndefined();
    const mine = (await t.call({ method: 'GET', url: `/api/v3/votes?conversation_id=${id}&pid=mypid`, auth: null, headers: { cookie } })).json();
    expect(mine.map((r: { tid: number; vote: number }) => [r.tid, r.vote])).toEqual(
      [
        [body.nextComment.tid, -1],
        [v.nextComment.tid, 1],
      ].sort((a, b) => a[0]! - b[0]!),
    );
    // Our own API sees the same votes in the public sign.
    const ours = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me`, auth: null, headers: { 'x-participant-token': v.auth.token } })).json();
    expect(ours.votes.find((x: { statementId: number }) => x.statementId === body.nextComment.tid).vote).toBe('agree');
    const next = (await t.call({ method: 'GET', url: `/api/v3/nextComment?conversation_id=${id}&not_voted_by_pid=mypid`, auth: null, headers: { cookie } })).json();
    expect(next.remaining).toBe(1);
    const init2 = (await t.call({ method: 'GET', url: `/api/v3/participationInit?conversation_id=${id}&pid=mypid`, auth: null, headers: { cookie } })).json();
    expect(init2.ptpt).toEqual({ pid: 0, conversation_id: id });
    expect(init2.votes).toHaveLength(2);
  });

  test('xid participants and the pid check', async () => {
    const { t, id, ids } = await setup();
    const a = (await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: ids[0], vote: 0, xid: 'ext-1' } })).json();
    expect(a.currentPid).toBe(0);
    expect(a.auth).toBeUndefined();
    const other = await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: ids[1], vote: 0, xid: 'ext-2', pid: 0 } });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN', message: 'pid 0 is not the participant identified by this request; use pid=mypid' });
    const peek = await t.call({ method: 'GET', url: `/api/v3/votes?conversation_id=${id}&pid=0`, auth: null });
    expect(peek.statusCode).toBe(403);
    expect(peek.json().code).toBe('DATA_NOT_OPEN');
    const own = await t.call({ method: 'GET', url: `/api/v3/votes?conversation_id=${id}&pid=0&xid=ext-1`, auth: null });
    expect(own.json()).toHaveLength(1);
    expect((await t.call({ method: 'GET', url: `/api/v3/votes?conversation_id=${id}`, auth: null })).json()).toEqual([]);
  });

  test('comments: visible list with counts, moderation view with a key, POST a comment and a seed', async () => {
    const { t, id, moderatorKey, ids } = await setup({ strictModeration: true });
    const posted = await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, payload: { conversation_id: id, txt: 'Build a sauna by the sea', pid: 'mypid', vote: -1 } });
    expect(posted.statusCode).toBe(200);
    expect(posted.json()).toMatchObject({ tid: 3, currentPid: 0 });
    const visible = (await t.call({ method: 'GET', url: `/api/v3/comments?conversation_id=${id}`, auth: null })).json();
    expect(visible.map((c: { tid: number }) => c.tid)).toEqual(ids);
    expect(visible[0]).toMatchObject({ txt: 'Trams are too slow', tid: 0, mod: 1, is_seed: true, agree_count: 0, count: 0, conversation_id: id });
    const all = (await t.call({ method: 'GET', url: `/api/v3/comments?conversation_id=${id}&moderation=true`, auth: moderatorKey })).json();
    expect(all.map((c: { tid: number; mod: number; agree_count: number }) => [c.tid, c.mod, c.agree_count])).toContainEqual([3, 0, 1]);
    const pendingOnly = (await t.call({ method: 'GET', url: `/api/v3/comments?conversation_id=${id}&moderation=true&mod=0`, auth: moderatorKey })).json();
    expect(pendingOnly).toHaveLength(1);
    const byTids = (await t.call({ method: 'GET', url: `/api/v3/comments?conversation_id=${id}&tids=1&tids=2`, auth: null })).json();
    expect(byTids.map((c: { tid: number }) => c.tid)).toEqual([1, 2]);
    expect((await t.call({ method: 'GET', url: `/api/v3/comments?conversation_id=${id}&moderation=true`, auth: null })).json().code).toBe('AUTH_REQUIRED');
    const seedRes = await t.call({ method: 'POST', url: '/api/v3/comments', auth: moderatorKey, payload: { conversation_id: id, txt: 'Seeded by the city', is_seed: true } });
    expect(seedRes.json()).toEqual({ tid: 4, currentPid: null });
    const anonSeed = await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, payload: { conversation_id: id, txt: 'Not a seed', is_seed: true } });
    expect(anonSeed.json().code).toBe('AUTH_REQUIRED');
    const dup = await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, payload: { conversation_id: id, txt: 'more parks' } });
    expect(dup.json().code).toBe('STATEMENT_DUPLICATE');
  });

  test('GET /api/v3/conversations and math/pca2 before any math (404 MATH_NOT_READY, not an empty 304)', async () => {
    const { t, id } = await setup();
    const conv = (await t.call({ method: 'GET', url: `/api/v3/conversations?conversation_id=${id}`, auth: null })).json();
    expect(conv).toMatchObject({ conversation_id: id, use_xid_whitelist: false, participant_count: 0 });
    const math = await t.call({ method: 'GET', url: `/api/v3/math/pca2?conversation_id=${id}&math_tick=-1`, auth: null });
    expect(math.statusCode).toBe(404);
    expect(math.json()).toMatchObject({ code: 'MATH_NOT_READY', message: `conversation '${id}' has no math yet (no votes, or still computing)` });
  });

  test('errors keep the JSON shape: missing conversation_id, unknown conversation, bad vote', async () => {
    const t = shared();
    const noId = await t.call({ method: 'GET', url: '/api/v3/participationInit', auth: null });
    expect(noId.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'querystring: conversation_id is required' });
    const unknown = await t.call({ method: 'GET', url: '/api/v3/nextComment?conversation_id=zzz', auth: null });
    expect(unknown.json().code).toBe('CONVERSATION_NOT_FOUND');
    const { id } = await setup();
    const badVote = await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: 0, vote: 2 } });
    expect(badVote.json().message).toContain('vote must be one of -1, 0, 1');
  });
});
