import { describe, expect, test } from 'vitest';
import { findConversation } from '../../src/repositories/conversations.js';
import { adminKey, build, createConversation, join, seed, sharedApp, vote } from '../helper.js';

const shared = sharedApp();

describe('POST /api/v1/conversations', () => {
  test('creates a conversation with defaults and returns a moderator key once', async () => {
    const t = shared();
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: '  Parking in Kallio  ', languages: ['fi', 'sv', 'fi'] } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.moderatorKey).toMatch(/^kmod_[A-Za-z0-9_-]{32}$/);
    expect(body.conversation).toMatchObject({ topic: 'Parking in Kallio', description: '', strictModeration: false, open: true, languages: ['fi', 'sv'], xidAllowlist: false });
    expect(body.conversation.id).toMatch(/^[a-z2-7]{10}$/);
    expect(body.conversation.counts).toEqual({ participants: 0, statements: 0, votes: 0 });
    // Only the hash is stored.
    const row = (await t.app.db.get('SELECT moderator_key_hash FROM conversations WHERE slug = ?', body.conversation.id)) as { moderator_key_hash: string };
    expect(row.moderator_key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify((await t.app.db.all('SELECT * FROM conversations')))).not.toContain(body.moderatorKey);
  });

  test('accepts a chosen id and refuses it twice with CONVERSATION_EXISTS', async () => {
    const t = shared();
    await createConversation(t, { id: 'kallio-2025' });
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { id: 'kallio-2025', topic: 'x' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ statusCode: 409, code: 'CONVERSATION_EXISTS', message: "conversation 'kallio-2025' already exists" });
  });

  test('needs the admin key', async () => {
    const t = shared();
    const none = await t.call({ method: 'POST', url: '/api/v1/conversations', auth: null, payload: { topic: 'x' } });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('AUTH_REQUIRED');
    const wrong = await t.call({ method: 'POST', url: '/api/v1/conversations', auth: 'kadm_wrong-key-wrong-key-wrong-key-wr', payload: { topic: 'x' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('AUTH_INVALID');
    const { moderatorKey } = await createConversation(t);
    const moderator = await t.call({ method: 'POST', url: '/api/v1/conversations', auth: moderatorKey, payload: { topic: 'x' } });
    expect(moderator.json().code).toBe('AUTH_INVALID');
  });

  test.each([
    [{}, 'topic is required'],
    [{ topic: '' }, 'topic'],
    [{ topic: '   ' }, 'body.topic is empty after trimming'],
    [{ topic: 'x'.repeat(301) }, 'more than the limit of 300'],
    [{ topic: 'x', id: 'Bad Id' }, 'id'],
    [{ topic: 'x', strictModeration: 'yes' }, 'strictModeration'],
    [{ topic: 'x', languages: ['not a tag'] }, 'languages'],
    [{ topic: 'x', extra: 1 }, "unknown property 'extra'"],
  ])('refuses %j with VALIDATION_FAILED naming the field', async (payload, words) => {
    const t = shared();
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().message).toContain(words);
  });
});

describe('GET /api/v1/conversations', () => {
  test('lists conversations page by page (admin)', async () => {
    const t = await build();
    for (let i = 0; i < 3; i++) await createConversation(t, { id: `c${i}` });
    const first = (await t.call({ method: 'GET', url: '/api/v1/conversations?limit=2' })).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual(['c0', 'c1']);
    const second = (await t.call({ method: 'GET', url: `/api/v1/conversations?limit=2&after=${first.next}` })).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual(['c2']);
    expect(second.next).toBeNull();
    expect((await t.call({ method: 'GET', url: '/api/v1/conversations', auth: null })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/conversations/:id', () => {
  test('is public and 404s with CONVERSATION_NOT_FOUND', async () => {
    const t = shared();
    const { id } = await createConversation(t, { description: 'Why?' });
    const ok = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).not.toHaveProperty('seed');
    expect(ok.json().description).toBe('Why?');
    const missing = await t.call({ method: 'GET', url: '/api/v1/conversations/nope', auth: null });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND', message: "conversation 'nope' does not exist" });
    const bad = await t.call({ method: 'GET', url: '/api/v1/conversations/NOPE!', auth: null });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('PATCH /api/v1/conversations/:id', () => {
  test('the moderator closes, reopens and edits; others are refused', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const other = await createConversation(t);
    const closed = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { open: false, strictModeration: true, topic: 'New' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ open: false, strictModeration: true, topic: 'New' });
    const byAdmin = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: adminKey, payload: { open: true } });
    expect(byAdmin.json().open).toBe(true);
    const byOther = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: other.moderatorKey, payload: { open: false } });
    expect(byOther.statusCode).toBe(401);
    expect(byOther.json().code).toBe('AUTH_INVALID');
    const empty = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: {} });
    expect(empty.statusCode).toBe(400);
    const blank = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { topic: '  ' } });
    expect(blank.json().message).toContain('body.topic must have 1 to 300 characters');
    const missing = await t.call({ method: 'PATCH', url: '/api/v1/conversations/nope', auth: moderatorKey, payload: { open: true } });
    expect(missing.json().code).toBe('CONVERSATION_NOT_FOUND');
  });

  test('switching strict moderation tells open pages (a conversation event) and recomputes the math, once per real change', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10 } });
    const { id, moderatorKey } = await createConversation(t);
    const tids = await seed(t, id, ['one', 'two']);
    for (let i = 0; i < 3; i++) {
      const { token } = await join(t, id);
      for (const tid of tids) expect((await vote(t, id, token, tid, i % 2 ? 'agree' : 'disagree')).statusCode).toBe(200);
    }
    const conversationId = (await findConversation(t.app.db, id))!.id;
    await t.app.kuulo.math.recompute(conversationId);
    const before = (await t.app.kuulo.math.status(conversationId)).tick;
    const events: string[] = [];
    const stop = t.app.kuulo.events.subscribe(conversationId, (e) => events.push(e.type));
    try {
      const patch = (strictModeration: boolean) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { strictModeration } });
      expect((await patch(true)).statusCode).toBe(200);
      expect(events[0]).toBe('conversation');
      await t.app.kuulo.math.idle(conversationId);
      expect((await t.app.kuulo.math.status(conversationId)).tick).toBe(before + 1);
      // The same value again changes nothing: no event, no computation.
      expect((await patch(true)).statusCode).toBe(200);
      await t.app.kuulo.math.idle(conversationId);
      expect(events.filter((e) => e === 'conversation')).toHaveLength(1);
      expect((await t.app.kuulo.math.status(conversationId)).tick).toBe(before + 1);
    } finally {
      stop();
    }
  });
});

describe('math mode and bridging settings', () => {
  test("default to 'polis' and 'auto'; set on creation; listed in the conversation JSON", async () => {
    const t = shared();
    const plain = await createConversation(t);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${plain.id}`, auth: null })).json()).toMatchObject({ mode: 'polis', bridging: 'auto' });
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'Stable', mode: 'stable', bridging: 'off' } });
    expect(res.json().conversation).toMatchObject({ mode: 'stable', bridging: 'off' });
    const row = (await t.app.db.get('SELECT math_mode, bridging FROM conversations WHERE slug = ?', res.json().conversation.id));
    expect(row).toEqual({ math_mode: 'stable', bridging: 'off' });
  });

  test('the moderator or admin changes them; no key, another key and unknown values are refused, naming the field and the value', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const other = await createConversation(t);
    const patch = (payload: object, key: string | null = moderatorKey) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: key, payload });
    expect((await patch({ mode: 'stable' })).json()).toMatchObject({ mode: 'stable', bridging: 'auto' });
    expect((await patch({ mode: 'polis', bridging: 'on' }, adminKey)).json()).toMatchObject({ mode: 'polis', bridging: 'on' });
    const anon = await patch({ mode: 'stable' }, null);
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('AUTH_REQUIRED');
    expect((await patch({ mode: 'stable' }, other.moderatorKey)).json().code).toBe('AUTH_INVALID');
    const bad = await patch({ mode: 'fast' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'body: mode must be one of polis, stable, got "fast"' });
    expect((await patch({ bridging: true })).json().message).toBe('body: bridging must be one of auto, on, off, got true');
    const created = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'x', mode: 'Stable' } });
    expect(created.json().message).toBe('body: mode must be one of polis, stable, got "Stable"');
    // Nothing changed by the refused requests.
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null })).json()).toMatchObject({ mode: 'polis', bridging: 'on' });
  });
});

describe('PUT /api/v1/conversations/:id/xid-allowlist', () => {
  test('enables an allow-list and reports its size', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const res = await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: moderatorKey, payload: { enabled: true, xids: ['a', 'b', 'a'] } });
    expect(res.json()).toEqual({ enabled: true, size: 2 });
    const got = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: moderatorKey });
    expect(got.json()).toEqual({ enabled: true, size: 2 });
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null })).json().xidAllowlist).toBe(true);
    const anon = await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: null, payload: { enabled: false } });
    expect(anon.statusCode).toBe(401);
    const anonGet = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: null });
    expect(anonGet.statusCode).toBe(401);
  });
});

describe('signed xids setting', () => {
  test('signedXids: true on creation returns the secret once; GET and lists never show it', async () => {
    const t = shared();
    const plain = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'Plain' } });
    expect(plain.json().conversation.signedXids).toBe(false);
    expect(plain.json().xidSecret).toBeUndefined();
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'Signed', signedXids: true } });
    expect(res.statusCode).toBe(201);
    const { conversation, xidSecret } = res.json();
    expect(conversation.signedXids).toBe(true);
    expect(xidSecret).toMatch(/^kxs_[A-Za-z0-9_-]{43}$/);
    const get = await t.call({ method: 'GET', url: `/api/v1/conversations/${conversation.id}`, auth: null });
    expect(get.json().signedXids).toBe(true);
    const list = await t.call({ method: 'GET', url: '/api/v1/conversations?limit=500' });
    const v3 = await t.call({ method: 'GET', url: `/api/v3/conversations?conversation_id=${conversation.id}`, auth: null });
    for (const body of [get.body, list.body, v3.body]) expect(body).not.toContain(xidSecret.slice(4));
  });

  test('PATCH turns signing on (new secret, shown once), keeps it when repeated, rotates it, and turns it off; rotating while off is refused', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const patch = (payload: Record<string, unknown>, auth = moderatorKey) => t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth, payload });
    const secretRow = async () => ((await t.app.db.get('SELECT xid_secret AS s FROM conversations WHERE slug = ?', id)) as { s: string | null }).s;
    expect(await secretRow()).toBeNull();
    const on = (await patch({ signedXids: true })).json();
    expect(on).toMatchObject({ id, signedXids: true, xidSecret: expect.stringMatching(/^kxs_/) });
    expect(await secretRow()).toBe(on.xidSecret);
    const again = (await patch({ signedXids: true })).json();
    expect(again.xidSecret).toBeUndefined();
    expect(await secretRow()).toBe(on.xidSecret);
    expect((await patch({ topic: 'Renamed' })).json().xidSecret).toBeUndefined();
    const rotated = (await patch({ rotateXidSecret: true })).json();
    expect(rotated.xidSecret).toMatch(/^kxs_/);
    expect(rotated.xidSecret).not.toBe(on.xidSecret);
    expect(await secretRow()).toBe(rotated.xidSecret);
    const off = (await patch({ signedXids: false })).json();
    expect(off).toMatchObject({ signedXids: false });
    expect(off.xidSecret).toBeUndefined();
    expect(await secretRow()).toBeNull();
    const refused = await patch({ rotateXidSecret: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toBe(`body.rotateXidSecret needs signed xids on in conversation '${id}'; send signedXids: true instead`);
    expect((await patch({ signedXids: true }, 'kmod_' + 'x'.repeat(32))).json().code).toBe('AUTH_INVALID');
    expect(await secretRow()).toBeNull();
  });
});
