import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { exited, startServer, type ServerProcess } from '../serverProcess.js';
import { sse } from '../sse.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const admin = 'kadm_cluster-test-key-0123456789abcdef';
const running: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.child.kill('SIGKILL');
    await exited(s.child);
  }
  for (const c of cleanups.splice(0)) await c();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Follows a conversation's event stream, recording each math tick with the time it arrived. */
function follow(url: string): { ticks: { tick: number; at: number }[]; stop: () => void } {
  const ticks: { tick: number; at: number }[] = [];
  const abort = new AbortController();
  void (async () => {
    try {
      const res = await fetch(url, { signal: abort.signal });
      for await (const { event, data } of sse(res)) if (event === 'math') ticks.push({ tick: data.tick as number, at: Date.now() });
    } catch {
      // Aborted at the end, or the instance was killed.
    }
  })();
  return { ticks, stop: () => abort.abort() };
}

describe('three instances on one PostgreSQL', () => {
  test('votes sent round-robin, one instance SIGKILLed under load: no acknowledged vote lost, the math goes on elsewhere, every surviving stream hears each tick within 2 s', { timeout: 240_000 }, async () => {
    const database = await freshPostgresDatabase();
    cleanups.push(database.drop);
    const args = ['--db', database.url, '--workers', '1', '--debounce-ms', '100', '--rate-per-address', '0', '--rate-per-participant', '0'];
    // Started together: they race for the migrations, which take a lock.
    const instances = await Promise.all([0, 1, 2].map(() => startServer(args, { KUULO_ADMIN_KEY: admin }, 60_000)));
    running.push(...instances);

    const created = await post(`${instances[0]!.url}/api/v1/conversations`, { id: 'shared', topic: 'Three instances' }, { authorization: `Bearer ${admin}` });
    expect(created.status).toBe(201);
    const moderatorKey = created.json.moderatorKey as string;
    const path = '/api/v1/conversations/shared';
    // Seeds and participants through different instances: all of them see one conversation.
    for (let i = 0; i < 12; i++) expect((await post(`${instances[i % 3]!.url}${path}/seeds`, { text: `Statement ${i}` }, { authorization: `Bearer ${moderatorKey}` })).status).toBe(201);
    const participants: { pid: number; token: string }[] = [];
    for (let i = 0; i < 60; i++) participants.push((await post(`${instances[i % 3]!.url}${path}/participants`, {})).json as { pid: number; token: string });

    const streams = instances.map((s) => follow(`${s.url}${path}/events`));
    const alive = new Set([0, 1, 2]);
    const acked: { pid: number; tid: number; vote: number; createdAt: number }[] = [];
    let sent = 0;
    let stop = false;
    let killedAt = 0;
    const voter = async (seed: number) => {
      let x = seed;
      while (!stop) {
        x = (x * 1103515245 + 12345) >>> 0;
        const who = participants[x % participants.length]!;
        const tid = (x >>> 8) % 12;
        const vote = ((x >>> 16) % 3) - 1;
        const target = [...alive][sent++ % alive.size]!;
        try {
          const res = await post(`${instances[target]!.url}${path}/votes`, { statementId: tid, vote: ['disagree', 'pass', 'agree'][vote + 1] }, { 'x-participant-token': who.token });
          if (res.status === 200) acked.push({ pid: who.pid, tid, vote, createdAt: res.json.createdAt as number });
        } catch {
          // Only the killed instance's requests fail; they were never acknowledged.
        }
      }
    };
    const voters = Array.from({ length: 12 }, (_, i) => voter(i + 1));
    while (acked.length < 400) await new Promise((r) => setTimeout(r, 10));
    instances[1]!.child.kill('SIGKILL');
    alive.delete(1);
    killedAt = Date.now();
    await exited(instances[1]!.child);
    while (acked.length < 900) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await Promise.all(voters);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    cleanups.unshift(() => client.end());
    // The math catches up with every committed vote on a surviving instance.
    const deadline = Date.now() + 60_000;
    let state: { last: number; seen: number; tick: number; computed: number } | undefined;
    for (;;) {
      state = (
        await client.query<{ last: string; seen: string; tick: string; computed: string }>(
          "SELECT (SELECT max(id) FROM votes) AS last, m.last_vote_id AS seen, m.tick, m.computed_at AS computed FROM math_results m JOIN conversations c ON c.id = m.conversation_id WHERE c.slug = 'shared'",
        )
      ).rows.map((r) => ({ last: Number(r.last), seen: Number(r.seen), tick: Number(r.tick), computed: Number(r.computed) }))[0];
      if (state && state.seen === state.last) break;
      if (Date.now() > deadline) throw new Error(`the math did not catch up within 60 s: ${JSON.stringify(state)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The last tick reaches every surviving stream.
    const survivors = [0, 2].map((i) => streams[i]!);
    const waitUntil = Date.now() + 5_000;
    while (survivors.some((s) => !s.ticks.some((t) => t.tick === state.tick)) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 20));
    for (const s of streams) s.stop();

    // 0 acknowledged votes lost: each is in the history with its value and time.
    const stored = new Set(
      (await client.query<{ key: string }>("SELECT v.pid || ':' || v.tid || ':' || v.vote || ':' || v.created_at AS key FROM votes v JOIN conversations c ON c.id = v.conversation_id WHERE c.slug = 'shared'")).rows.map(
        (r) => r.key,
      ),
    );
    const lost = acked.filter((a) => !stored.has(`${a.pid}:${a.tid}:${a.vote}:${a.createdAt}`));
    expect(acked.length).toBeGreaterThanOrEqual(900);
    expect(lost).toEqual([]);

    // The math went on after the kill, and every tick after it reached both surviving streams within 2 s of each other.
    const after = survivors.map((s) => s.ticks.filter((t) => t.at > killedAt));
    expect(after[0]!.length, 'ticks heard on instance 0 after the kill').toBeGreaterThan(0);
    expect(after.map((ticks) => ticks.at(-1)!.tick)).toEqual([state.tick, state.tick]);
    for (const { tick, at } of after[0]!) {
      const other = after[1]!.find((t) => t.tick === tick);
      expect(other, `tick ${tick} on instance 2`).toBeDefined();
      expect(Math.abs(other!.at - at), `tick ${tick}: instances 0 and 2 heard it this far apart (ms)`).toBeLessThanOrEqual(2000);
    }
    // The last tick arrived within 2 s of its commit on both (computed_at is taken just before the commit).
    for (const ticks of after) expect(ticks.at(-1)!.at - state.computed).toBeLessThanOrEqual(2000);
  });
});
