import { describe, expect, test } from 'vitest';
import { listModerationLog } from '../../src/repositories/moderationLog.js';
import { findConversation } from '../../src/repositories/conversations.js';
import { createConversation, seed, sharedApp } from '../helper.js';

const shared = sharedApp();

const queue = (id: string) => ({ method: 'GET' as const, url: `/api/v1/conversations/${id}/moderation/queue?limit=1` });

describe('POST /api/v1/conversations/:id/moderator-key', () => {
  test('issues a new key once: the old key stops working, the new one works, and the log says the admin did it', async () => {
    const t = shared();
    const { id, moderatorKey: old } = await createConversation(t);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-key` });
    expect(res.statusCode).toBe(200);
    const { moderatorKey } = res.json() as { moderatorKey: string };
    expect(moderatorKey).toMatch(/^kmod_[A-Za-z0-9_-]{32}$/);
    expect(moderatorKey).not.toBe(old);
    expect((await t.call({ ...queue(id), auth: old })).json().code).toBe('AUTH_INVALID');
    expect((await t.call({ ...queue(id), auth: moderatorKey })).statusCode).toBe(200);
    // Only the hash is stored.
    expect(JSON.stringify((await t.app.db.all('SELECT * FROM conversations')))).not.toContain(moderatorKey);
    const conversation = (await findConversation(t.app.db, id))!;
    expect((await listModerationLog(t.app.db, conversation.id, { limit: 10 })).map((e) => [e.actor, e.action])).toEqual([['admin', 'moderator-key.reissue']]);
  });

  test('needs the admin key, not the moderator key, and names a missing conversation', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const asModerator = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-key`, auth: moderatorKey, payload: {} });
    expect(asModerator.statusCode).toBe(401);
    expect(asModerator.json()).toMatchObject({ code: 'AUTH_INVALID', message: 'the Authorization key is not the admin key' });
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-key`, auth: null })).json().code).toBe('AUTH_REQUIRED');
    const missing = await t.call({ method: 'POST', url: '/api/v1/conversations/no-such-thing/moderator-key', payload: {} });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'CONVERSATION_NOT_FOUND', message: "conversation 'no-such-thing' does not exist" });
    const extra = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-key`, payload: { key: 'mine' } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('VALIDATION_FAILED');
    // The moderator key still works after the refused attempts.
    expect((await t.call({ ...queue(id), auth: moderatorKey })).statusCode).toBe(200);
  });
});

describe('featured conversations', () => {
  test('PUT …/featured lists a conversation first on the start page, false takes it off; GET /featured is public', async () => {
    const t = shared();
    const a = (await createConversation(t, { id: 'featured-a', topic: 'Bike lanes' })).id;
    const b = (await createConversation(t, { id: 'featured-b', topic: 'Library hours' })).id;
    const feature = (id: string, featured: boolean) => t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/featured`, payload: { featured } });
    expect((await feature(a, true)).json()).toEqual({ conversations: [a] });
    expect((await feature(b, true)).json()).toEqual({ conversations: [b, a] });
    // Featuring again moves it first, never twice.
    expect((await feature(a, true)).json()).toEqual({ conversations: [a, b] });
    expect((await t.call({ method: 'GET', url: '/api/v1/featured', auth: null })).json()).toEqual({ conversations: [a, b] });

    const home = await t.call({ method: 'GET', url: '/', auth: null });
    const listed = [...home.body.matchAll(/<li data-conversation="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual([a, b]);
    expect(home.body).toContain('<a href="/admin">Admin console</a>');

    expect((await feature(a, false)).json()).toEqual({ conversations: [b] });
    const conversation = (await findConversation(t.app.db, a))!;
    expect((await listModerationLog(t.app.db, conversation.id, { limit: 10 })).map((e) => e.action)).toEqual(['conversation.feature', 'conversation.feature', 'conversation.unfeature']);
    await feature(b, false);
  });

  test('needs the admin key and a boolean', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const asModerator = await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/featured`, auth: moderatorKey, payload: { featured: true } });
    expect(asModerator.json().code).toBe('AUTH_INVALID');
    const bad = await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/featured`, payload: { featured: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('featured');
    expect((await t.call({ method: 'GET', url: '/api/v1/featured', auth: null })).json()).toEqual({ conversations: [] });
  });
});

describe('GET /admin', () => {
  test('serves the console page in the asked language, never framed', async () => {
    const t = shared();
    const res = await t.call({ method: 'GET', url: '/admin?lang=fi', auth: null });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Ylläpito · Kuulo</title>');
    expect(res.body).toContain('data-page="admin"');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('named moderator keys', () => {
  test('a named key moderates like the own key, the log names its holder, and revoking it stops it at once', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const conversation = (await findConversation(t.app.db, id))!;
    const [statement] = await seed(t, id, ['More benches by the river.']);
    const add = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-keys`, payload: { label: '  Anna (library)  ' } });
    expect(add.statusCode).toBe(201);
    const { label, moderatorKey } = add.json() as { label: string; moderatorKey: string };
    expect(label).toBe('Anna (library)');
    expect(moderatorKey).toMatch(/^kmod_[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify((await t.app.db.all('SELECT * FROM moderator_keys')))).not.toContain(moderatorKey);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderator-keys` })).json()).toEqual({ items: [{ label: 'Anna (library)', createdAt: expect.any(Number) }] });

    const bulk = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderation/bulk`, auth: moderatorKey, payload: { statementIds: [statement], moderation: 'rejected' } });
    expect(bulk.statusCode).toBe(200);
    const actors = (await listModerationLog(t.app.db, conversation.id, { limit: 10 })).map((e) => [e.actor, e.action]);
    expect(actors[0]).toEqual(['admin', 'moderator-key.add']);
    expect(actors.slice(1).every(([actor]) => actor === 'Anna (library)')).toBe(true);
    expect(actors.length).toBeGreaterThan(1);

    const revoke = await t.call({ method: 'DELETE', url: `/api/v1/conversations/${id}/moderator-keys/${encodeURIComponent(label)}` });
    expect(revoke.statusCode).toBe(204);
    expect((await t.call({ ...queue(id), auth: moderatorKey })).json().code).toBe('AUTH_INVALID');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderator-keys` })).json()).toEqual({ items: [] });
    expect((await listModerationLog(t.app.db, conversation.id, { limit: 10 })).at(-1)).toMatchObject({ actor: 'admin', action: 'moderator-key.revoke', target: 'key:Anna (library)' });
  });

  test('a named key works only in its own conversation', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const other = (await createConversation(t)).id;
    const { moderatorKey } = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-keys`, payload: { label: 'Bo' } })).json() as { moderatorKey: string };
    expect((await t.call({ ...queue(id), auth: moderatorKey })).statusCode).toBe(200);
    expect((await t.call({ ...queue(other), auth: moderatorKey })).json().code).toBe('AUTH_INVALID');
  });

  test.each([
    [{ label: 'admin' }, "body.label 'admin' is reserved"],
    [{ label: ' Moderator ' }, "body.label 'Moderator' is reserved"],
    [{ label: '   ' }, 'body.label is empty after trimming'],
    [{ label: 'x'.repeat(61) }, 'label'],
    [{ label: 'a\u0007b' }, 'label'],
    [{}, 'label'],
  ])('refuses %j with VALIDATION_FAILED naming it', async (payload, words) => {
    const t = shared();
    const { id } = await createConversation(t);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-keys`, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().message).toContain(words);
  });

  test('refuses a label twice (ignoring case), an unknown label to revoke, and anyone but the admin', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-keys`, payload: { label: 'Cy' } });
    const twice = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/moderator-keys`, payload: { label: 'CY' } });
    expect(twice.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: `body.label 'CY' is already the label of a moderator key of conversation '${id}'; choose another or revoke that key first` });
    const unknown = await t.call({ method: 'DELETE', url: `/api/v1/conversations/${id}/moderator-keys/Dee` });
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: `params.label: conversation '${id}' has no moderator key labelled 'Dee'` });
    for (const request of [
      { method: 'GET' as const, url: `/api/v1/conversations/${id}/moderator-keys` },
      { method: 'POST' as const, url: `/api/v1/conversations/${id}/moderator-keys`, payload: { label: 'Eve' } },
      { method: 'DELETE' as const, url: `/api/v1/conversations/${id}/moderator-keys/Cy` },
    ]) {
      expect((await t.call({ ...request, auth: moderatorKey })).json().code).toBe('AUTH_INVALID');
    }
  });
});
