import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import { afterEach, describe, expect, test } from 'vitest';
import { loadMigrations, runMigrations } from '../../src/migrations/runMigrations.js';
import { openDatabase } from '../../src/plugins/db.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kuulo-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('runMigrations', () => {
  test('a new database gets every bundled migration and a schema_version row each', async () => {
    const db = (await openDatabase({ path: join(tempDir(), 'a.db'), synchronous: 'NORMAL' })) as SqliteDb;
    const versions = (await db.all('SELECT version, name FROM schema_version ORDER BY version'));
    expect(versions).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.connection.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.close();
  });

  test('an upgrade applies only the new migration and keeps the data', async () => {
    const path = join(tempDir(), 'b.db');
    const v1 = loadMigrations();
    const db = await openDatabase({ path, synchronous: 'FULL', migrations: v1 });
    (await db.run("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES ('c', 'Topic', 'h', 1, 0, 0)"));
    await db.close();
    const v2 = [...v1, { version: v1.length + 1, name: 'add-color', sql: "ALTER TABLE conversations ADD COLUMN color TEXT NOT NULL DEFAULT 'blue';" }];
    const upgraded = new SqliteDb(new Database(path));
    expect(await runMigrations(upgraded, v2)).toEqual({ from: v1.length, to: v1.length + 1 });
    expect((await upgraded.all('SELECT slug, topic, color FROM conversations'))).toEqual([{ slug: 'c', topic: 'Topic', color: 'blue' }]);
    expect(await runMigrations(upgraded, v2)).toEqual({ from: v1.length + 1, to: v1.length + 1 });
    await upgraded.close();
  });

  test('002 gives existing conversations the polis mode and auto bridging, and refuses other values', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    const all = loadMigrations();
    expect(all.map((m) => m.name).slice(0, 2)).toEqual(['init', 'math-mode']);
    await runMigrations(db, all.slice(0, 1));
    (await db.run("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES ('old', 'Topic', 'h', 1, 0, 0)"));
    expect(await runMigrations(db, all)).toEqual({ from: 1, to: all.length });
    expect((await db.get('SELECT math_mode, bridging FROM conversations'))).toEqual({ math_mode: 'polis', bridging: 'auto' });
    await expect((async () => (await db.run("UPDATE conversations SET math_mode = 'fast'")))()).rejects.toThrow(/CHECK constraint failed/);
    await expect((async () => (await db.run("UPDATE conversations SET bridging = 'yes'")))()).rejects.toThrow(/CHECK constraint failed/);
    expect((await db.get("SELECT count(*) AS n FROM sqlite_master WHERE name = 'uncertainty_results'"))).toEqual({ n: 1 });
  });

  test('003 backfills statement_tallies of a v2 database to what a GROUP BY over its votes gives', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    const all = loadMigrations();
    expect(all[2]!.name).toBe('statement-tallies');
    await runMigrations(db, all.slice(0, 2));
    const conversation = db.connection.prepare("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (?, 'Topic', 'h', 1, 0, 0)");
    const [a, b] = ['a', 'b'].map((slug) => Number(conversation.run(slug).lastInsertRowid));
    const statement = db.connection.prepare("INSERT INTO statements (conversation_id, tid, text, moderation, created_at) VALUES (?, ?, 'text', 1, 0)");
    for (const c of [a, b]) for (let tid = 0; tid < 6; tid++) statement.run(c, tid);
    // Votes as the v2 server wrote them: history rows, and the latest per participant and statement.
    const history = db.connection.prepare('INSERT INTO votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)');
    const current = db.connection.prepare(`INSERT INTO current_votes (conversation_id, pid, tid, vote, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (conversation_id, pid, tid) DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at WHERE excluded.created_at >= current_votes.created_at`);
    let x = 1;
    for (let i = 0; i < 500; i++) {
      x = (x * 48271) % 2147483647;
      // Statement 5 gets no votes; times repeat and go backwards.
      const row = [x % 2 === 0 ? a : b, x % 13, x % 5, (x % 3) - 1, x % 40] as const;
      history.run(...row);
      current.run(...row);
    }
    await runMigrations(db, all);
    for (const c of [a, b]) {
      const tallies = (await db.all('SELECT tid, agree, disagree, pass, history_agree, history_disagree, changed_vote_id FROM statement_tallies WHERE conversation_id = ? ORDER BY tid', c));
      const expected = db.connection
        .prepare(
          `SELECT s.tid,
             (SELECT count(*) FROM current_votes v WHERE v.conversation_id = s.conversation_id AND v.tid = s.tid AND vote = 1) AS agree,
             (SELECT count(*) FROM current_votes v WHERE v.conversation_id = s.conversation_id AND v.tid = s.tid AND vote = -1) AS disagree,
             (SELECT count(*) FROM current_votes v WHERE v.conversation_id = s.conversation_id AND v.tid = s.tid AND vote = 0) AS pass,
             (SELECT count(*) FROM votes v WHERE v.conversation_id = s.conversation_id AND v.tid = s.tid AND vote = 1) AS history_agree,
             (SELECT count(*) FROM votes v WHERE v.conversation_id = s.conversation_id AND v.tid = s.tid AND vote = -1) AS history_disagree,
             (SELECT coalesce(max(id), 0) FROM votes v WHERE v.conversation_id = s.conversation_id AND v.tid = s.tid) AS changed_vote_id
           FROM statements s WHERE s.conversation_id = ? ORDER BY s.tid`,
        )
        .all(c);
      expect(tallies).toEqual(expected);
      expect(tallies).toContainEqual({ tid: 5, agree: 0, disagree: 0, pass: 0, history_agree: 0, history_disagree: 0, changed_vote_id: 0 });
    }
    expect((await db.get('SELECT sum(agree + disagree + pass) AS n FROM statement_tallies'))).toEqual((await db.get('SELECT count(*) AS n FROM current_votes')));
  });

  test('006 backfills each conversation\'s participant_count from its participants', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    const all = loadMigrations();
    expect(all[5]!.name).toBe('statement-allowance');
    await runMigrations(db, all.slice(0, 5));
    const conversation = db.connection.prepare("INSERT INTO conversations (slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (?, 'Topic', 'h', 1, 0, 0)");
    const [a, b, c] = ['a', 'b', 'c'].map((slug) => Number(conversation.run(slug).lastInsertRowid));
    const participant = db.connection.prepare('INSERT INTO participants (conversation_id, pid, created_at) VALUES (?, ?, 0)');
    for (let pid = 0; pid < 7; pid++) participant.run(a, pid * 3);
    participant.run(b, 2_147_483_647);
    await runMigrations(db, all);
    expect((await db.all('SELECT id, participant_count AS n FROM conversations ORDER BY id'))).toEqual([
      { id: a, n: 7 },
      { id: b, n: 1 },
      { id: c, n: 0 },
    ]);
  });

  test('007 keeps a v6 database valid: statement languages become the author\'s, conversations get no translations, translations go with their statement', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    db.connection.pragma('foreign_keys = ON');
    const all = loadMigrations();
    expect(all[6]!.name).toBe('languages');
    await runMigrations(db, all.slice(0, 6));
    const c = (await db.value("INSERT INTO conversations (slug, topic, languages, moderator_key_hash, seed, created_at, updated_at) VALUES ('old', 'Topic', '[\"fi\",\"sv\"]', 'h', 1, 0, 0) RETURNING id")) as number;
    const statement = db.connection.prepare('INSERT INTO statements (conversation_id, tid, text, lang, moderation, created_at) VALUES (?, ?, ?, ?, 1, 0)');
    statement.run(c, 0, 'Katuremontti kestää liian kauan.', 'fi');
    statement.run(c, 1, 'No language given', null);
    expect(await runMigrations(db, all)).toEqual({ from: 6, to: all.length });
    expect((await db.get('SELECT translations, machine_translation FROM conversations'))).toEqual({ translations: '{}', machine_translation: 0 });
    expect((await db.all('SELECT tid, lang, lang_source FROM statements ORDER BY tid'))).toEqual([
      { tid: 0, lang: 'fi', lang_source: 'author' },
      { tid: 1, lang: null, lang_source: null },
    ]);
    await expect((async () => (await db.run("UPDATE statements SET lang_source = 'guessed'")))()).rejects.toThrow(/CHECK constraint failed/);
    const translation = db.connection.prepare("INSERT INTO statement_translations (conversation_id, tid, lang, text, source, updated_at) VALUES (?, ?, 'sv', 'Gatureparationen tar för lång tid.', ?, 0)");
    translation.run(c, 0, 'moderator');
    expect(() => translation.run(c, 1, 'robot')).toThrow(/CHECK constraint failed/);
    expect(() => translation.run(c, 9, 'machine')).toThrow(/FOREIGN KEY constraint failed/);
    (await db.run('DELETE FROM statements WHERE tid = 0'));
    expect((await db.get('SELECT count(*) AS n FROM statement_translations'))).toEqual({ n: 0 });
  });

  test('a failing migration rolls back and leaves the version unchanged', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    const v1 = loadMigrations();
    await runMigrations(db, v1);
    const broken = [...v1, { version: v1.length + 1, name: 'broken', sql: 'CREATE TABLE t (x INTEGER); INSERT INTO nowhere VALUES (1);' }];
    await expect((async () => await runMigrations(db, broken))()).rejects.toThrow(/nowhere/);
    expect((await db.get('SELECT max(version) AS v FROM schema_version'))).toEqual({ v: v1.length });
    expect((await db.get("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'"))).toEqual({ n: 0 });
  });

  test('refuses a database written by a newer server', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    await runMigrations(db);
    (await db.run('INSERT INTO schema_version VALUES (99, ?, 0)', 'future'));
    await expect((async () => await runMigrations(db))()).rejects.toThrow('database schema version 99 is newer than this server knows');
  });

  test('loadMigrations checks file names and version gaps', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '001-init.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '003-skip.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow('expected 2, got 3 (skip)');
    writeFileSync(join(dir, 'bad name.sql'), '');
    expect(() => loadMigrations(dir)).toThrow('migration file name must look like 001-name.sql, got bad name.sql');
  });
});
