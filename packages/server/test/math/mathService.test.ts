import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { EventBus, type KuuloEvent } from '../../src/events/eventBus.js';
import type { MathJobInput, MathJobOutput } from '../../src/math/mathJob.js';
import { MathService } from '../../src/math/mathService.js';
import type { WorkerPool } from '../../src/math/workerPool.js';
import { runMigrations } from '../../src/migrations/runMigrations.js';
import { insertVote } from '../../src/repositories/votes.js';

const silent = { warn: () => {}, error: () => {}, info: () => {}, debug: () => {}, trace: () => {}, fatal: () => {}, child: () => silent, level: 'silent', silent: () => {} };

// Records each job and answers at once (or after `hold`), or fails when told to; warm like the real pool when the tick matches its copy.
function fakePool(fail = false) {
  const jobs: { at: number; base: string; votes: number; tick: number; state: string | null; mode: string }[] = [];
  let warmTick = Number.NaN;
  const control = { fail, hold: null as Promise<void> | null };
  const pool = {
    async run(_id: number, tick: number, build: (base: 'cached' | 'state') => MathJobInput | Promise<MathJobInput>): Promise<MathJobOutput> {
      const job = await build(tick === warmTick ? 'cached' : 'state');
      jobs.push({ at: Date.now(), base: job.base === 'cached' ? 'cached' : 'state', votes: job.votes.pid.length, tick, state: job.base === 'cached' ? null : job.base.state, mode: job.options.mode });
      if (control.hold) await control.hold;
      if (control.fail) throw new Error('boom');
      return { result: '{"r":1}', polis: '{"p":1}', state: `{"mode":"${job.options.mode}"}`, priorities: '{"0":2.5}', groups: 2, durationMs: 1 };
    },
    markCached(_id: number, tick: number) {
      warmTick = tick;
    },
  };
  return { pool: pool as unknown as WorkerPool, jobs, control };
}

function setup(fail = false, math: Partial<typeof defaultConfig.math> = {}) {
  const db = new Database(':memory:');
  runMigrations(db);
  db.prepare("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (1, 'c', 't', 'h', 0, 0, 0)").run();
  const events = new EventBus();
  const seen: KuuloEvent[] = [];
  events.subscribe(1, (e) => seen.push(e));
  const { pool, jobs, control } = fakePool(fail);
  const service = new MathService(db, pool, { ...defaultConfig.math, ...math }, events, silent as never);
  const vote = (pid: number) => insertVote(db, 1, { pid, tid: 0, vote: 1, createdAt: pid });
  return { db, service, jobs, seen, vote, control };
}

describe('MathService', () => {
  test('waits for a quiet debounce after the last vote, then stores a new tick and announces it', async () => {
    const { service, jobs, seen, vote } = setup(false, { debounceMs: 60, maxWaitMs: 10_000 });
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) {
      vote(i);
      service.touch(1);
      await new Promise((r) => setTimeout(r, 20));
    }
    await service.idle(1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.votes).toBe(5);
    expect(jobs[0]!.at - t0).toBeGreaterThanOrEqual(80 + 60 - 5);
    expect(service.status(1)).toMatchObject({ tick: 1, error: null, pending: false, running: false });
    expect(service.priorities(1)).toEqual(new Map([[0, 2.5]]));
    expect(seen).toEqual([{ type: 'math', tick: 1 }]);
  });

  test('under steady votes it still recomputes by maxWaitMs', async () => {
    const { service, jobs, vote } = setup(false, { debounceMs: 50, maxWaitMs: 120 });
    for (let i = 0; i < 12; i++) {
      vote(i);
      service.touch(1);
      await new Promise((r) => setTimeout(r, 25));
    }
    await service.idle(1);
    // Votes every 25 ms never leave 50 ms of quiet: only the max wait can have started the first job.
    expect(jobs.length).toBeGreaterThanOrEqual(2);
  });

  test('a failure is recorded with its message, announced, and the next vote tries again', async () => {
    const { db, service, seen, vote } = setup(true, { debounceMs: 1 });
    vote(0);
    service.touch(1);
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect(service.status(1)).toMatchObject({ tick: 0, error: 'boom' });
    expect(seen).toEqual([{ type: 'math-error', message: 'boom' }]);
    expect(service.priorities(1)).toBeNull();
    db.close();
  });

  test('a mode change skips the warm copy and the persisted state; a bridging change re-reads the state; a failure keeps that for the retry', async () => {
    const { db, service, jobs, vote, control } = setup(false, { debounceMs: 1 });
    vote(0);
    await service.recompute(1);
    vote(1);
    await service.recompute(1);
    expect(jobs.map((j) => j.base)).toEqual(['state', 'cached']);
    db.prepare("UPDATE conversations SET math_mode = 'stable'").run();
    control.fail = true;
    service.settingsChanged(1, { cold: true });
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect(service.status(1).error).toBe('boom');
    control.fail = false;
    await service.recompute(1);
    // Both attempts after the change: no warm copy (tick −1), no state, all votes, the new mode.
    expect(jobs.slice(2)).toMatchObject([
      { tick: -1, base: 'state', state: null, votes: 2, mode: 'stable' },
      { tick: -1, base: 'state', state: null, votes: 2, mode: 'stable' },
    ]);
    vote(2);
    await service.recompute(1);
    expect(jobs[4]).toMatchObject({ base: 'cached', votes: 1, mode: 'stable' });
    service.settingsChanged(1, { cold: false });
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect(jobs[5]).toMatchObject({ tick: -1, base: 'state', state: '{"mode":"stable"}', votes: 3 });
    db.close();
  });

  test('a settings change during a running job is followed by a cold job', async () => {
    const { db, service, jobs, vote, control } = setup(false, { debounceMs: 1 });
    vote(0);
    let release = () => {};
    control.hold = new Promise((r) => (release = r));
    const running = service.recompute(1);
    await new Promise((r) => setTimeout(r, 20));
    db.prepare("UPDATE conversations SET math_mode = 'stable'").run();
    service.settingsChanged(1, { cold: true });
    control.hold = null;
    release();
    await running;
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect(jobs.map((j) => [j.mode, j.state, j.tick])).toEqual([
      ['polis', null, 0],
      ['stable', null, -1],
    ]);
    expect(service.status(1).tick).toBe(2);
    db.close();
  });

  test('without a pool (math off) nothing is scheduled', async () => {
    const db = new Database(':memory:');
    runMigrations(db);
    const service = new MathService(db, null, defaultConfig.math, new EventBus(), silent as never);
    service.touch(1);
    expect(service.status(1)).toMatchObject({ tick: 0, pending: false });
    await service.close();
  });
});
