import { lcg, type Vote } from '@kuulo/core';
import type Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/plugins/db.js';
import { insertStatement, moderateStatement, type Moderation } from '../../src/repositories/statements.js';
import { changeSeq, historyTallies, talliesFor } from '../../src/repositories/tallies.js';
import { insertVote, type VoteValue } from '../../src/repositories/votes.js';
import { importConversation } from '../../src/services/importConversation.js';

const open: SqliteDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

async function database(): Promise<SqliteDb> {
  const db = (await openDatabase({ path: ':memory:', synchronous: 'NORMAL' })) as SqliteDb;
  open.push(db);
  return db;
}

async function conversation(db: SqliteDb, slug: string): Promise<number> {
  return (await db.value("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (?, 'Topic', 'h', 1, 0, 0) RETURNING id", slug)) as number;
}

async function statements(db: SqliteDb, conversationId: number, n: number): Promise<number[]> {
  const tids: number[] = [];
  for (let i = 0; i < n; i++) {
    tids.push((await insertStatement(db, conversationId, { authorPid: null, text: `s${i}`, textKey: null, lang: null, langSource: null, isSeed: true, isMeta: false, moderation: 1, createdAt: 0 })).tid);
  }
  return tids;
}

/** What the tallies must equal: a GROUP BY over the current votes and over the history. */
function grouped(db: SqliteDb, conversationId: number) {
  const current = db.connection
    .prepare('SELECT tid, sum(vote = 1) AS agree, sum(vote = -1) AS disagree, sum(vote = 0) AS pass FROM current_votes WHERE conversation_id = ? GROUP BY tid')
    .all(conversationId) as { tid: number; agree: number; disagree: number; pass: number }[];
  const history = db.connection
    .prepare('SELECT tid, sum(vote = 1) AS agrees, sum(vote = -1) AS disagrees, max(id) AS last FROM votes WHERE conversation_id = ? GROUP BY tid')
    .all(conversationId) as { tid: number; agrees: number; disagrees: number; last: number }[];
  return { current, history };
}

async function expectTalliesMatch(db: SqliteDb, conversationId: number, tids: number[]): Promise<void> {
  const { current, history } = grouped(db, conversationId);
  const kept = await talliesFor(db, conversationId, tids);
  const voted = new Map(current.map(({ tid, ...t }) => [tid, t]));
  for (const tid of tids) expect(kept.get(tid) ?? null, `tally of statement ${tid}`).toEqual(voted.get(tid) ?? { agree: 0, disagree: 0, pass: 0 });
  // Below the range-read threshold talliesFor looks ids up one by one: both paths agree.
  expect(await talliesFor(db, conversationId, tids.slice(0, 5))).toEqual(new Map([...kept].filter(([tid]) => tids.slice(0, 5).includes(tid))));
  const kh = await historyTallies(db, conversationId);
  for (const h of history) expect(kh.get(h.tid), `history of statement ${h.tid}`).toEqual({ agrees: h.agrees, disagrees: h.disagrees });
  const lastIds = (await db.all('SELECT tid, changed_vote_id AS last FROM statement_tallies WHERE conversation_id = ? AND changed_vote_id > 0', conversationId));
  expect(lastIds).toEqual(history.map((h) => ({ tid: h.tid, last: h.last })));
}

describe('statement_tallies', () => {
  test('equal a GROUP BY over current_votes after random votes: changed votes, out-of-order times, moderation', async () => {
    const db = await database();
    const random = lcg(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const a = await conversation(db, 'a');
    const b = await conversation(db, 'b');
    const tidsA = await statements(db, a, 80);
    const tidsB = await statements(db, b, 3);
    let lastSeq = await changeSeq(db, a);
    for (let round = 0; round < 40; round++) {
      await db.transaction(async () => {
        for (let i = 0; i < 100; i++) {
          // Times jump back and forth so that late, older votes lose to newer ones (and ties go to the later arrival).
          const createdAt = 1000 + Math.floor(random() * 500) + round * 20;
          const [c, tids] = random() < 0.9 ? [a, tidsA] : [b, tidsB];
          await insertVote(db, c, { pid: Math.floor(random() * 30), tid: pick(tids), vote: pick([-1, 0, 1] as VoteValue[]), createdAt });
        }
        if (random() < 0.5) await moderateStatement(db, a, pick(tidsA), { moderation: pick([-1, 0, 1] as Moderation[]) }, round);
      });
      const seq = await changeSeq(db, a);
      expect(seq).toBeGreaterThan(lastSeq);
      lastSeq = seq;
    }
    expect((await db.get('SELECT count(*) AS n FROM votes'))).toEqual({ n: 4000 });
    await expectTalliesMatch(db, a, tidsA);
    await expectTalliesMatch(db, b, tidsB);
  });

  test('equal a GROUP BY after an import with repeated votes on a cell', async () => {
    const db = await database();
    const random = lcg(7);
    const votes: Vote[] = Array.from({ length: 600 }, () => ({
      participant: Math.floor(random() * 25),
      statement: Math.floor(random() * 12),
      vote: ([-1, 0, 1] as const)[Math.floor(random() * 3)]!,
      time: 1_600_000_000_000 + Math.floor(random() * 50) * 1000,
    }));
    const data = {
      statements: Array.from({ length: 12 }, (_, i) => ({ id: i, text: `imported ${i}`, moderation: 1 as const, isMeta: false })),
      votes,
      negated: false,
    };
    const limits = { topicLength: 1000, descriptionLength: 5000, statementLength: 1000, statementsPerConversation: 100 };
    const { conversation: c } = await importConversation(db, { topic: 'Imported' }, data, limits);
    expect((await db.get('SELECT count(*) AS n FROM current_votes WHERE conversation_id = ?', c.id))).not.toEqual({ n: 600 });
    await expectTalliesMatch(db, c.id, data.statements.map((s) => s.id));
  });

  test('every vote, new statement and moderation moves the change number; other conversations do not', async () => {
    const db = await database();
    const a = await conversation(db, 'a');
    const b = await conversation(db, 'b');
    expect(await changeSeq(db, a)).toBe(0);
    const [s0, s1] = await statements(db, a, 2);
    expect(await changeSeq(db, a)).toBe(2);
    const changedAfter = async (seq: number) => ((await db.all('SELECT tid FROM statement_tallies WHERE conversation_id = ? AND change_seq > ? ORDER BY tid', a, seq)) as { tid: number }[]).map((r) => r.tid);
    await insertVote(db, a, { pid: 1, tid: s0!, vote: 1, createdAt: 5 });
    expect(await changeSeq(db, a)).toBe(3);
    expect(await changedAfter(2)).toEqual([s0]);
    // A late, older vote changes only the history, yet readers are still told.
    await insertVote(db, a, { pid: 1, tid: s0!, vote: -1, createdAt: 4 });
    expect((await talliesFor(db, a, [s0!])).get(s0!)).toEqual({ agree: 1, disagree: 0, pass: 0 });
    expect((await historyTallies(db, a)).get(s0!)).toEqual({ agrees: 1, disagrees: 1 });
    expect(await changedAfter(3)).toEqual([s0]);
    await moderateStatement(db, a, s1!, { moderation: -1 }, 9);
    expect(await changedAfter(4)).toEqual([s1]);
    await statements(db, b, 1);
    await insertVote(db, b, { pid: 1, tid: 0, vote: 0, createdAt: 1 });
    expect(await changeSeq(db, a)).toBe(5);
    expect(await changeSeq(db, b)).toBe(2);
  });
});
