import { describe, expect, test } from 'vitest';
import { signXid } from '../../src/auth/xidSignature.js';
import { createConversation, seed, sharedApp } from '../helper.js';

const shared = sharedApp();

describe('POST /api/v1/conversations/:id/participants', () => {
  test('first contact returns a 192-bit token once and stores only its SHA-256', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(res.statusCode).toBe(201);
    const { pid, token } = res.json();
    expect(pid).toBe(0);
    expect(token).toMatch(/^kpt_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(token.slice(4), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const rows = (await t.app.db.all('SELECT p.* FROM participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.slug = ?', id)) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    // No addresses or other personal data columns exist.
    expect(Object.keys(rows[0]!).sort()).toEqual(['conversation_id', 'created_at', 'pid', 'token_hash', 'xid']);
    const second = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} })).json();
    expect(second.pid).toBe(1);
    expect(second.token).not.toBe(token);
  });

  test('an xid maps to one participant without a token', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const a = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'user-42' } });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toEqual({ pid: 0, xid: 'user-42' });
    const again = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'user-42' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ pid: 0, xid: 'user-42' });
  });

  test('an allow-list admits listed xids only and no anonymous participants', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    await t.call({ method: 'PUT', url: `/api/v1/conversations/${id}/xid-allowlist`, auth: moderatorKey, payload: { enabled: true, xids: ['alice'] } });
    const alice = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'alice' } });
    expect(alice.statusCode).toBe(201);
    const mallory = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'mallory' } });
    expect(mallory.statusCode).toBe(403);
    expect(mallory.json()).toMatchObject({ code: 'XID_NOT_ALLOWED', message: `xid 'mallory' is not on the allow-list of conversation '${id}'` });
    const anon = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(anon.statusCode).toBe(403);
    expect(anon.json().code).toBe('XID_NOT_ALLOWED');
  });

  test('refuses unknown tokens, bad xids and unknown conversations', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const bad = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, headers: { 'x-participant-token': 'kpt_' + 'A'.repeat(32) }, payload: {} });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'PARTICIPANT_TOKEN_INVALID' });
    const junk = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, headers: { 'x-participant-token': 'nonsense' }, payload: {} });
    expect(junk.json().code).toBe('PARTICIPANT_TOKEN_INVALID');
    const longXid = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'x'.repeat(257) } });
    expect(longXid.statusCode).toBe(400);
    expect(longXid.json().message).toContain('xid');
    const missing = await t.call({ method: 'POST', url: '/api/v1/conversations/none-here/participants', auth: null, payload: {} });
    expect(missing.json().code).toBe('CONVERSATION_NOT_FOUND');
  });

  test("a token from one conversation is not valid in another", async () => {
    const t = shared();
    const a = await createConversation(t);
    const b = await createConversation(t);
    const { token } = (await t.call({ method: 'POST', url: `/api/v1/conversations/${a.id}/participants`, auth: null, payload: {} })).json();
    const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${b.id}/participants/me`, auth: null, headers: { 'x-participant-token': token } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('PARTICIPANT_TOKEN_INVALID');
  });
});

describe('GET /api/v1/conversations/:id/participants/me', () => {
  test('identifies by token (header or bearer) or xid, and needs one of them', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const { token, pid } = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} })).json();
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me`, auth: null, headers: { 'x-participant-token': token } })).json()).toEqual({ pid });
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me`, auth: token })).json()).toEqual({ pid });
    const none = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me`, auth: null });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('PARTICIPANT_REQUIRED');
    const unknownXid = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me?xid=ghost`, auth: null });
    expect(unknownXid.json().code).toBe('PARTICIPANT_REQUIRED');
  });
});

describe('signed xids', () => {
  const hour = () => Math.floor(Date.now() / 1000) + 3600;
  async function signedConversation() {
    const t = shared();
    const created = (await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'Signed', signedXids: true } })).json();
    const id = created.conversation.id as string;
    const [s0, s1] = await seed(t, id, ['Trams are too slow', 'More parks']);
    return { t, id, secret: created.xidSecret as string, s0: s0!, s1: s1! };
  }

  test('a valid signature identifies the inner xid on every v1 and v3 route; signing again keeps the participant', async () => {
    const { t, id, secret, s0, s1 } = await signedConversation();
    const xid = 'user.42';
    const signed = signXid(secret, id, xid, hour());
    const q = encodeURIComponent(signed);
    const joined = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: signed } });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toEqual({ pid: 0, xid });
    const stored = (await t.app.db.all('SELECT p.xid FROM participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.slug = ?', id));
    expect(stored).toEqual([{ xid }]);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me?xid=${q}`, auth: null })).json()).toEqual({ pid: 0, xid });
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: s0, vote: 'agree', xid: signed } })).statusCode).toBe(200);
    const mine = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me?xid=${q}`, auth: null });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('agree');
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, payload: { text: 'Signed statement', xid: signed } })).statusCode).toBe(201);
    // Polis v3 with a fresh signature (a new expiry): the same participant.
    const resigned = encodeURIComponent(signXid(secret, id, xid, hour() + 60));
    const init = (await t.call({ method: 'GET', url: `/api/v3/participationInit?conversation_id=${id}&xid=${resigned}`, auth: null })).json();
    expect(init).toMatchObject({ ptpt: { pid: 0 }, user: { hasXid: true } });
    const v3vote = await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: s1, vote: 1, xid: decodeURIComponent(resigned) } });
    expect(v3vote.json()).toMatchObject({ currentPid: 0 });
    const v3votes = (await t.call({ method: 'GET', url: `/api/v3/votes?conversation_id=${id}&xid=${resigned}`, auth: null })).json();
    expect(v3votes.map((v: { tid: number }) => v.tid).sort()).toEqual([s0, s1, 2].sort());
    expect((await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, payload: { conversation_id: id, txt: 'Via Polis', xid: decodeURIComponent(resigned) } })).json()).toMatchObject({ currentPid: 0 });
    expect((await t.call({ method: 'GET', url: `/api/v3/nextComment?conversation_id=${id}&xid=${resigned}&not_voted_by_pid=mypid`, auth: null })).statusCode).toBe(200);
    expect((await t.app.db.get('SELECT count(*) AS n FROM participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.slug = ?', id))).toEqual({ n: 1 });
  });

  test('a wrong signature, another conversation\'s, an expired one, an unsigned xid and an anonymous newcomer are refused, on v1 and v3', async () => {
    const { t, id, secret, s0 } = await signedConversation();
    const other = await signedConversation();
    const signed = signXid(secret, id, 'user-42', hour());
    const forged = signed.slice(0, -'user-42'.length) + 'user-43';
    const cases: [string, string, string][] = [
      [forged, 'XID_SIGNATURE_INVALID', `the signature of xid 'user-43' does not match conversation '${id}'`],
      [signXid('kxs_' + 'g'.repeat(43), id, 'user-42', hour()), 'XID_SIGNATURE_INVALID', 'does not match'],
      [signXid(other.secret, other.id, 'user-42', hour()), 'XID_SIGNATURE_INVALID', 'does not match'],
      [signXid(secret, other.id, 'user-42', hour()), 'XID_SIGNATURE_INVALID', 'does not match'],
      [signXid(secret, id, 'user-42', Math.floor(Date.now() / 1000) - 5), 'XID_SIGNATURE_EXPIRED', "the signature of xid 'user-42' expired at"],
      ['user-42', 'XID_SIGNATURE_INVALID', `conversation '${id}' requires signed xids`],
    ];
    for (const [xid, code, message] of cases) {
      const q = encodeURIComponent(xid);
      const replies = [
        await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid } }),
        await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: s0, vote: 'agree', xid } }),
        await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/votes/me?xid=${q}`, auth: null }),
        await t.call({ method: 'GET', url: `/api/v3/participationInit?conversation_id=${id}&xid=${q}`, auth: null }),
        await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: s0, vote: -1, xid } }),
        await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, payload: { conversation_id: id, txt: 'Forged', xid } }),
      ];
      for (const res of replies) {
        expect(res.statusCode, `${xid} ${res.body}`).toBe(401);
        expect(res.json()).toMatchObject({ code });
        expect(res.json().message).toContain(message);
        expect(res.body).not.toContain(secret.slice(4));
      }
    }
    const anonymous = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json()).toMatchObject({ code: 'XID_NOT_ALLOWED' });
    expect((await t.call({ method: 'POST', url: '/api/v3/votes', auth: null, payload: { conversation_id: id, tid: s0, vote: -1 } })).json().code).toBe('XID_NOT_ALLOWED');
    expect((await t.app.db.get('SELECT count(*) AS n FROM participants p JOIN conversations c ON c.id = p.conversation_id WHERE c.slug = ?', id))).toEqual({ n: 0 });
  });

  test('where signing is not required, plain xids work as before (and a signed-looking xid is taken as given)', async () => {
    const t = shared();
    const { id } = await createConversation(t);
    const looksSigned = `${hour()}.${'a'.repeat(43)}.user-1`;
    for (const xid of ['user-1', looksSigned]) {
      const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid } });
      expect(res.statusCode).toBe(201);
      expect(res.json().xid).toBe(xid);
    }
    const long = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: { xid: 'x'.repeat(300) } });
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'xid has 300 characters, more than the limit of 256' });
  });
});
