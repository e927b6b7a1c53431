import { describe, expect, test } from 'vitest';
import { isProxyAddress, trustProxyOption } from '../src/trustProxy.js';
import { build, createConversation } from './helper.js';

const join = (t: Awaited<ReturnType<typeof build>>, id: string, remoteAddress: string, forwardedFor?: string) =>
  t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, remoteAddress, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, payload: {} });

describe('trusted proxies', () => {
  test('isProxyAddress(entry) accepts addresses, CIDRs and proxy-addr range names only', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '::1', 'fd00::/8', '2001:db8::/128', 'loopback', 'uniquelocal']) expect(isProxyAddress(ok), ok).toBe(true);
    for (const bad of ['', 'true', '10.0.0.0/33', '::/129', '10.0.0.0/8/1', '10.0.0.0/', 'nginx', '10.0.0.256']) expect(isProxyAddress(bad), bad).toBe(false);
  });

  test('trustProxyOption(hops) trusts the nearest hops only', () => {
    const trust = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('203.0.113.1', hop))).toEqual([true, true, false]);
    expect(trustProxyOption(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
  });

  test('hop count 1: the address the proxy saw counts, entries a client puts in front are ignored', async () => {
    const t = await build({ trustProxy: 1, rateLimit: { perAddress: 1 } });
    const { id } = await createConversation(t);
    expect((await join(t, id, '127.0.0.1', '6.6.6.1, 203.0.113.7')).statusCode).toBe(201);
    // Same client behind the proxy, a different spoofed leftmost entry: still the same budget.
    expect((await join(t, id, '127.0.0.1', '6.6.6.2, 203.0.113.7')).json().code).toBe('RATE_LIMITED');
    expect((await join(t, id, '127.0.0.1', '203.0.113.7')).json().code).toBe('RATE_LIMITED');
    // Another client the proxy saw has a budget of its own.
    expect((await join(t, id, '127.0.0.1', '6.6.6.1, 203.0.113.8')).statusCode).toBe(201);
  });

  test('a list of proxies: X-Forwarded-For counts only when the peer is one of them', async () => {
    const t = await build({ trustProxy: ['10.0.0.0/8', '127.0.0.1'], rateLimit: { perAddress: 1 } });
    const { id } = await createConversation(t);
    expect((await join(t, id, '10.1.2.3', '6.6.6.1, 203.0.113.7')).statusCode).toBe(201);
    expect((await join(t, id, '10.9.9.9', '6.6.6.2, 203.0.113.7')).json().code).toBe('RATE_LIMITED');
    // A direct client cannot borrow another client's address, nor escape its own budget, with the header.
    expect((await join(t, id, '198.51.100.9', '203.0.113.99')).statusCode).toBe(201);
    expect((await join(t, id, '198.51.100.9', '203.0.113.100')).json().code).toBe('RATE_LIMITED');
  });

  test('trusting every hop is refused when the app is built', async () => {
    await expect(build({ trustProxy: true as unknown as number })).rejects.toThrow('trusting every hop lets a client choose its own address with X-Forwarded-For');
  });
});
