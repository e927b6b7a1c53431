import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/plugins/db.js';
import { parsePolisExport } from '../../src/polis/parsePolisExport.js';
import { createConversation } from '../../src/services/createConversation.js';
import { insertParticipant } from '../../src/repositories/participants.js';
import { insertStatement } from '../../src/repositories/statements.js';
import { insertVote, type VoteValue } from '../../src/repositories/votes.js';
import { importConversation } from '../../src/services/importConversation.js';
import { conversationFlags, defaultFlagThresholds, forgetFlags, participantFlags, type ParticipantFlagKind } from '../../src/services/participantFlags.js';

const limits = { topicLength: 1000, descriptionLength: 5000, statementLength: 5000, statementsPerConversation: 10_000 };
const fixtures = new URL('../../../core/test/fixtures/open-data/', import.meta.url);
const conversations = ['15-per-hour-seattle', 'brexit-consensus', 'canadian-electoral-reform', 'scoop-hivemind.ubi', 'vtaiwan.uberx'];

async function database(): Promise<SqliteDb> {
  return (await openDatabase({ path: ':memory:', synchronous: 'NORMAL' })) as SqliteDb;
}

async function importFixture(db: SqliteDb, name: string): Promise<number> {
  const file = (f: string) => readFileSync(new URL(`${name}/${f}`, fixtures), 'utf8');
  const data = parsePolisExport({ format: 'polis-csv', files: { 'comments.csv': file('comments.csv'), 'votes.csv': file('votes.csv') } }, 'export');
  return (await importConversation(db, { id: name.replace('.', '-'), topic: name }, data, limits)).conversation.id;
}

const kinds = (flags: Map<number, { kind: ParticipantFlagKind }[]>, kind: ParticipantFlagKind) => [...flags].filter(([, f]) => f.some((x) => x.kind === kind)).map(([pid]) => pid);

describe('participantFlags on real Polis conversations', () => {
  // The thresholds' evidence: how many real voters each signal flags (CC BY 4.0 Polis open data).
  test('each signal flags at most 1.5 % of real voters; identical bursts none; statement bursts only the owner who wrote the seeds', async () => {
    const db = await database();
    const measured: Record<string, unknown>[] = [];
    for (const name of conversations) {
      const id = await importFixture(db, name);
      const flags = await conversationFlags(db, id);
      const voters = ((await db.get('SELECT count(DISTINCT pid) AS n FROM current_votes WHERE conversation_id = ?', id)) as { n: number }).n;
      const row = {
        name,
        voters,
        'fast-votes': kinds(flags, 'fast-votes').length,
        'agree-everything': kinds(flags, 'agree-everything').length,
        'identical-burst': kinds(flags, 'identical-burst').length,
        'statement-burst': kinds(flags, 'statement-burst'),
      };
      measured.push(row);
      expect(row['fast-votes'] / voters, name).toBeLessThanOrEqual(0.015);
      expect(row['agree-everything'] / voters, name).toBeLessThanOrEqual(0.015);
      expect(row['identical-burst'], name).toBe(0);
      // Polis's pid 0 is the conversation's owner; an export does not say which statements were seeds.
      expect(row['statement-burst'], name).toEqual([0]);
    }
    // Measured with these defaults: flagged voters per conversation, in the order above.
    expect(measured.map((m) => m['fast-votes'])).toEqual([3, 0, 5, 0, 25]);
    expect(measured.map((m) => m['agree-everything'])).toEqual([1, 0, 0, 0, 9]);
  });

  test('reading only new voters gives the same flags as reading every vote, at every step of a real conversation', async () => {
    const db = await database();
    const file = (f: string) => readFileSync(new URL(`vtaiwan.uberx/${f}`, fixtures), 'utf8');
    const data = parsePolisExport({ format: 'polis-csv', files: { 'comments.csv': file('comments.csv'), 'votes.csv': file('votes.csv') } }, 'export');
    const id = (await importConversation(db, { id: 'replayed', topic: 'vTaiwan replayed' }, { ...data, votes: [] }, limits)).conversation.id;
    const votes = [...data.votes].sort((a, b) => a.time! - b.time!);
    // Steps of growing size: from a few new voters to most of the conversation at once.
    let done = 0;
    for (const step of [300, 700, 1500, 4000, 12_000, 31_497]) {
      await db.transaction(async () => {
        for (const v of votes.slice(done, done + step)) await insertVote(db, id, { pid: v.participant as number, tid: v.statement as number, vote: v.vote as VoteValue, createdAt: v.time! });
      });
      done += step;
      const incremental = await conversationFlags(db, id);
      forgetFlags(db, id);
      expect(incremental, `after ${done} votes`).toEqual(await conversationFlags(db, id));
    }
    expect(done).toBe(votes.length);
    expect(kinds(await conversationFlags(db, id), 'fast-votes')).toHaveLength(25);
  });

  test('the voters flagged for fast votes really did vote on 10 statements within 10 seconds', async () => {
    const db = await database();
    const id = await importFixture(db, 'canadian-electoral-reform');
    const flags = await conversationFlags(db, id);
    for (const pid of kinds(flags, 'fast-votes')) {
      const times = ((await db.column('SELECT created_at FROM current_votes WHERE conversation_id = ? AND pid = ? ORDER BY created_at', id, pid)) as number[]);
      const fastest = Math.min(...times.slice(9).map((t, i) => t - times[i]!));
      expect(fastest, `pid ${pid}`).toBeLessThanOrEqual(10_000);
      expect(flags.get(pid)!.find((f) => f.kind === 'fast-votes')!.detail).toMatch(/^\d+ statements voted on within 10 seconds$/);
    }
  });
});

describe('participantFlags(db, conversationId, pids)', () => {
  const t0 = 1_700_000_000_000;

  async function fresh(statements = 30): Promise<{ db: SqliteDb; id: number; tids: number[] }> {
    const db = await database();
    const { conversation } = await createConversation(db, { topic: 'Flood test' }, limits);
    const tids: number[] = [];
    for (let i = 0; i < statements; i++) {
      tids.push((await insertStatement(db, conversation.id, { authorPid: null, text: `seed ${i}`, textKey: null, lang: 'en', langSource: 'author', isSeed: true, isMeta: false, moderation: 1, createdAt: t0 })).tid);
    }
    return { db, id: conversation.id, tids };
  }

  async function voter(db: SqliteDb, id: number, votes: { tid: number; vote: VoteValue; at: number }[]): Promise<number> {
    const { pid } = await insertParticipant(db, id, { tokenHash: null, xid: null, createdAt: votes[0]?.at ?? t0 });
    for (const v of votes) await insertVote(db, id, { pid, tid: v.tid, vote: v.vote, createdAt: v.at });
    return pid;
  }

  test('returns only the asked participants that have flags', async () => {
    const { db, id, tids } = await fresh();
    // 12 votes, one every 0.5 s: faster than anyone reads; mixed values so no other flag.
    const fast = await voter(db, id, tids.slice(0, 12).map((tid, i) => ({ tid, vote: (i % 3) - 1 as VoteValue, at: t0 + i * 500 })));
    const slow = await voter(db, id, tids.slice(0, 12).map((tid, i) => ({ tid, vote: ((i + 1) % 3) - 1 as VoteValue, at: t0 + i * 8000 })));
    const flags = await participantFlags(db, id, [fast, slow, 99]);
    expect([...flags.keys()]).toEqual([fast]);
    expect(flags.get(fast)).toEqual([{ kind: 'fast-votes', detail: '12 statements voted on within 10 seconds', count: 12, seconds: 10 }]);
  });

  test('fast-votes counts different statements: clicking one statement ten times is not reading fast', async () => {
    const { db, id, tids } = await fresh();
    const pid = await voter(db, id, Array.from({ length: 20 }, (_, i) => ({ tid: tids[i % 2]!, vote: 1 as VoteValue, at: t0 + i * 100 })));
    expect((await participantFlags(db, id, [pid])).size).toBe(0);
    // Nine statements in 10 s is under the threshold; the tenth tips it.
    const nine = await voter(db, id, tids.slice(0, 9).map((tid, i) => ({ tid, vote: (i % 2) as VoteValue, at: t0 + i * 1000 })));
    expect((await participantFlags(db, id, [nine])).size).toBe(0);
    await insertVote(db, id, { pid: nine, tid: tids[9]!, vote: -1, createdAt: t0 + 9_500 });
    expect((await participantFlags(db, id, [nine])).get(nine)?.map((f) => f.kind)).toEqual(['fast-votes']);
  });

  test('agree-everything needs 15 agrees, nothing else, within the first 10 minutes', async () => {
    const { db, id, tids } = await fresh();
    const steady = (n: number, gap: number, vote: (i: number) => VoteValue) => tids.slice(0, n).map((tid, i) => ({ tid, vote: vote(i), at: t0 + i * gap }));
    const yes = await voter(db, id, steady(15, 5000, () => 1));
    const fourteen = await voter(db, id, steady(14, 5000, () => 1));
    const onePass = await voter(db, id, steady(16, 5000, (i) => (i === 7 ? 0 : 1)));
    const overDays = await voter(db, id, steady(20, 3_600_000, () => 1));
    const flags = await participantFlags(db, id, [yes, fourteen, onePass, overDays]);
    expect([...flags.keys()]).toEqual([yes]);
    expect(flags.get(yes)).toEqual([{ kind: 'agree-everything', detail: 'agreed with all 15 statements voted on, within 70 seconds of starting', count: 15, seconds: 70 }]);
  });

  test('identical-burst flags three fresh participants with the same votes, not two, nor the same votes days apart', async () => {
    const { db, id, tids } = await fresh();
    const pattern = (start: number) => tids.slice(0, 6).map((tid, i) => ({ tid, vote: ([1, -1, 1, 0, -1, 1] as VoteValue[])[i]!, at: start + i * 6000 }));
    const a = await voter(db, id, pattern(t0));
    const b = await voter(db, id, pattern(t0 + 60_000));
    expect((await participantFlags(db, id, [a, b])).size).toBe(0);
    const late = await voter(db, id, pattern(t0 + 3 * 86_400_000));
    expect((await participantFlags(db, id, [a, b, late])).size).toBe(0);
    const c = await voter(db, id, pattern(t0 + 120_000));
    const flags = await participantFlags(db, id, [a, b, c, late]);
    expect([...flags.keys()]).toEqual([a, b, c]);
    expect(flags.get(c)).toEqual([{ kind: 'identical-burst', detail: 'one of 3 participants who cast the same 6 votes and started within 10 minutes of each other', count: 3, seconds: 600 }]);
  });

  test('statement-burst: 10 statements within 10 minutes by one participant; seeds never count', async () => {
    const { db, id } = await fresh(0);
    const { pid } = await insertParticipant(db, id, { tokenHash: null, xid: null, createdAt: t0 });
    const { pid: calm } = await insertParticipant(db, id, { tokenHash: null, xid: null, createdAt: t0 });
    const write = async (author: number, i: number, at: number) =>
      await insertStatement(db, id, { authorPid: author, text: `statement ${author}-${i}`, textKey: null, lang: 'en', langSource: 'author', isSeed: false, isMeta: false, moderation: 0, createdAt: at });
    for (let i = 0; i < 10; i++) await write(pid, i, t0 + i * 60_000);
    // Twenty statements, one every 11 minutes: a busy writer, not a flood.
    for (let i = 0; i < 20; i++) await write(calm, i, t0 + i * 660_000);
    const flags = await participantFlags(db, id, [pid, calm]);
    expect([...flags.keys()]).toEqual([pid]);
    expect(flags.get(pid)).toEqual([{ kind: 'statement-burst', detail: '10 statements within 10 minutes', count: 10, seconds: 600 }]);
  });

  test('flags follow new votes, and flagging changes no row', async () => {
    const { db, id, tids } = await fresh();
    const pid = await voter(db, id, tids.slice(0, 9).map((tid, i) => ({ tid, vote: 1 as VoteValue, at: t0 + i * 300 })));
    const count = async (): Promise<number> => (await db.value('SELECT (SELECT count(*) FROM votes) + (SELECT count(*) FROM current_votes) + (SELECT count(*) FROM participants) + (SELECT count(*) FROM statements) AS n')) as number;
    const before = await count();
    expect((await participantFlags(db, id, [pid])).size).toBe(0);
    await insertVote(db, id, { pid, tid: tids[9]!, vote: 1, createdAt: t0 + 2_800 });
    expect((await participantFlags(db, id, [pid])).get(pid)?.map((f) => f.kind)).toEqual(['fast-votes']);
    expect(await count()).toBe(before + 2);
  });

  test('defaults are the documented ones', () => {
    expect(defaultFlagThresholds).toEqual({ burstStatements: 10, burstSeconds: 600, fastVotes: 10, fastSeconds: 10, agreeVotes: 15, identicalParticipants: 3, identicalMinVotes: 5, freshSeconds: 600 });
  });
});
