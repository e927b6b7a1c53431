import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logModeration } from '../../src/repositories/moderationLog.js';
import { open, type TestApp } from '../helper.js';

// One app for the file, with math only when asked (every recompute below is explicit); building it
// compiles every route and the pages' assets, which takes more than the default hook time on a busy machine.
let app: (TestApp & { close: () => Promise<void> }) | undefined;
beforeAll(async () => {
  app = await open({ math: { enabled: true, debounceMs: 60_000, maxWaitMs: 60_000 } });
}, 120_000);
afterAll(async () => {
  await app?.close();
});
const shared = (): TestApp => app!;
const fixture = (f: string) => readFileSync(new URL(`../../../core/test/fixtures/open-data/canadian-electoral-reform/${f}`, import.meta.url), 'utf8');

async function importCanadian(t: TestApp, id: string, votesCsv = fixture('votes.csv')): Promise<string> {
  const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { id, format: 'polis-csv', sign: 'export', files: { 'comments.csv': fixture('comments.csv'), 'votes.csv': votesCsv } } });
  expect(res.statusCode, res.body).toBe(201);
  // Two conversations compared below need the same seed, which creation draws at random.
  (await t.app.db.run('UPDATE conversations SET seed = 42 WHERE slug = ?', id));
  return (res.json() as { moderatorKey: string }).moderatorKey;
}

async function math(t: TestApp, id: string, key: string) {
  await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/math/recompute`, auth: key });
  return (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: key })).json().result as { participants: number[]; groups: unknown[] };
}

describe('participant flags and exclusion from the math', () => {
  test('GET moderation/participants?flagged=true lists the real conversation\'s flagged voters', async () => {
    const t = shared();
    const key = await importCanadian(t, 'flags-listed');
    expect((await t.call({ method: 'GET', url: '/api/v1/conversations/flags-listed/moderation/participants?flagged=true', auth: null })).json().code).toBe('AUTH_REQUIRED');
    const res = await t.call({ method: 'GET', url: '/api/v1/conversations/flags-listed/moderation/participants?flagged=true', auth: key });
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: { pid: number; votes: number; statements: number; flags: { kind: string; detail: string }[]; exclusion: unknown }[]; total: number; next: number | null; excluded: number };
    expect(page.total).toBe(6);
    expect(page.excluded).toBe(0);
    expect(page.items.map((p) => p.pid)).toEqual([0, 130, 288, 324, 347, 413]);
    const owner = page.items[0]!;
    expect(owner.flags.map((f) => f.kind)).toEqual(['statement-burst']);
    expect(owner.statements).toBeGreaterThanOrEqual(30);
    // pid 347 passed on 42 statements in 11 seconds.
    const skimmer = page.items.find((p) => p.pid === 347)!;
    expect(skimmer).toMatchObject({ votes: 76, exclusion: null });
    expect(skimmer.flags[0]).toMatchObject({ kind: 'fast-votes', seconds: 10 });
    const paged = (await t.call({ method: 'GET', url: '/api/v1/conversations/flags-listed/moderation/participants?flagged=true&limit=4&after=0', auth: key })).json();
    expect(paged.items.map((p: { pid: number }) => p.pid)).toEqual([130, 288, 324, 347]);
    expect(paged.next).toBe(347);
    const all = (await t.call({ method: 'GET', url: '/api/v1/conversations/flags-listed/moderation/participants?limit=3', auth: key })).json();
    expect(all.items.map((p: { pid: number }) => p.pid)).toEqual([0, 1, 2]);
    expect(all.total).toBeGreaterThan(400);
  });

  test('excluding a participant leaves their votes out of the math, reversibly, deleting nothing; both steps are logged', async () => {
    const t = shared();
    const key = await importCanadian(t, 'exclude-347');
    const before = await math(t, 'exclude-347', key);
    expect(before.participants).toContain(347);
    const stored = async () => (await t.app.db.value("SELECT count(*) FROM votes v JOIN conversations c ON c.id = v.conversation_id WHERE c.slug = 'exclude-347' AND v.pid = 347"));
    const votesOf347 = await stored();
    expect(votesOf347).toBeGreaterThan(70);

    const put = await t.call({ method: 'PUT', url: '/api/v1/conversations/exclude-347/participants/347/exclusion', auth: key, payload: { reason: '42 passes in 11 s' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ pid: 347, exclusion: { reason: '42 passes in 11 s', actor: 'moderator' } });
    const excluded = await math(t, 'exclude-347', key);
    expect(excluded.participants).not.toContain(347);
    // The same math as a conversation that never had those votes.
    const without = fixture('votes.csv').split('\n').filter((line) => line.split(',')[3] !== '347').join('\n');
    const otherKey = await importCanadian(t, 'never-347', without);
    expect(excluded).toEqual(await math(t, 'never-347', otherKey));
    // The uncertainty check resamples the same votes the math used.
    const uncertainty = async (id: string, key: string) => {
      expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/uncertainty`, auth: key, payload: { resamples: 10, seed: 3 } })).statusCode).toBe(202);
      for (let i = 0; i < 2400; i++) {
        const status = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/uncertainty`, auth: null })).json();
        if (status.state !== 'queued' && status.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/math`, auth: key })).json().result.uncertainty;
    };
    const resampled = await uncertainty('exclude-347', key);
    expect(resampled).toBeDefined();
    expect(resampled).toEqual(await uncertainty('never-347', otherKey));
    // Nothing deleted: the votes stay stored and exported.
    expect(await stored()).toBe(votesOf347);
    const csv = (await t.call({ method: 'GET', url: '/api/v1/conversations/exclude-347/export/votes.csv', auth: key })).body;
    expect(csv.split('\n').filter((l) => l.split(',')[3] === '347')).toHaveLength(votesOf347 as number);

    const flagged = (await t.call({ method: 'GET', url: '/api/v1/conversations/exclude-347/moderation/participants?flagged=true', auth: key })).json();
    expect(flagged.excluded).toBe(1);
    const del = await t.call({ method: 'DELETE', url: '/api/v1/conversations/exclude-347/participants/347/exclusion', auth: key });
    expect(del.json()).toMatchObject({ pid: 347, exclusion: null });
    expect(await math(t, 'exclude-347', key)).toEqual(before);

    const log = (await t.call({ method: 'GET', url: '/api/v1/conversations/exclude-347/moderation/log', auth: key })).json();
    expect(log.items.map((e: { actor: string; action: string; target: string }) => [e.actor, e.action, e.target])).toEqual([
      ['moderator', 'participant.exclude', 'participant:347'],
      ['moderator', 'participant.include', 'participant:347'],
    ]);
    expect(log.items[0].detail).toEqual({ reason: '42 passes in 11 s' });
  }, 180_000);

  test('excluding twice logs once; including someone not excluded changes nothing; unknown pids and long reasons are refused', async () => {
    const t = shared();
    const key = await importCanadian(t, 'exclusion-edges');
    const url = (pid: number) => `/api/v1/conversations/exclusion-edges/participants/${pid}/exclusion`;
    await t.call({ method: 'PUT', url: url(130), auth: key, payload: {} });
    const again = await t.call({ method: 'PUT', url: url(130), auth: key, payload: { reason: 'agreed with everything' } });
    expect(again.json().exclusion).toMatchObject({ reason: 'agreed with everything', actor: 'moderator' });
    expect((await t.call({ method: 'DELETE', url: url(131), auth: key })).json()).toMatchObject({ pid: 131, exclusion: null });
    expect((await t.call({ method: 'GET', url: '/api/v1/conversations/exclusion-edges/moderation/log', auth: key })).json().total).toBe(1);
    const missing = await t.call({ method: 'PUT', url: url(99_999), auth: key, payload: {} });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'PARTICIPANT_NOT_FOUND', message: "participant 99999 does not exist in conversation 'exclusion-edges'" });
    const long = await t.call({ method: 'PUT', url: url(130), auth: key, payload: { reason: 'x'.repeat(501) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('reason');
    expect((await t.call({ method: 'PUT', url: url(130), auth: null, payload: {} })).json().code).toBe('AUTH_REQUIRED');
  });
});

describe('GET /conversations/:id/moderation/log', () => {
  test('pages by id, names the admin key as admin, and exports CSV with formula-like text neutralised', async () => {
    const t = shared();
    const key = await importCanadian(t, 'log-export');
    await t.call({ method: 'PUT', url: '/api/v1/conversations/log-export/participants/130/exclusion', auth: key, payload: { reason: '=HYPERLINK("x")' } });
    await t.call({ method: 'DELETE', url: '/api/v1/conversations/log-export/participants/130/exclusion' });
    await t.call({ method: 'PUT', url: '/api/v1/conversations/log-export/participants/288/exclusion', auth: key, payload: {} });
    const first = (await t.call({ method: 'GET', url: '/api/v1/conversations/log-export/moderation/log?limit=2', auth: key })).json();
    expect(first.items.map((e: { actor: string }) => e.actor)).toEqual(['moderator', 'admin']);
    expect(first.total).toBe(3);
    const second = (await t.call({ method: 'GET', url: `/api/v1/conversations/log-export/moderation/log?limit=2&after=${first.next}`, auth: key })).json();
    expect(second.items.map((e: { target: string }) => e.target)).toEqual(['participant:288']);
    expect(second.next).toBeNull();

    const csv = await t.call({ method: 'GET', url: '/api/v1/conversations/log-export/moderation/log?format=csv', auth: key });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="log-export-moderation-log.csv"');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('id,time,actor,action,target,detail');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,moderator,participant\.exclude,participant:130,"{""reason"":""=HYPERLINK\(\\""x\\""\)""}"$/);
    expect(lines[2]).toContain(',admin,participant.include,participant:130,');
    expect((await t.call({ method: 'GET', url: '/api/v1/conversations/log-export/moderation/log?format=xml', auth: key })).statusCode).toBe(400);
    // A named key's label is text someone typed: a spreadsheet must not run it.
    const conversationId = (await t.app.db.value("SELECT id FROM conversations WHERE slug = 'log-export'")) as number;
    await logModeration(t.app.db, { conversationId, actor: '=cmd|calc', action: 'statement.accept', target: 'statement:1' });
    const again = (await t.call({ method: 'GET', url: '/api/v1/conversations/log-export/moderation/log?format=csv', auth: key })).body.trimEnd().split('\n');
    expect(again.at(-1)).toMatch(/,'=cmd\|calc,statement\.accept,statement:1,$/);
  });
});

describe('settings changes in the moderation log', () => {
  test('a settings change names what changed and the simple new values; opening or closing alone is its own action', async () => {
    const t = shared();
    const key = await importCanadian(t, 'log-settings');
    // Without `auth` the test app sends the admin key.
    const patch = (payload: Record<string, unknown>, asAdmin = false) => t.call({ method: 'PATCH', url: '/api/v1/conversations/log-settings', ...(!asAdmin && { auth: key }), payload });
    expect((await patch({ privacyFloor: 7, topic: 'Electoral reform, revisited' })).statusCode).toBe(200);
    expect((await patch({ open: false }, true)).statusCode).toBe(200);
    expect((await patch({ open: true })).statusCode).toBe(200);
    // A refused change is not logged.
    expect((await patch({ privacyFloor: 1 })).statusCode).toBe(400);
    const log = (await t.call({ method: 'GET', url: '/api/v1/conversations/log-settings/moderation/log', auth: key })).json();
    expect(log.items.map((e: { actor: string; action: string; detail: unknown }) => [e.actor, e.action, e.detail])).toEqual([
      ['moderator', 'conversation.settings', { changed: ['privacyFloor', 'topic'], privacyFloor: 7 }],
      ['admin', 'conversation.close', null],
      ['moderator', 'conversation.open', null],
    ]);
  });
});
