import { describe, expect, test } from 'vitest';
import { build, createConversation, open, type TestApp } from '../helper.js';
import { demoCsv } from '../demoFiles.js';
import { sse } from '../sse.js';

async function importDemo(t: TestApp, body: Record<string, unknown> = {}) {
  const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files: demoCsv(), ...body } });
  expect(res.statusCode).toBe(201);
  const json = res.json() as { conversation: { id: string }; moderatorKey: string };
  const id = json.conversation.id;
  await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: json.moderatorKey });
  return { id, moderatorKey: json.moderatorKey };
}

async function waitForJob(t: TestApp, id: string) {
  for (let i = 0; i < 2400; i++) {
    const status = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json();
    if (status.state !== 'queued' && status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`uncertainty job of ${id} did not finish`);
}

const start = (t: TestApp, id: string, key: string | null, payload?: object) =>
  t.call({ method: 'POST', url: `/api/v1/conversations/${id}/uncertainty`, auth: key, ...(payload && { payload }) });

describe('POST /api/v1/conversations/:id/uncertainty', () => {
  test('runs on a worker thread: progress events count up to the total, one job at a time, then the result carries the uncertainty', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10_000 } });
    const { id, moderatorKey } = await importDemo(t);
    const before = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null });
    const { tick, result } = before.json();
    expect(before.json().result).not.toHaveProperty('uncertainty');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json()).toMatchObject({ state: 'none', tick: null, currentTick: tick, attached: false, total: 0 });

    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const events = sse(await fetch(`${base}/api/v1/conversations/${id}/events`));
    expect((await events.next()).value).toEqual({ event: 'math', data: { type: 'math', tick } });

    const started = await start(t, id, moderatorKey, { resamples: 12, seed: 5 });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ state: expect.stringMatching(/^(queued|running)$/), tick, total: 12, resamples: 12, seed: 5, unit: 'participants', error: null });
    const again = await start(t, id, moderatorKey, { resamples: 12 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'UNCERTAINTY_RUNNING' });
    expect(again.json().message).toContain(`for conversation '${id}'`);

    const progress: number[] = [];
    let finished: Record<string, unknown> | undefined;
    for (;;) {
      const { value } = await events.next();
      if (value!.event === 'uncertainty-progress') {
        expect(value!.data).toMatchObject({ tick, total: 12 });
        progress.push(value!.data.done as number);
        // Votes are handled while the worker thread bootstraps.
        if (progress.length === 2) {
          const voted = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: 0, vote: 'agree', xid: 'during-the-job' } });
          expect(voted.statusCode).toBe(200);
        }
      } else if (value!.event === 'uncertainty' || value!.event === 'uncertainty-error') {
        finished = value!.data;
        break;
      }
    }
    expect(finished).toEqual({ type: 'uncertainty', tick });
    expect(progress).toEqual(Array.from({ length: 13 }, (_, i) => i));

    const status = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json();
    expect(status).toMatchObject({ state: 'done', tick, currentTick: tick, attached: true, stale: false, done: 12, total: 12, seed: 5, error: null });
    expect(status.durationMs).toBeGreaterThan(0);

    const withUncertainty = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null });
    const u = withUncertainty.json().result.uncertainty;
    expect(u).toMatchObject({ format: 'kuulo-uncertainty@1', mode: 'polis', resamples: 12, seed: 5, unit: 'participants' });
    expect(u.membershipConfidence).toHaveLength(result.participants.length);
    result.participantGroup.forEach((g: number | null, i: number) => {
      const c = u.membershipConfidence[i];
      if (g === null) expect(c).toBeNull();
      else if (c !== null) expect(c).toBeGreaterThanOrEqual(0), expect(c).toBeLessThanOrEqual(1);
    });
    expect(u.groups.map((g: { id: number }) => g.id)).toEqual(result.groups.map((g: { id: number }) => g.id));
    expect(u.ari).toHaveLength(12);
    // Everything else is the stored result unchanged.
    const { uncertainty: _, ...rest } = withUncertainty.json().result;
    expect(rest).toEqual(result);
    // A new ETag, so clients holding the bare result refetch.
    expect(withUncertainty.headers.etag).toBe(`"kuulo-${tick}-u1"`);
    expect(before.headers.etag).toBe(`"kuulo-${tick}"`);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null, headers: { 'if-none-match': before.headers.etag as string } })).statusCode).toBe(200);
    const exported = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/math.json`, auth: moderatorKey });
    expect(exported.json().uncertainty.membershipConfidence).toEqual(u.membershipConfidence);

    // The vote cast during the job makes a new tick: the uncertainty is then stale and left out.
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: moderatorKey });
    const next = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json();
    expect(next.tick).toBe(tick + 1);
    expect(next.result).not.toHaveProperty('uncertainty');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json()).toMatchObject({
      state: 'done',
      tick,
      currentTick: tick + 1,
      attached: false,
      stale: true,
    });
    await events.return(undefined);
  });

  test('the same seed gives the same uncertainty; stable mode bootstraps stable math with bridging intervals', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10_000 }, uncertainty: { jobs: 2 } });
    const stable = await importDemo(t, { mode: 'stable' });
    const polis = await importDemo(t);
    expect((await start(t, stable.id, stable.moderatorKey, { resamples: 10, seed: 3 })).statusCode).toBe(202);
    expect((await start(t, polis.id, polis.moderatorKey, { resamples: 10, seed: 3 })).statusCode).toBe(202);
    expect((await waitForJob(t, stable.id)).state).toBe('done');
    expect((await waitForJob(t, polis.id)).state).toBe('done');
    const first = (await t.call({ method: 'GET', url: `/api/v1/conversations/${stable.id}/math`, auth: null })).json().result;
    expect(first.uncertainty.mode).toBe('stable');
    expect(first.bridging).toHaveLength(first.statements.length);
    expect(first.uncertainty.bridging.low).toHaveLength(first.statements.length);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${polis.id}/math`, auth: null })).json().result.uncertainty.bridging).toBeNull();
    expect((await start(t, stable.id, stable.moderatorKey, { resamples: 10, seed: 3 })).statusCode).toBe(202);
    expect(await waitForJob(t, stable.id)).toMatchObject({ state: 'done', attached: true });
    const second = (await t.call({ method: 'GET', url: `/api/v1/conversations/${stable.id}/math`, auth: null })).json().result;
    expect(second.uncertainty).toEqual(first.uncertainty);
  });

  test('limits, keys and a conversation without math are refused, naming the field and the value', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10_000 }, uncertainty: { maxResamples: 100 } });
    const { id, moderatorKey } = await createConversation(t);
    const other = await createConversation(t);
    for (const [payload, words] of [
      [{ resamples: 9 }, ['resamples', '>= 10', 'got 9']],
      [{ resamples: 101 }, ['resamples', '<= 100', 'got 101']],
      [{ resamples: 12.5 }, ['resamples', 'integer', 'got 12.5']],
      [{ unit: 'cells' }, ['unit', 'participants, votes', 'got "cells"']],
      [{ seed: -1 }, ['seed', 'got -1']],
      [{ resamples: 20, extra: true }, ["unknown property 'extra'"]],
    ] as const) {
      const res = await start(t, id, moderatorKey, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      for (const word of words) expect(res.json().message).toContain(word);
    }
    expect((await start(t, id, null)).json().code).toBe('AUTH_REQUIRED');
    expect((await start(t, id, other.moderatorKey)).json().code).toBe('AUTH_INVALID');
    const none = await start(t, id, moderatorKey);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'MATH_NOT_READY', message: `conversation '${id}' has no math yet to bootstrap` });
    expect((await start(t, 'nope', moderatorKey)).json().code).toBe('CONVERSATION_NOT_FOUND');
  });

  test('a failing job is recorded and reported; the server goes on and the next job runs', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10_000 }, uncertainty: { timeoutMs: 1 } });
    const { id, moderatorKey } = await importDemo(t);
    expect((await start(t, id, moderatorKey, { resamples: 10 })).statusCode).toBe(202);
    const failed = await waitForJob(t, id);
    expect(failed).toMatchObject({ state: 'failed', error: 'uncertainty job timed out after 1 ms', attached: false, resamples: 10 });
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json().result).not.toHaveProperty('uncertainty');
    expect((await t.call({ method: 'GET', url: '/health', auth: null })).statusCode).toBe(200);
    // Not refused as running: the failed job is over.
    expect((await start(t, id, moderatorKey, { resamples: 10 })).statusCode).toBe(202);
    expect((await waitForJob(t, id)).state).toBe('failed');
  });

  test('the stored uncertainty survives a restart and stays attached while its tick is current', async () => {
    const first = await open({ math: { enabled: true, debounceMs: 10_000 } });
    const { id, moderatorKey } = await importDemo(first);
    expect((await start(first, id, moderatorKey, { resamples: 10, seed: 9 })).statusCode).toBe(202);
    expect((await waitForJob(first, id)).state).toBe('done');
    const before = (await first.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json();
    await first.app.close();
    const again = await open({ math: { enabled: true, debounceMs: 10_000 } }, { dir: first.dir });
    try {
      const after = await again.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null });
      expect(after.json()).toEqual(before);
      expect(after.headers.etag).toBe(`"kuulo-${before.tick}-u1"`);
      expect((await again.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json()).toMatchObject({ state: 'done', attached: true, seed: 9 });
    } finally {
      await again.close();
      await first.close();
    }
  });

  test('with one job slot a second conversation waits in the queue, then runs; a bare POST takes the defaults', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10_000 }, uncertainty: { jobs: 1, maxResamples: 10 } });
    const a = await importDemo(t);
    const b = await importDemo(t);
    // No body: 50 resamples by default, here capped at the configured 10.
    expect((await start(t, a.id, a.moderatorKey)).json()).toMatchObject({ state: 'running', total: 10, unit: 'participants', seed: null });
    expect((await start(t, b.id, b.moderatorKey, { resamples: 10 })).json()).toMatchObject({ state: 'queued', startedAt: null, done: 0 });
    expect((await waitForJob(t, a.id)).state).toBe('done');
    expect((await waitForJob(t, b.id)).state).toBe('done');
  });
});
