import { connect, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { build, createConversation, join, seed, vote } from '../helper.js';
import { sse } from '../sse.js';


describe('GET /api/v1/conversations/:id/events', () => {
  test('streams the math tick, new statements, moderation and open/closed; ends when the server closes', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10 }, cors: ['https://city.example'] });
    const { id, moderatorKey } = await createConversation(t);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/api/v1/conversations/${id}/events`, { headers: { origin: 'https://city.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://city.example');
    const events = sse(response);
    expect((await events.next()).value).toEqual({ event: 'math', data: { type: 'math', tick: 0 } });

    const [s] = await seed(t, id, ['Streets for people']);
    expect((await events.next()).value).toEqual({ event: 'statement', data: { type: 'statement', statementId: s, moderation: 'accepted' } });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${s}`, auth: moderatorKey, payload: { isMeta: true } });
    expect((await events.next()).value).toEqual({ event: 'moderation', data: { type: 'moderation', statementId: s, moderation: 'accepted', isMeta: true } });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}/statements/${s}`, auth: moderatorKey, payload: { isMeta: false } });
    await events.next();
    const { token } = await join(t, id);
    await vote(t, id, token, s!, 'agree');
    let next = (await events.next()).value!;
    while (next.event === 'moderation') next = (await events.next()).value!;
    expect(next).toEqual({ event: 'math', data: { type: 'math', tick: 1 } });
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { open: false } });
    expect((await events.next()).value).toEqual({ event: 'conversation', data: { type: 'conversation', open: false, mode: 'polis', bridging: 'auto' } });

    await t.app.close();
    expect((await events.next()).done).toBe(true);
  });

  test('refuses more streams than the limit with UNAVAILABLE, and unknown conversations', async () => {
    const t = await build({ limits: { streamsPerConversation: 1 } });
    const { id } = await createConversation(t);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const first = await fetch(`${base}/api/v1/conversations/${id}/events`, { signal: controller.signal });
    expect(first.status).toBe(200);
    const second = await fetch(`${base}/api/v1/conversations/${id}/events`);
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ code: 'UNAVAILABLE' });
    const missing = await fetch(`${base}/api/v1/conversations/nope/events`);
    expect(missing.status).toBe(404);
    controller.abort();
    // A closed stream frees its slot.
    for (let i = 0; i < 50 && t.app.kuulo.events.count(1) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    const third = await fetch(`${base}/api/v1/conversations/${id}/events`);
    expect(third.status).toBe(200);
    await third.body?.cancel();
  });
});

describe('caps on event streams and connections', () => {
  const open = (url: string, headers: Record<string, string> = {}) => {
    const controller = new AbortController();
    return fetch(url, { headers, signal: controller.signal }).then((response) => ({ response, close: () => controller.abort() }));
  };
  const settled = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  test('HEAD answers at once with the stream headers and no body, and opens no stream', async () => {
    const t = await build();
    const { id } = await createConversation(t);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const head = await fetch(`${base}/api/v1/conversations/${id}/events`, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(head.headers.get('cache-control')).toBe('no-cache');
    expect(await head.text()).toBe('');
    expect(t.app.kuulo.streams.size).toBe(0);
    expect((await fetch(`${base}/api/v1/conversations/nope/events`, { method: 'HEAD', signal: AbortSignal.timeout(10_000) })).status).toBe(404);
  });

  test('one address may hold limits.streamsPerAddress streams across conversations; others still connect', async () => {
    // The proxy on 127.0.0.1 tells the client's address, so the test can act as several clients.
    const t = await build({ trustProxy: ['127.0.0.1'], limits: { streamsPerAddress: 2 } });
    const a = await createConversation(t);
    const b = await createConversation(t);
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const client = { 'x-forwarded-for': '203.0.113.5' };
    const first = await open(`${base}/api/v1/conversations/${a.id}/events`, client);
    const second = await open(`${base}/api/v1/conversations/${b.id}/events`, client);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const refused = await fetch(`${base}/api/v1/conversations/${a.id}/events`, { headers: client });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMITED', message: 'this address has 2 open event streams, the limit per address (limits.streamsPerAddress); retry in 30 s' });
    const head = await fetch(`${base}/api/v1/conversations/${a.id}/events`, { method: 'HEAD', headers: client });
    expect(head.status).toBe(429);
    const other = await open(`${base}/api/v1/conversations/${a.id}/events`, { 'x-forwarded-for': '198.51.100.20' });
    expect(other.response.status).toBe(200);
    // A closed stream gives its address the slot back.
    first.close();
    await settled(() => t.app.kuulo.streams.size === 2);
    const again = await open(`${base}/api/v1/conversations/${a.id}/events`, client);
    expect(again.response.status).toBe(200);
    for (const s of [second, other, again]) s.close();
  });

  test('the server holds at most limits.streams streams over all conversations', async () => {
    const t = await build({ trustProxy: ['127.0.0.1'], limits: { streams: 2 } });
    const ids = [(await createConversation(t)).id, (await createConversation(t)).id, (await createConversation(t)).id];
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const streams = [await open(`${base}/api/v1/conversations/${ids[0]}/events`, { 'x-forwarded-for': '203.0.113.1' }), await open(`${base}/api/v1/conversations/${ids[1]}/events`, { 'x-forwarded-for': '203.0.113.2' })];
    expect(streams.map((s) => s.response.status)).toEqual([200, 200]);
    const refused = await fetch(`${base}/api/v1/conversations/${ids[2]}/events`, { headers: { 'x-forwarded-for': '203.0.113.3' } });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toMatchObject({ code: 'UNAVAILABLE', message: 'the server has 2 open event streams, its limit (limits.streams); retry in 30 s' });
    for (const s of streams) s.close();
  });

  test('connections past limits.maxConnections are closed before a request is read', async () => {
    const t = await build({ limits: { maxConnections: 2 } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const sockets: Socket[] = [];
    const connected = () =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket)).on('error', reject);
        sockets.push(socket);
      });
    const ask = (socket: Socket) =>
      new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString())).on('error', () => {}).on('close', () => resolve(text));
        socket.write('GET /api/v1/conversations/nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      });
    try {
      const [a, b] = [await connected(), await connected()];
      // The server counts a connection once it accepts it, a moment after the client sees it open.
      for (let n = 0; n < 2; ) n = await new Promise<number>((resolve) => t.app.server.getConnections((_error, count) => resolve(count)));
      const third = await connected();
      expect(await ask(third)).toBe('');
      expect(await ask(a)).toMatch(/^HTTP\/1\.1 404/);
      b.destroy();
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
