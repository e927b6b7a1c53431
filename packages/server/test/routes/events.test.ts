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
