import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import { expect, test } from 'vitest';
import { runMigrations } from '../../src/migrations/runMigrations.js';
import { VoteWriter } from '../../src/services/voteWriter.js';

async function database() {
  const db = new SqliteDb(new Database(':memory:'));
  await runMigrations(db);
  (await db.run("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (1, 'c', 't', 'h', 0, 0, 0)"));
  return db;
}

test('VoteWriter writes the votes of one event-loop turn together, in arrival order, and resolves after they are stored', async () => {
  const db = await database();
  const writer = new VoteWriter(db);
  const before = ((await db.get('SELECT total_changes() AS n')) as { n: number }).n;
  const pending = [0, 1, 2].map((pid) => writer.write(1, { pid, tid: 0, vote: 1, createdAt: 10 + pid }));
  // Nothing is written until the turn ends.
  expect(((await db.get('SELECT count(*) AS n FROM votes')) as { n: number }).n).toBe(0);
  await Promise.all(pending);
  expect((await db.all('SELECT pid, vote FROM votes ORDER BY id'))).toEqual([
    { pid: 0, vote: 1 },
    { pid: 1, vote: 1 },
    { pid: 2, vote: 1 },
  ]);
  // Three rows a vote (history, current vote, statement tally), each written once.
  expect(((await db.get('SELECT total_changes() AS n')) as { n: number }).n - before).toBe(9);
});

test('a bad vote fails alone; its neighbours are committed', async () => {
  const db = await database();
  const writer = new VoteWriter(db);
  const good = writer.write(1, { pid: 0, tid: 0, vote: 1, createdAt: 1 });
  const bad = writer.write(1, { pid: 1, tid: 0, vote: 5 as 1, createdAt: 1 });
  const good2 = writer.write(1, { pid: 2, tid: 0, vote: -1, createdAt: 1 });
  await expect(good).resolves.toBeUndefined();
  await expect(bad).rejects.toThrow(/CHECK constraint failed/);
  await expect(good2).resolves.toBeUndefined();
  expect(((await db.get('SELECT count(*) AS n FROM votes')) as { n: number }).n).toBe(2);
});
