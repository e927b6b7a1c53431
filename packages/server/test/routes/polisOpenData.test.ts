import { readFileSync } from 'node:fs';
import { parseCsv } from '@kuulo/core';
import { describe, expect, test } from 'vitest';
import { findConversation } from '../../src/repositories/conversations.js';
import { demoCsv } from '../demoFiles.js';
import { createConversation, join, onPostgres, seed, sharedApp, vote, type TestApp } from '../helper.js';

// The smallest real Polis export (about 3,000 votes): PostgreSQL imports it row by row.
const timeout = onPostgres ? 240_000 : 60_000;
const shared = sharedApp({ importBodyLimit: 20 * 1024 * 1024, math: { enabled: true, debounceMs: 10 } });
const fixture = (file: string) => readFileSync(new URL(`../../../core/test/fixtures/open-data/15-per-hour-seattle/${file}`, import.meta.url), 'utf8');
/** A CSV's header and rows (core's RFC 4180 reader: comment bodies hold commas, quotes and line breaks). */
function rows(csv: string): string[][] {
  const table = parseCsv(csv, 'report export');
  return [table.header, ...table.rows.map((r) => r.fields)];
}
const header = (csv: string) => csv.slice(0, csv.indexOf('\n'));
const seedAuthor = 2_147_483_647;

async function importDemo(t: TestApp): Promise<{ id: string; moderatorKey: string }> {
  const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files: demoCsv() } });
  if (res.statusCode !== 201) throw new Error(`import failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { conversation: { id: string }; moderatorKey: string };
  return { id: body.conversation.id, moderatorKey: body.moderatorKey };
}

async function computeMath(t: TestApp, id: string): Promise<void> {
  const row = (await findConversation(t.app.db, id))!;
  await t.app.kuulo.math.recompute(row.id);
  await t.app.kuulo.math.idle(row.id);
}

const get = (t: TestApp, url: string) => t.call({ method: 'GET', url, auth: null });

describe('Polis open data through /api/v3 (what red-dwarf’s Loader reads)', () => {
  test('closed by default: the Loader’s URLs answer clear errors; a moderator key still reads them', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const [tid] = await seed(t, id, ['Trams are too slow']);
    const { token } = await join(t, id);
    await vote(t, id, token, tid!, 'agree');
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}`, auth: null })).json().dataOpen).toBe(false);

    const comments = await get(t, `/api/v3/comments?conversation_id=${id}&moderation=true&include_voting_patterns=true`);
    expect(comments.statusCode).toBe(401);
    expect(comments.json().code).toBe('AUTH_REQUIRED');
    const visible = (await get(t, `/api/v3/comments?conversation_id=${id}`)).json();
    expect(visible[0]).not.toHaveProperty('pid');
    const votes = await get(t, `/api/v3/votes?pid=0&conversation_id=${id}`);
    expect(votes.statusCode).toBe(403);
    expect(votes.json()).toMatchObject({ code: 'DATA_NOT_OPEN', message: `pid 0 is not the participant identified by this request and conversation '${id}' does not have open data; use pid=mypid` });
    for (const url of [`/api/v3/reports?report_id=r${id}`, `/api/v3/reports?conversation_id=${id}`, `/api/v3/reportExport/r${id}/comments.csv`, `/api/v3/reportExport/r${id}/votes.csv`]) {
      const res = await get(t, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('DATA_NOT_OPEN');
    }
    const asModerator = await t.call({ method: 'GET', url: `/api/v3/votes?pid=0&conversation_id=${id}`, auth: moderatorKey });
    expect(asModerator.json()).toEqual([expect.objectContaining({ pid: 0, tid, vote: -1 })]);
    expect((await t.call({ method: 'GET', url: `/api/v3/reportExport/r${id}/votes.csv`, auth: moderatorKey })).statusCode).toBe(200);
    const unknown = await get(t, '/api/v3/reportExport/rnosuchconversation/votes.csv');
    expect(unknown.json()).toMatchObject({ code: 'CONVERSATION_NOT_FOUND', message: "report 'rnosuchconversation' names no conversation (a report id is 'r' + the conversation id)" });
    // Not of the form 'r' + id (`${id}x` was, whenever the random id began with r, and then named no conversation).
    const badId = await get(t, `/api/v3/reports?report_id=R${id}`);
    expect(badId.json().code).toBe('VALIDATION_FAILED');
    const neither = await get(t, '/api/v3/reports');
    expect(neither.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: 'querystring: conversation_id or report_id is required' });
  });

  test('an imported Polis export with open data: every Loader request in its order, and the CSVs in Polis’s columns', async () => {
    const t = shared();
    const { id, moderatorKey } = await importDemo(t);
    const patched = await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { dataOpen: true } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().dataOpen).toBe(true);
    const log = (await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/moderation/log`, auth: moderatorKey })).json();
    expect(JSON.stringify(log)).toContain('"dataOpen":true');
    await computeMath(t, id);

    // API mode, as Loader(report_id=…): reports → conversations → comments → math/pca2 → votes per pid.
    const reports = (await get(t, `/api/v3/reports?report_id=r${id}`)).json();
    expect(reports).toEqual([{ report_id: `r${id}`, conversation_id: id, created: expect.stringMatching(/^\d+$/), modified: expect.stringMatching(/^\d+$/), report_name: null }]);
    expect((await get(t, `/api/v3/reports?conversation_id=${id}`)).json()).toEqual(reports);
    const conversation = (await get(t, `/api/v3/conversations?conversation_id=${reports[0].conversation_id}`)).json();
    expect(conversation).toMatchObject({ conversation_id: id, topic: '$15/hour' });
    expect(typeof conversation.description).toBe('string');

    const comments = (await get(t, `/api/v3/comments?conversation_id=${id}&moderation=true&include_voting_patterns=true`)).json() as Record<string, unknown>[];
    const fixtureComments = rows(fixture('comments.csv')).slice(1);
    expect(comments).toHaveLength(fixtureComments.length);
    for (const c of comments) {
      expect(c).toMatchObject({ txt: expect.any(String), tid: expect.any(Number), created: expect.stringMatching(/^\d+$/), pid: expect.any(Number), is_seed: expect.any(Boolean), is_meta: expect.any(Boolean), active: true });
      expect([-1, 0, 1]).toContain(c.mod);
      for (const k of ['agree_count', 'disagree_count', 'pass_count', 'count']) expect(c[k]).toBeGreaterThanOrEqual(0);
    }
    // Authors and moderation as in Polis's file.
    const byTid = new Map(fixtureComments.map((r) => [Number(r[2]), r]));
    for (const c of comments) {
      const original = byTid.get(c.tid as number)!;
      expect([c.pid, c.mod, c.created], `tid ${String(c.tid)}`).toEqual([Number(original[3]), Number(original[6]), original[0]]);
    }

    const math = (await get(t, `/api/v3/math/pca2?conversation_id=${id}`)).json();
    expect(math.n).toBeGreaterThan(0);
    expect(Array.isArray(math['group-clusters'])).toBe(true);
    let loaded = 0;
    for (let pid = 0; pid <= math.n; pid++) {
      const votes = (await get(t, `/api/v3/votes?pid=${pid}&conversation_id=${id}`)).json() as Record<string, unknown>[];
      for (const v of votes) {
        expect(v).toMatchObject({ pid, tid: expect.any(Number), conversation_id: id, weight_x_32767: 0, modified: expect.stringMatching(/^\d+$/) });
        expect([-1, 0, 1]).toContain(v.vote);
      }
      loaded += votes.length;
    }
    expect(loaded).toBeGreaterThan(0);

    // CSV mode, as Loader(report_id=…, data_source='csv_export'): comments.csv, votes.csv; then the other files.
    const csv = async (file: string) => {
      const res = await get(t, `/api/v3/reportExport/r${id}/${file}?raw=true`);
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      return res.body;
    };
    const commentsFile = await csv('comments.csv');
    expect(header(commentsFile)).toBe(header(fixture('comments.csv')));
    // Polis's own file: every column but datetime (written in the exporter's time zone) is kept.
    const without = (r: string[]) => [r[0], ...r.slice(2)].join(',');
    expect(rows(commentsFile).slice(1).map(without).sort()).toEqual(fixtureComments.map(without).sort());
    const votesFile = await csv('votes.csv');
    expect(header(votesFile)).toBe(header(fixture('votes.csv')));
    expect(rows(votesFile).slice(1).map(without).sort()).toEqual(rows(fixture('votes.csv')).slice(1).map(without).sort());

    const summary = await csv('summary.csv');
    expect(rows(summary).map((r) => r[0])).toEqual(rows(fixture('summary.csv')).map((r) => r[0]));
    expect(summary).toContain('topic,$15/hour\n');

    const participantVotes = await csv('participant-votes.csv');
    expect(header(participantVotes)).toBe(header(fixture('participants-votes.csv')));
    expect(await csv('participants-votes.csv')).toBe(participantVotes);
    // Counts and vote cells as in Polis's file; group-id is Kuulo's own math.
    const original = new Map(rows(fixture('participants-votes.csv')).slice(1).map((r) => [r[0], r]));
    for (const r of rows(participantVotes).slice(1)) {
      const o = original.get(r[0])!;
      expect([r[0], ...r.slice(2)], `participant ${r[0]}`).toEqual([o[0], ...o.slice(2)]);
    }

    const groupsFile = await csv('comment-groups.csv');
    const letters = math['group-clusters'].map((_: unknown, i: number) => String.fromCharCode(97 + i));
    expect(header(groupsFile)).toBe(
      ['comment-id', 'comment', 'total-votes', 'total-agrees', 'total-disagrees', 'total-passes', ...letters.flatMap((l: string) => [`group-${l}-votes`, `group-${l}-agrees`, `group-${l}-disagrees`, `group-${l}-passes`])].join(','),
    );
    const groupRows = rows(groupsFile).slice(1);
    expect(groupRows).toHaveLength(comments.length);
    for (const r of groupRows) {
      const c = comments.find((x) => x.tid === Number(r[0]))!;
      expect(r.slice(1, 6), `tid ${r[0]}`).toEqual([c.txt, c.count, c.agree_count, c.disagree_count, c.pass_count].map(String));
      expect(r).toHaveLength(6 + 4 * letters.length);
    }
  }, timeout);

  test("seeds get the stand-in author 2147483647; report ids are 'r' + the conversation id, also when it starts with r", async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t, { id: `rail-${Date.now().toString(36)}` });
    const [tid] = await seed(t, id, ['Trains every ten minutes']);
    const { token } = await join(t, id);
    await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': token }, payload: { text: 'Night buses too' } });
    await vote(t, id, token, tid!, 'disagree');
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { dataOpen: true } });

    const comments = (await get(t, `/api/v3/comments?conversation_id=${id}&moderation=true`)).json();
    expect(comments.map((c: { tid: number; pid: number; is_seed: boolean }) => [c.tid, c.pid, c.is_seed])).toEqual([
      [tid, seedAuthor, true],
      [tid! + 1, 0, false],
    ]);
    const file = (await get(t, `/api/v3/reportExport/r${id}/comments.csv`)).body;
    expect(rows(file)[1]![3]).toBe(String(seedAuthor));
    expect(rows(file)[2]![3]).toBe('0');
    expect((await get(t, `/api/v3/reports?report_id=r${id}`)).json()[0].conversation_id).toBe(id);
    expect((await get(t, `/api/v3/conversations?conversation_id=${id}`)).json().conversation_id).toBe(id);
    // The author's own agree (−1 in Polis's internal sign) comes with their statement.
    expect((await get(t, `/api/v3/votes?pid=0&conversation_id=${id}`)).json()).toEqual([expect.objectContaining({ pid: 0, tid, vote: 1 }), expect.objectContaining({ pid: 0, tid: tid! + 1, vote: -1 })]);
    const mismatch = await get(t, `/api/v3/reports?report_id=r${id}&conversation_id=other`);
    expect(mismatch.json().code).toBe('VALIDATION_FAILED');
    // Closing the data again closes the routes.
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { dataOpen: false } });
    expect((await get(t, `/api/v3/reportExport/r${id}/comments.csv`)).json().code).toBe('DATA_NOT_OPEN');
  });

  test('participant-votes.csv gives no group-id for members of a group below the privacy floor (the moderator export does)', async () => {
    const t = shared();
    const { id, moderatorKey } = await createConversation(t);
    const statements = await seed(t, id, Array.from({ length: 8 }, (_, i) => `Statement ${i + 1} about the harbour`));
    // Twelve agree with everything, one disagrees with everything: a one-person group, below the floor of 5.
    for (let p = 0; p < 13; p++) {
      const { token } = await join(t, id);
      for (const s of statements) await vote(t, id, token, s, p < 12 ? 'agree' : 'disagree');
    }
    await computeMath(t, id);
    await t.call({ method: 'PATCH', url: `/api/v1/conversations/${id}`, auth: moderatorKey, payload: { dataOpen: true } });
    const groupIds = (csv: string) => rows(csv).slice(1).map((r) => r[1]);
    const moderator = groupIds((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/export/participants-votes.csv`, auth: moderatorKey })).body);
    const open = groupIds((await get(t, `/api/v3/reportExport/r${id}/participant-votes.csv`)).body);
    expect(new Set(moderator).size).toBe(2);
    expect(moderator.every((g) => g !== '')).toBe(true);
    expect(open.slice(0, 12).every((g) => g === moderator[0])).toBe(true);
    expect(open[12]).toBe('');
  });
});
