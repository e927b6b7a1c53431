import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
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
      return { result: '{"r":1}', polis: '{"p":1}', publicResult: '{"r":1}', publicPolis: '{"p":1}', state: `{"mode":"${job.options.mode}"}`, priorities: '{"0":2.5}', participantView: '{"v":1}', participantPlaces: new Uint8Array(0), representativeness: null, groups: 2, durationMs: 1 };
    },
    markCached(_id: number, tick: number) {
      warmTick = tick;
    },
  };
  return { pool: pool as unknown as WorkerPool, jobs, control };
}

async function setup(fail = false, math: Partial<typeof defaultConfig.math> = {}) {
  const db = new SqliteDb(new Database(':memory:'));
  await runMigrations(db);
  (await db.run("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (1, 'c', 't', 'h', 0, 0, 0)"));
  const events = new EventBus();
  const seen: KuuloEvent[] = [];
  events.subscribe(1, (e) => seen.push(e));
  const { pool, jobs, control } = fakePool(fail);
  const service = new MathService(db, pool, { ...defaultConfig.math, ...math }, events, silent as never);
  const vote = async (pid: number) => await insertVote(db, 1, { pid, tid: 0, vote: 1, createdAt: pid });
  // Votes 0 … count − 1, each announced as the vote route does, gapMs apart.
  const votesEvery = async (count: number, gapMs: number) => {
    for (let i = 0; i < count; i++) {
      await vote(i);
      service.touch(1);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  };
  return { db, service, jobs, seen, vote, votesEvery, control };
}

describe('MathService', () => {
  test('a burst waits the debounce from its first vote, then one job stores a new tick and announces it', async () => {
    const { service, jobs, seen, votesEvery } = await setup(false, { debounceMs: 150, maxWaitMs: 10_000 });
    const t0 = Date.now();
    await votesEvery(5, 20);
    await service.idle(1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.votes).toBe(5);
    expect(jobs[0]!.at - t0).toBeGreaterThanOrEqual(150 - 5);
    expect(await service.status(1)).toMatchObject({ tick: 1, error: null, pending: false, running: false });
    expect(await service.priorities(1)).toEqual(new Map([[0, 2.5]]));
    expect(seen).toEqual([{ type: 'math', tick: 1 }]);
  });

  test('steady votes cannot postpone the job: it starts the debounce after the first unseen vote, at most once per debounce', async () => {
    // Votes every 20 ms never leave 80 ms of quiet: a quiet-time debounce would wait for the max wait (10 s) instead.
    const { service, jobs, votesEvery } = await setup(false, { debounceMs: 80, maxWaitMs: 10_000 });
    const t0 = Date.now();
    await votesEvery(20, 20);
    await service.idle(1);
    expect(jobs[0]!.at - t0).toBeLessThan(80 + 150);
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    // Throttled, not a tight loop: each job starts the debounce after the first vote it did not read.
    for (let i = 1; i < jobs.length; i++) expect(jobs[i]!.at - jobs[i - 1]!.at).toBeGreaterThanOrEqual(80 - 5);
    expect(jobs.reduce((n, j) => n + j.votes, 0)).toBe(20);
  });

  test('a vote that came during a running job is computed as soon as that job ends once it has waited the debounce', async () => {
    const { service, jobs, vote, control } = await setup(false, { debounceMs: 300, maxWaitMs: 10_000 });
    await vote(0);
    let release = () => {};
    control.hold = new Promise((r) => (release = r));
    const running = service.recompute(1);
    await new Promise((r) => setTimeout(r, 20));
    await vote(1);
    service.touch(1);
    // The job runs longer than the debounce: the vote has waited it by the time the job ends.
    await new Promise((r) => setTimeout(r, 400));
    control.hold = null;
    const releasedAt = Date.now();
    release();
    await running;
    await service.idle(1);
    expect(jobs).toHaveLength(2);
    expect(jobs[1]!.votes).toBe(1);
    // Counting the wait from the job's end instead (another full debounce) would start it ≥ 300 ms later.
    expect(jobs[1]!.at - releasedAt).toBeLessThan(150);
  });

  test('a long debounce holds the math for that long after the first vote, whatever maxWaitMs says', async () => {
    const { service, jobs, votesEvery } = await setup(false, { debounceMs: 300, maxWaitMs: 50 });
    const t0 = Date.now();
    await votesEvery(6, 25);
    await service.idle(1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.at - t0).toBeGreaterThanOrEqual(300 - 5);
  });

  test('a failure is recorded with its message, announced, and the next vote tries again', async () => {
    const { db, service, seen, vote } = await setup(true, { debounceMs: 1 });
    await vote(0);
    service.touch(1);
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect(await service.status(1)).toMatchObject({ tick: 0, error: 'boom' });
    expect(seen).toEqual([{ type: 'math-error', message: 'boom' }]);
    expect(await service.priorities(1)).toBeNull();
    await db.close();
  });

  test('a mode change skips the warm copy and the persisted state; a bridging change re-reads the state; a failure keeps that for the retry', async () => {
    const { db, service, jobs, vote, control } = await setup(false, { debounceMs: 1 });
    await vote(0);
    await service.recompute(1);
    await vote(1);
    await service.recompute(1);
    expect(jobs.map((j) => j.base)).toEqual(['state', 'cached']);
    (await db.run("UPDATE conversations SET math_mode = 'stable'"));
    control.fail = true;
    service.settingsChanged(1, { cold: true });
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect((await service.status(1)).error).toBe('boom');
    control.fail = false;
    await service.recompute(1);
    // Both attempts after the change: no warm copy (tick −1), no state, all votes, the new mode.
    expect(jobs.slice(2)).toMatchObject([
      { tick: -1, base: 'state', state: null, votes: 2, mode: 'stable' },
      { tick: -1, base: 'state', state: null, votes: 2, mode: 'stable' },
    ]);
    await vote(2);
    await service.recompute(1);
    expect(jobs[4]).toMatchObject({ base: 'cached', votes: 1, mode: 'stable' });
    service.settingsChanged(1, { cold: false });
    await new Promise((r) => setTimeout(r, 20));
    await service.idle(1);
    expect(jobs[5]).toMatchObject({ tick: -1, base: 'state', state: '{"mode":"stable"}', votes: 3 });
    await db.close();
  });

  test('a settings change during a running job is followed by a cold job', async () => {
    const { db, service, jobs, vote, control } = await setup(false, { debounceMs: 1 });
    await vote(0);
    let release = () => {};
    control.hold = new Promise((r) => (release = r));
    const running = service.recompute(1);
    await new Promise((r) => setTimeout(r, 20));
    (await db.run("UPDATE conversations SET math_mode = 'stable'"));
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
    expect((await service.status(1)).tick).toBe(2);
    await db.close();
  });

  test('status is pending while committed votes are newer than the stored math, even with nothing scheduled', async () => {
    const { db, service, vote, control } = await setup(false, { debounceMs: 60_000 });
    await vote(0);
    await service.recompute(1);
    expect(await service.status(1)).toMatchObject({ tick: 1, pending: false });
    // Committed but never announced to the service, as after a crash within the debounce.
    await vote(1);
    expect(await service.status(1)).toMatchObject({ tick: 1, pending: true, running: false });
    let release = () => {};
    control.hold = new Promise((r) => (release = r));
    const running = service.recompute(1);
    await new Promise((r) => setTimeout(r, 20));
    // The running job reads every committed vote: nothing is left pending behind it.
    expect(await service.status(1)).toMatchObject({ pending: false, running: true });
    await vote(2);
    expect(await service.status(1)).toMatchObject({ pending: true, running: true });
    control.hold = null;
    release();
    await running;
    expect(await service.status(1)).toMatchObject({ tick: 2, pending: true });
    await service.recompute(1);
    expect(await service.status(1)).toMatchObject({ tick: 3, pending: false });
    await db.close();
  });

  test('catchUp() schedules conversations with unseen votes, votes and no math, or moderation after the math, and no others', async () => {
    const { db, service, jobs, vote } = await setup(false, { debounceMs: 1 });
    const conversation = db.connection.prepare("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (?, ?, 't', 'h', 0, 0, 0)");
    for (const id of [2, 3, 4, 5]) conversation.run(id, `c${id}`);
    const voteIn = async (c: number, pid: number) => await insertVote(db, c, { pid, tid: 0, vote: 1, createdAt: pid });
    // 1: up to date. 3: math, then a vote. 4: math, then a moderation. 5: no votes at all.
    await vote(0);
    await voteIn(3, 0);
    await voteIn(4, 0);
    for (const id of [1, 3, 4]) await service.recompute(id);
    await voteIn(3, 1);
    await voteIn(2, 0);
    (await db.run("INSERT INTO statements (conversation_id, tid, text, moderation, created_at, moderated_at) VALUES (4, 0, 's', -1, 0, ?)", Date.now() + 60_000));
    (await db.run("INSERT INTO statements (conversation_id, tid, text, moderation, created_at, moderated_at) VALUES (1, 0, 's', 1, 0, 1)"));
    jobs.length = 0;
    expect(await Promise.all([2, 3, 4].map(async (id) => (await service.status(id)).pending))).toEqual([true, true, false]);
    expect(await service.catchUp()).toBe(3);
    expect(await Promise.all([1, 2, 3, 4, 5].map(async (id) => (await service.status(id)).pending))).toEqual([false, true, true, true, false]);
    for (const id of [2, 3, 4]) await service.idle(id);
    expect(jobs).toHaveLength(3);
    expect(await Promise.all([2, 3, 4].map((id) => service.status(id)))).toMatchObject([
      { tick: 1, pending: false },
      { tick: 2, pending: false },
      { tick: 2, pending: false },
    ]);
    await db.close();
  });

  test('without a pool (math off) nothing is scheduled', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    await runMigrations(db);
    const service = new MathService(db, null, defaultConfig.math, new EventBus(), silent as never);
    service.touch(1);
    expect(await service.status(1)).toMatchObject({ tick: 0, pending: false });
    await service.close();
  });
});
