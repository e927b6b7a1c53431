import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import { describe, expect, test } from 'vitest';
import { runMigrations } from '../../src/migrations/runMigrations.js';
import { maxId, nextId } from '../../src/repositories/nextId.js';
import { createConversation, sharedApp } from '../helper.js';

const shared = sharedApp();

describe('nextId(db, table, conversationId)', () => {
  test('is max + 1 while that fits in int32, then the smallest free id', async () => {
    const db = new SqliteDb(new Database(':memory:'));
    await runMigrations(db);
    (await db.run("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (1, 'c', 't', 'h', 0, 0, 0)"));
    const add = async (pid: number) => (await db.run('INSERT INTO participants (conversation_id, pid, created_at) VALUES (1, ?, 0)', pid));
    expect(await nextId(db, 'participants', 1)).toBe(0);
    await add(0);
    await add(1);
    await add(5);
    expect(await nextId(db, 'participants', 1)).toBe(6);
    await add(maxId);
    expect(await nextId(db, 'participants', 1)).toBe(2);
    for (const pid of [2, 3, 4]) await add(pid);
    expect(await nextId(db, 'participants', 1)).toBe(6);
    // Without a hint the walk starts at 0.
    const fresh = new SqliteDb(new Database(':memory:'));
    await runMigrations(fresh);
    (await fresh.run("INSERT INTO conversations (id, slug, topic, moderator_key_hash, seed, created_at, updated_at) VALUES (1, 'c', 't', 'h', 0, 0, 0)"));
    (await fresh.run('INSERT INTO statements (conversation_id, tid, text, created_at) VALUES (1, ?, ?, 0)', maxId, 'last'));
    expect(await nextId(fresh, 'statements', 1)).toBe(0);
    await db.close();
    await fresh.close();
  });
});

describe('ids after importing an export whose ids reach 2³¹−1', () => {
  test('new statements and participants get free int32 ids that every route can address', async () => {
    const t = shared();
    const start = Date.UTC(2024, 0, 1);
    const files = {
      'comments.csv': [
        'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body',
        `${start},,0,0,1,0,1,First`,
        `${start},,1,0,0,1,1,Second`,
        `${start},,${maxId},${maxId},1,0,1,Last`,
      ].join('\n'),
      'votes.csv': ['timestamp,datetime,comment-id,voter-id,vote', `${start},,0,0,1`, `${start},,1,0,-1`, `${start},,${maxId},${maxId},1`].join('\n'),
    };
    const imported = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { format: 'polis-csv', files } });
    expect(imported.statusCode, imported.body).toBe(201);
    const { conversation, moderatorKey } = imported.json();
    const id = conversation.id as string;
    const seeded = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/seeds`, auth: moderatorKey, payload: { text: 'Added after the import' } });
    expect(seeded.json().id).toBe(2);
    expect((await t.call({ method: 'GET', url: `/api/v1/conversations/${id}/statements/2`, auth: null })).statusCode).toBe(200);
    const joined = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/participants`, auth: null, payload: {} });
    expect(joined.json().pid).toBe(1);
    const token = joined.json().token as string;
    for (const statementId of [2, maxId]) {
      expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/votes`, auth: null, headers: { 'x-participant-token': token }, payload: { statementId, vote: 'agree' } })).statusCode).toBe(200);
    }
    const submitted = await t.call({ method: 'POST', url: `/api/v1/conversations/${id}/statements`, auth: null, headers: { 'x-participant-token': token }, payload: { text: 'Mine' } });
    expect(submitted.json().statement.id).toBe(3);
    const v3 = await t.call({ method: 'GET', url: `/api/v3/votes?conversation_id=${id}&pid=1`, auth: null, headers: { 'x-participant-token': token } });
    expect(v3.json().map((v: { tid: number }) => v.tid).sort((a: number, b: number) => a - b)).toEqual([2, 3, maxId]);
    const ids = (await t.app.db.get('SELECT max(tid) AS tid, (SELECT max(pid) FROM participants p WHERE p.conversation_id = s.conversation_id) AS pid FROM statements s JOIN conversations c ON c.id = s.conversation_id WHERE c.slug = ?', id));
    expect(ids).toEqual({ tid: maxId, pid: maxId });
    // A conversation with ordinary ids keeps max + 1.
    const plain = await createConversation(t);
    expect((await t.call({ method: 'POST', url: `/api/v1/conversations/${plain.id}/seeds`, payload: { text: 'x' } })).json().id).toBe(0);
  });
});
