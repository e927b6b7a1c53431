import { describe, expect, test } from 'vitest';
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
});
