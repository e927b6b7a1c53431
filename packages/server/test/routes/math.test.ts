import { describe, expect, test } from 'vitest';
import type { SqliteDb } from '../../src/db/sqlite.js';
import { adminKey, build, onPostgres, open, sharedApp } from '../helper.js';
import { demoCsv, demoFinalVotes, fixtureMath, votesCsvInOrder } from '../demoFiles.js';

const shared = sharedApp({ math: { enabled: true, debounceMs: 20 } });

async function importDemo(t = shared(), id?: string) {
  const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { ...(id && { id }), format: 'polis-csv', files: demoCsv() } });
  expect(res.statusCode).toBe(201);
  const body = res.json() as { conversation: { id: string }; moderatorKey: string };
  return { id: body.conversation.id, moderatorKey: body.moderatorKey };
}

async function waitForTick(t: ReturnType<typeof shared>, id: string, atLeast: number) {
  for (let i = 0; i < 600; i++) {
    const status = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/status`, auth: null })).json();
    if (status.tick >= atLeast && !status.running && !status.pending) return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`math of ${id} did not reach tick ${atLeast}`);
}

describe('math routes on a real conversation', () => {
  test('GET math: opinion groups of the Seattle conversation, with ETag and 304', async () => {
    const t = shared();
    const { id } = await importDemo();
    const status = await waitForTick(t, id, 1);
    expect(status.error).toBeNull();
    expect(status.durationMs).toBeGreaterThan(0);
    const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null });
    expect(res.statusCode).toBe(200);
    const { tick, result } = res.json();
    expect(tick).toBe(status.tick);
    expect(result.format).toBe('kuulo-result@1');
    expect(result.participants.length).toBe(demoCsv()['participants-votes.csv'].trim().split('\n').length - 1);
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    for (const g of result.groups) expect(g.size).toBeGreaterThan(0);
    expect(result.groups.reduce((n: number, g: { size: number }) => n + g.size, 0)).toBe(result.participantGroup.filter((g: number | null) => g !== null).length);
    const etag = res.headers.etag as string;
    expect(etag).toBe(`"kuulo-${tick}"`);
    const again = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null, headers: { 'if-none-match': '"kuulo-0"' } });
    expect(stale.statusCode).toBe(200);
  });

  // Watches better-sqlite3's statements; the PostgreSQL run shares the route code and so the same reads.
  test.skipIf(onPostgres)('GET math, math/pca2 and v3 math/pca2: a 304 never reads the stored document, however large it is', async () => {
    const t = shared();
    const { id } = await importDemo();
    await waitForTick(t, id, 1);
    for (const url of [`/api/v1/conversations/${id}/math`, `/api/v1/conversations/${id}/math/pca2`, `/api/v3/math/pca2?conversation_id=${id}`]) {
      const etag = (await t.call({ method: 'GET', url, auth: null })).headers.etag as string;
      // Record every query run while the conditional request is answered.
      const statement = Object.getPrototypeOf((t.app.db as SqliteDb).connection.prepare('SELECT 1')) as Record<'get' | 'all', (...args: unknown[]) => unknown>;
      const ran: string[] = [];
      const originals = { get: statement.get, all: statement.all };
      for (const method of ['get', 'all'] as const) {
        statement[method] = function (this: { source: string }, ...args: unknown[]) {
          ran.push(this.source);
          return originals[method].apply(this, args);
        };
      }
      let status: number;
      try {
        status = (await t.call({ method: 'GET', url, auth: null, headers: { 'if-none-match': etag } })).statusCode;
      } finally {
        Object.assign(statement, originals);
      }
      expect(status, url).toBe(304);
      expect(ran.some((sql) => /math_results/.test(sql)), url).toBe(true);
      // Only `… IS NOT NULL` may name a document column: selecting one would load megabytes to answer "not modified".
      for (const sql of ran) expect(sql.replace(/\b(result|polis) IS NOT NULL/g, ''), `${url}: ${sql}`).not.toMatch(/\b(result|polis)\b/);
    }
  });

  test('GET math/pca2 has the key set of Polis math/pca2, its own ETag, and the v3 route honours math_tick', async () => {
    const t = shared();
    const { id } = await importDemo();
    const { tick } = await waitForTick(t, id, 1);
    const res = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/pca2`, auth: null });
    expect(res.statusCode).toBe(200);
    const pca2 = res.json();
    expect(Object.keys(pca2).sort()).toEqual(Object.keys(fixtureMath('below-100-ptpts')).sort());
    expect(pca2['group-clusters'].length).toBeGreaterThanOrEqual(2);
    expect(pca2.n).toBe(res.json().n);
    const etag = res.headers.etag as string;
    expect(etag).toBe(`"pca2-${tick}"`);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/pca2`, auth: null, headers: { 'if-none-match': `W/${etag}` } })).statusCode).toBe(304);
    const v3 = await t.call({ method: 'GET', url: `/api/v3/math/pca2?conversation_id=${id}&math_tick=${tick - 1}`, auth: null });
    expect(v3.statusCode).toBe(200);
    expect(v3.body).toBe(res.body);
    expect((await t.call({ method: 'GET', url: `/api/v3/math/pca2?conversation_id=${id}&math_tick=${tick}`, auth: null })).statusCode).toBe(304);
    const init = (await t.call({ method: 'GET', url: `/api/v3/participationInit?conversation_id=${id}`, auth: null })).json();
    expect(JSON.parse(init.pca).n).toBe(pca2.n);
  });

  test('a vote triggers a debounced recompute; next statements follow the priorities; export carries group ids', async () => {
    const t = shared();
    const { id, moderatorKey } = await importDemo();
    const { tick } = await waitForTick(t, id, 1);
    const before = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json().result;
    const next = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null })).json();
    const voted = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: next.statement.id, vote: 'agree', xid: 'newcomer' } });
    expect(voted.statusCode).toBe(200);
    await waitForTick(t, id, tick + 1);
    const after = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json().result;
    expect(after.participants.length).toBe(before.participants.length + 1);
    // participants-votes.csv group-id agrees with the math.
    const csv = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/participants-votes.csv`, auth: moderatorKey })).body.trim().split('\n').slice(1);
    const groupOf = new Map(after.participants.map((p: number, i: number) => [String(p), after.participantGroup[i] === null ? '' : String(after.participantGroup[i])]));
    for (const line of csv) {
      const [pid, gid] = line.split(',');
      expect(gid, `participant ${pid}`).toBe(groupOf.get(pid!));
    }
    const summary = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/summary.csv`, auth: moderatorKey })).body;
    expect(summary).toContain(`groups,${after.groups.length}`);
    const mathJson = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/math-pca2.json`, auth: moderatorKey });
    expect(mathJson.json().n).toBe(after.participants.length);
  });

  test('next statements are drawn in proportion to the comment priorities of the math', async () => {
    const t = shared();
    const { id } = await importDemo();
    await waitForTick(t, id, 1);
    const priorities = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/pca2`, auth: null })).json()['comment-priorities'] as Record<string, number>;
    const visible = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements?limit=500`, auth: null })).json().items.map((s: { id: number }) => s.id) as number[];
    const weight = (tid: number) => priorities[String(tid)] || 1;
    const total = visible.reduce((sum, tid) => sum + weight(tid), 0);
    const counts = new Map<number, number>();
    const draws = 600;
    for (let i = 0; i < draws; i++) {
      const next = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/next`, auth: null })).json();
      counts.set(next.statement.id, (counts.get(next.statement.id) ?? 0) + 1);
    }
    // Pearson correlation between expected and observed frequencies.
    const expected = visible.map((tid) => (draws * weight(tid)) / total);
    const observed = visible.map((tid) => counts.get(tid) ?? 0);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const [me, mo] = [mean(expected), mean(observed)];
    const cov = expected.reduce((sum, e, i) => sum + (e - me) * (observed[i]! - mo), 0);
    const sd = (a: number[], m: number) => Math.sqrt(a.reduce((sum, x) => sum + (x - m) ** 2, 0));
    expect(cov / (sd(expected, me) * sd(observed, mo))).toBeGreaterThan(0.8);
    // Never a statement participants cannot see.
    for (const tid of counts.keys()) expect(visible).toContain(tid);
  });

  test('POST math/recompute needs the moderator key; status of a conversation without votes', async () => {
    const t = shared();
    const created = (await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'empty' } })).json();
    const id = created.conversation.id;
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: null })).json().code).toBe('AUTH_REQUIRED');
    const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: created.moderatorKey });
    expect(res.json()).toMatchObject({ tick: 0, error: null, running: false });
    const none = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null });
    expect(none.json()).toMatchObject({ statusCode: 404, code: 'MATH_NOT_READY' });
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math/pca2`, auth: null })).json().code).toBe('MATH_NOT_READY');
  });
});

describe('math mode', () => {
  // Recomputes only when asked, so the seed can be fixed first and each change computes exactly once.
  const quiet = sharedApp({ math: { enabled: true, debounceMs: 60_000, maxWaitMs: 60_000 } });
  // The demo's current votes, arriving in two different orders (a seeded shuffle and its reverse).
  const votes = demoFinalVotes();
  const shuffled = votes.map((_, i) => i);
  let x = 12345;
  for (let i = shuffled.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const orders = [shuffled, [...shuffled].reverse()];

  async function importInOrder(t: ReturnType<typeof quiet>, order: number[], mode: 'polis' | 'stable') {
    const files = { 'comments.csv': demoCsv()['comments.csv'], 'votes.csv': votesCsvInOrder(votes, order) };
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', sign: 'export', mode, files } });
    expect(res.statusCode).toBe(201);
    const { conversation, moderatorKey } = res.json() as { conversation: { id: string; mode: string }; moderatorKey: string };
    expect(conversation.mode).toBe(mode);
    // Both conversations need the same seed, which creation draws at random.
    (await t.app.db.run('UPDATE conversations SET seed = 42 WHERE slug = ?', conversation.id));
    await t.call({ method: 'POST', url: `/api/v1/conversations/${conversation.id}/math/recompute`, auth: moderatorKey });
    const math = (await t.call({ method: 'GET', url: `/api/v1/conversations/${conversation.id}/math`, auth: null })).json();
    return { id: conversation.id, moderatorKey, result: math.result };
  }

  test('stable mode: the same votes in two arrival orders give identical results; Polis mode does not', async () => {
    const t = quiet();
    const [a, b] = [await importInOrder(t, orders[0]!, 'stable'), await importInOrder(t, orders[1]!, 'stable')];
    expect(a.result.options.mode).toBe('stable');
    expect(a.result.groups.length).toBeGreaterThanOrEqual(2);
    expect(a.result.bridging).toHaveLength(a.result.statements.length);
    expect(b.result).toEqual(a.result);
    const [p, q] = [await importInOrder(t, orders[0]!, 'polis'), await importInOrder(t, orders[1]!, 'polis')];
    expect(p.result.options.mode).toBe('polis');
    expect(p.result).not.toHaveProperty('bridging');
    expect(q.result.participants).not.toEqual(p.result.participants);
    expect(q.result.pca.comps).not.toEqual(p.result.pca.comps);
  });

  test('changing the mode recomputes cold: the result equals a fresh conversation in that mode', async () => {
    const t = quiet();
    const polis = await importInOrder(t, orders[0]!, 'polis');
    const stable = await importInOrder(t, orders[0]!, 'stable');
    const switchTo = async (mode: string, bridging?: string) => {
      const res = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${polis.id}`, auth: polis.moderatorKey, payload: { mode, ...(bridging && { bridging }) } });
      expect(res.json().mode).toBe(mode);
      await t.call({ method: 'POST', url: `/api/v1/conversations/${polis.id}/math/recompute`, auth: polis.moderatorKey });
      const { result } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${polis.id}/math`, auth: null })).json();
      return result;
    };
    expect(await switchTo('stable')).toEqual(stable.result);
    // Core's own tick restarts at 1: nothing of the stable state carried over.
    expect(await switchTo('polis')).toEqual(polis.result);
    const withBridging = await switchTo('polis', 'on');
    expect(withBridging.tick).toBe(2);
    expect(withBridging.bridging).toHaveLength(withBridging.statements.length);
    const exported = (await t.call({ method: 'GET', url: `/api/v1/conversations/${stable.id}/export/summary.csv`, auth: stable.moderatorKey })).body;
    expect(exported.trim().split('\n').at(-1)).toBe('math-mode,stable');
  });
});

describe('persistence and isolation', () => {
  test('a restart warm-starts from the persisted state: the same votes give the same groups as without the restart', async () => {
    const extraVotes = (conversation: string) =>
      Array.from({ length: 40 }, (_, i) => ({ statementId: [0, 1, 2, 3, 4, 5, 6, 7][i % 8]!, vote: i % 3 === 0 ? 'disagree' : 'agree', xid: `late-${i % 10}`, conversation }));
    const run = async (restart: boolean) => {
      const first = await open({ math: { enabled: true, debounceMs: 5_000 } });
      let t = first;
      const { id, moderatorKey } = await importDemo(t, 'same');
      // Both runs must share the conversation's random seed (PCA cold start), which creation draws at random.
      (await t.app.db.run("UPDATE conversations SET seed = 42 WHERE slug = 'same'"));
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: moderatorKey });
      if (restart) {
        await first.app.close();
        t = await open({ math: { enabled: true, debounceMs: 5_000 } }, { dir: first.dir });
      }
      for (const v of extraVotes(id)) {
        const res = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId: v.statementId, vote: v.vote, xid: v.xid } });
        if (res.statusCode !== 200 && res.json().code !== 'STATEMENT_REJECTED') throw new Error(res.body);
      }
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: moderatorKey });
      const { result } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json();
      await t.close();
      await first.close();
      return result;
    };
    const continued = await run(false);
    const restarted = await run(true);
    expect(restarted.tick).toBe(continued.tick);
    expect(restarted.participants).toEqual(continued.participants);
    expect(restarted.participantGroup).toEqual(continued.participantGroup);
    expect(restarted.groups.map((g: { id: number; size: number }) => [g.id, g.size])).toEqual(continued.groups.map((g: { id: number; size: number }) => [g.id, g.size]));
    expect(restarted.pca.comps).toEqual(continued.pca.comps);
  });

  test('a conversation too large for the math records an error; its voting and other conversations go on', async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10, maxVotes: 1000 } });
    const big = await importDemo(t);
    const small = (await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'small' } })).json();
    const seedRes = await t.call({ method: 'POST', url: `/api/v1/conversations/${small.conversation.id}/seeds`, auth: small.moderatorKey, payload: { text: 'A' } });
    expect(seedRes.statusCode).toBe(201);
    for (let i = 0; i < 5; i++) {
      await t.call({ method: 'POST', url: `/api/v1/conversations/${small.conversation.id}/votes`, auth: null, payload: { statementId: 0, vote: 'agree', xid: `x${i}` } });
    }
    const bigStatus = (await t.call({ method: 'POST', url: `/api/v1/conversations/${big.id}/math/recompute`, auth: adminKey })).json();
    expect(bigStatus.error).toMatch(/^conversation has \d+ votes, more than the math limit of 1000$/);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${big.id}/math`, auth: null })).json().code).toBe('MATH_NOT_READY');
    const vote = await t.call({ method: 'POST', url: `/api/v1/conversations/${big.id}/votes`, auth: null, payload: { statementId: 0, vote: 'pass', xid: 'still-voting' } });
    expect(vote.statusCode).toBe(200);
    const smallStatus = (await t.call({ method: 'POST', url: `/api/v1/conversations/${small.conversation.id}/math/recompute`, auth: small.moderatorKey })).json();
    expect(smallStatus.error).toBeNull();
    expect(smallStatus.tick).toBeGreaterThanOrEqual(1);
  });
});

describe('GET math/participant: the slim per-tick view of a participant page', () => {
  const url = (id: string, query = '') => `/api/v1/conversations/${id}/math/participant${query}`;

  test('without an identity: the view, you = null, an ETag of tick and "anon", 304; far smaller than GET math', async () => {
    const t = shared();
    const { id } = await importDemo();
    const { tick } = await waitForTick(t, id, 1);
    const res = await t.call({ method: 'GET', url: url(id), auth: null });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ tick, you: null, view: { format: 'kuulo-participant-view@1' } });
    expect(body.computedAt).toBeGreaterThan(0);
    const full = await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null });
    const { result } = full.json();
    expect(body.view.counts.participants).toBe(result.participants.length);
    expect(body.view.groups.map((g: { id: number; label: string; size: number }) => [g.id, g.label, g.size])).toEqual(
      [...result.groups].sort((a: { id: number }, b: { id: number }) => a.id - b.id).map((g: { id: number; label: string; size: number }) => [g.id, g.label, g.size]),
    );
    expect(body.view).not.toHaveProperty('participants');
    expect(res.body.length * 10).toBeLessThan(full.body.length);
    expect(res.headers.etag).toBe(`"participant-${tick}-anon"`);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const again = await t.call({ method: 'GET', url: url(id), auth: null, headers: { 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  test("with a token or an xid, `you` is that participant's place in the full result; the ETag names the participant", async () => {
    const t = shared();
    const { id } = await importDemo();
    const { tick } = await waitForTick(t, id, 1);
    const joined = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} })).json() as { pid: number; token: string };
    // Known but not yet in the math: you = null, and a reply of its own.
    const early = await t.call({ method: 'GET', url: url(id), auth: null, headers: { 'x-participant-token': joined.token } });
    expect(early.json().you).toBeNull();
    expect(early.headers.etag).toBe(`"participant-${tick}-p${joined.pid}"`);
    for (const [statementId, vote] of [[0, 'agree'], [1, 'disagree'], [2, 'agree'], [3, 'agree'], [4, 'disagree']] as const) {
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'x-participant-token': joined.token }, payload: { statementId, vote } });
      await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId, vote, xid: 'portal-7' } });
    }
    const { tick: next } = await waitForTick(t, id, tick + 1);
    const { result } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json();
    const expectPlace = (you: { pid: number; x: number; y: number; group: number | null }, pid: number) => {
      const row = result.participants.indexOf(pid);
      expect(row).toBeGreaterThanOrEqual(0);
      expect(you.pid).toBe(pid);
      expect(you.x).toBeCloseTo(result.participantProjection.x[row], 4);
      expect(you.y).toBeCloseTo(result.participantProjection.y[row], 4);
      expect(you.group).toBe(result.participantGroup[row]);
    };
    const byHeader = await t.call({ method: 'GET', url: url(id), auth: null, headers: { 'x-participant-token': joined.token } });
    expect(byHeader.json().tick).toBe(next);
    expectPlace(byHeader.json().you, joined.pid);
    expect(byHeader.headers.etag).toBe(`"participant-${next}-p${joined.pid}"`);
    expect(byHeader.headers.vary).toContain('X-Participant-Token');
    const byBearer = await t.call({ method: 'GET', url: url(id), auth: joined.token });
    expect(byBearer.body).toBe(byHeader.body);
    expect((await t.call({ method: 'GET', url: url(id), auth: joined.token, headers: { 'if-none-match': byHeader.headers.etag as string } })).statusCode).toBe(304);
    // Another participant's ETag does not validate this one's reply.
    expect((await t.call({ method: 'GET', url: url(id), auth: joined.token, headers: { 'if-none-match': `"participant-${next}-anon"` } })).statusCode).toBe(200);
    const portal = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/participants/me?xid=portal-7`, auth: null })).json() as { pid: number };
    expectPlace((await t.call({ method: 'GET', url: url(id, '?xid=portal-7'), auth: null })).json().you, portal.pid);
    // An unknown xid is nobody yet; a bad token is refused as on every participant route.
    expect((await t.call({ method: 'GET', url: url(id, '?xid=never-voted'), auth: null })).json().you).toBeNull();
    const bad = await t.call({ method: 'GET', url: url(id), auth: null, headers: { 'x-participant-token': 'kpt_' + 'x'.repeat(32) } });
    expect(bad.json().code).toBe('PARTICIPANT_TOKEN_INVALID');
  });

  test('MATH_NOT_READY before the first math, and an unknown conversation is 404', async () => {
    const t = shared();
    const created = (await t.call({ method: 'POST', url: '/api/v1/conversations', payload: { topic: 'no votes yet' } })).json();
    expect((await t.call({ method: 'GET', url: url(created.conversation.id), auth: null })).json()).toMatchObject({ statusCode: 404, code: 'MATH_NOT_READY' });
    expect((await t.call({ method: 'GET', url: url('no-such-conversation'), auth: null })).json().code).toBe('CONVERSATION_NOT_FOUND');
  });

  test("a bootstrap of the tick adds the group stabilities and the participant's membership confidence, and changes every ETag", async () => {
    const t = await build({ math: { enabled: true, debounceMs: 10_000 } });
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files: demoCsv() } });
    const { conversation, moderatorKey } = res.json() as { conversation: { id: string }; moderatorKey: string };
    const id = conversation.id;
    for (const statementId of [0, 1, 2, 3]) await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, payload: { statementId, vote: 'agree', xid: 'boot' } });
    const { tick } = (await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: moderatorKey })).json();
    const before = await t.call({ method: 'GET', url: url(id, '?xid=boot'), auth: null });
    expect(before.json().you).not.toHaveProperty('confidence');
    expect(before.json()).not.toHaveProperty('uncertainty');
    const anonBefore = await t.call({ method: 'GET', url: url(id), auth: null });
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/uncertainty`, auth: moderatorKey, payload: { resamples: 12, seed: 3 } })).statusCode).toBe(202);
    for (let i = 0; i < 2400; i++) {
      const state = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json().state;
      if (state !== 'queued' && state !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const { result } = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: null })).json();
    expect(result.uncertainty).toBeDefined();
    const after = await t.call({ method: 'GET', url: url(id, '?xid=boot'), auth: null, headers: { 'if-none-match': before.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).toBe(`"participant-${tick}-p${after.json().you.pid}-u1"`);
    const row = result.participants.indexOf(after.json().you.pid);
    expect(after.json().you.confidence).toBe(result.uncertainty.membershipConfidence[row]);
    // Stabilities follow result.groups' order in the result; the reply matches them to the view's groups by id.
    const stabilities = result.groups.map((g: { id: number }, i: number) => ({ id: g.id, stability: result.uncertainty.groups[i].stability }));
    expect(after.json().uncertainty).toEqual({ resamples: 12, groups: stabilities.sort((a: { id: number }, b: { id: number }) => a.id - b.id) });
    expect(after.json().uncertainty.groups.map((g: { id: number }) => g.id)).toEqual(after.json().view.groups.map((g: { id: number }) => g.id));
    // Everyone sees the stabilities: the anonymous reply changes too.
    const anonAfter = await t.call({ method: 'GET', url: url(id), auth: null, headers: { 'if-none-match': anonBefore.headers.etag as string } });
    expect(anonAfter.statusCode).toBe(200);
    expect(anonAfter.headers.etag).toBe(`"participant-${tick}-anon-u1"`);
    expect(anonAfter.json()).toMatchObject({ you: null, uncertainty: after.json().uncertainty });
  });

  // Only SQLite files can predate schema v4: a PostgreSQL database starts at the current schema.
  test.skipIf(onPostgres)('results stored before schema v4 get their view when the database is opened', async () => {
    const first = await open({ math: { enabled: true, debounceMs: 10_000 } });
    const res = await first.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files: demoCsv() } });
    const { conversation, moderatorKey } = res.json() as { conversation: { id: string }; moderatorKey: string };
    await first.call({ method: 'POST', url: `/api/v1/conversations/${conversation.id}/math/recompute`, auth: moderatorKey });
    const stored = (await first.call({ method: 'GET', url: url(conversation.id), auth: null })).body;
    // What migration 004 leaves on a result computed by an older server.
    (await first.app.db.run('UPDATE math_results SET participant_view = NULL, participant_places = NULL'));
    await first.app.close();
    const reopened = await open({ math: { enabled: false } }, { dir: first.dir });
    try {
      const again = await reopened.call({ method: 'GET', url: url(conversation.id), auth: null });
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(stored);
    } finally {
      await reopened.close();
      await first.close().catch(() => {});
    }
  });
});
