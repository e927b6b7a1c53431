import { describe, expect, test } from 'vitest';
import { signXid } from '../../src/auth/xidSignature.js';
import { build, createConversation, join, seed } from '../helper.js';

describe('write rate limits', () => {
  test('per participant: the 4th vote in a minute is RATE_LIMITED, another participant still votes', async () => {
    const t = await build({ rateLimit: { perAddress: 100, perParticipant: 3 } });
    const { id } = await createConversation(t);
    const [s] = await seed(t, id, ['x']);
    const a = await join(t, id);
    const b = await join(t, id);
    const voteAs = (token: string) => t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'x-participant-token': token }, payload: { statementId: s, vote: 'agree' } });
    for (let i = 0; i < 3; i++) expect((await voteAs(a.token)).statusCode).toBe(200);
    const limited = await voteAs(a.token);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await voteAs(b.token)).statusCode).toBe(200);
  });

  test('per participant with signed xids: forged signatures of someone\'s xid do not spend that person\'s budget', async () => {
    const t = await build({ rateLimit: { perAddress: 100, perParticipant: 3 } });
    const created = (await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'Signed', signedXids: true } })).json();
    const id = created.conversation.id as string;
    const key = created.xidSecret as string;
    const [s] = await seed(t, id, ['x']);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const voteAs = (xid: string) => t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: s, vote: 'agree', xid } });
    // Someone who knows the inner xid "alice" but not the secret tries again and again.
    for (let i = 0; i < 5; i++) expect((await voteAs(`${exp}.${'A'.repeat(43)}.alice`)).json().code).toBe('XID_SIGNATURE_INVALID');
    for (let i = 0; i < 3; i++) expect((await voteAs(signXid(key, id, 'alice', exp))).statusCode).toBe(200);
    expect((await voteAs(signXid(key, id, 'alice', exp))).json().code).toBe('RATE_LIMITED');
  });

  test('per address: writes from one address stop at the limit, reads do not count', async () => {
    const t = await build({ rateLimit: { perAddress: 4, perParticipant: 0 } });
    const { id } = await createConversation(t);
    for (let i = 0; i < 4; i++) {
      expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} })).statusCode).toBe(201);
    }
    const limited = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(limited.json().code).toBe('RATE_LIMITED');
    const other = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, remoteAddress: '10.1.2.3', payload: {} });
    expect(other.statusCode).toBe(201);
    for (let i = 0; i < 10; i++) expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null })).statusCode).toBe(200);
    // A rate-limited request leaves nothing behind.
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null })).json().counts.participants).toBe(5);
  });

  test('per address: one budget across every write route, v1 and Polis v3 alike', async () => {
    const limit = 8;
    const t = await build({ rateLimit: { perAddress: limit, perParticipant: 0 } });
    const { id } = await createConversation(t);
    const [s] = await seed(t, id, ['Shared budget']);
    let n = 0;
    const writes = [
      () => ({ method: 'POST' as const, url: `/api/v1/conversations/${id}/participants`, payload: {} }),
      () => ({ method: 'POST' as const, url: `/api/v1/conversations/${id}/votes`, payload: { statementId: s, vote: 'agree', xid: `v1-${n}` } }),
      () => ({ method: 'POST' as const, url: `/api/v1/conversations/${id}/statements`, payload: { text: `Statement number ${n}` } }),
      () => ({ method: 'POST' as const, url: '/api/v3/votes', payload: { conversation_id: id, tid: s, vote: -1, xid: `v3-${n}` } }),
      () => ({ method: 'POST' as const, url: '/api/v3/comments', payload: { conversation_id: id, txt: `Comment number ${n}` } }),
    ];
    for (; n < limit; n++) {
      const res = await t.call({ ...writes[n % writes.length]!(), auth: null, remoteAddress: '198.51.100.7' });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    // The budget is spent whichever route the next write takes.
    for (const write of writes) {
      const res = await t.call({ ...write(), auth: null, remoteAddress: '198.51.100.7' });
      expect(res.statusCode).toBe(429);
      expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining(`limit ${limit} per minute`) });
      expect(res.headers['retry-after']).toBeDefined();
    }
    expect((await t.call({ ...writes[0]!(), auth: null, remoteAddress: '198.51.100.8' })).statusCode).toBe(201);
  });

  test('per participant: one budget across v1 and Polis v3 writes of the same xid', async () => {
    const t = await build({ rateLimit: { perAddress: 0, perParticipant: 3 } });
    const { id } = await createConversation(t);
    const [s1, s2] = await seed(t, id, ['One', 'Two']);
    const as = (payload: Record<string, unknown>) => ({ auth: null, payload: { ...payload, xid: 'ext-9' } });
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, ...as({ statementId: s1, vote: 'agree' }) })).statusCode).toBe(200);
    expect((await t.call({ method: 'POST', url: '/api/v3/votes', ...as({ conversation_id: id, tid: s2, vote: 1 }) })).statusCode).toBe(200);
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, ...as({ text: 'Three' }) })).statusCode).toBe(201);
    const limited = await t.call({ method: 'POST', url: '/api/v3/comments', ...as({ conversation_id: id, txt: 'Four' }) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toContain('too many writes from this participant: limit 3 per minute');
    // Another xid has its own budget.
    expect((await t.call({ method: 'POST', url: '/api/v3/comments', auth: null, payload: { conversation_id: id, txt: 'Four', xid: 'ext-10' } })).statusCode).toBe(200);
  });
});
