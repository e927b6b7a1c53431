import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDb } from '../../src/db/sqlite.js';
import type { Db } from '../../src/db/db.js';
import { describe, expect, test } from 'vitest';
import { build, open } from '../helper.js';
import { syntheticExport } from '../polis/syntheticExport.js';

/** Row counts of every table (what an import may write to). */
async function tableCounts(db: Db): Promise<Record<string, number>> {
  const names = (await db.column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) as string[];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await db.value(`SELECT count(*) FROM "${name}"`)) as number])));
}

/** Rows that belong to conversation `id`, per table with a conversation_id column. */
async function rowsOf(db: Db, id: number): Promise<Record<string, number>> {
  const owned = (await db.column(
    "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'conversation_id') ORDER BY m.name",
  )) as string[];
  return Object.fromEntries(await Promise.all(owned.map(async (name) => [name, (await db.value(`SELECT count(*) FROM "${name}" WHERE conversation_id = ?`, id)) as number])));
}

/** The import being written, if any: hidden under a `~import-` slug, with the votes committed so far. */
async function pendingImport(db: Db): Promise<{ id: number; isOpen: number; votes: number } | undefined> {
  return (await db.get("SELECT c.id, c.is_open AS isOpen, (SELECT count(*) FROM votes v WHERE v.conversation_id = c.id) AS votes FROM conversations c WHERE c.slug LIKE '~import-%'")) as { id: number; isOpen: number; votes: number } | undefined;
}

describe('imports in short commits', () => {
  test('an import that fails near its end, after earlier commits, leaves no conversation and no rows', async () => {
    const t = await build({ importBodyLimit: 20 * 1024 * 1024 });
    const files = syntheticExport(60_000);
    const lastTime = Number(files['votes.csv'].trimEnd().split('\n').at(-1)!.split(',')[0]);
    await t.app.db.exec(`CREATE TEMP TRIGGER fail_late BEFORE INSERT ON main.votes WHEN NEW.created_at = ${lastTime} BEGIN SELECT RAISE(ABORT, 'injected failure on the last vote'); END`);
    const before = await tableCounts(t.app.db);
    // Between commits the import is in the database, hidden: watch it grow.
    let seen = 0;
    const watch = setInterval(async () => (seen = Math.max(seen, (await pendingImport(t.app.db))?.votes ?? 0)), 5);
    const res = await t.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { id: 'fails-late', format: 'polis-csv', sign: 'export', files } });
    clearInterval(watch);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(60_000);
    expect(await tableCounts(t.app.db)).toEqual(before);
    expect((await t.call({ method: 'GET', url: '/api/v1/conversations/fails-late' })).json().code).toBe('CONVERSATION_NOT_FOUND');
  });

  test('an import cut short by closing the app is hidden meanwhile and gone after the restart', async () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'kuulo-import-'));
    try {
      const first = await open({ importBodyLimit: 20 * 1024 * 1024 }, { dir });
      const files = syntheticExport(100_000);
      const pending = first.call({ method: 'POST', url: '/api/v1/conversations/import', payload: { id: 'cut-short', format: 'polis-csv', sign: 'export', files } });
      let hidden = await pendingImport(first.app.db);
      for (const start = Date.now(); !hidden || hidden.votes === 0; hidden = await pendingImport(first.app.db)) {
        if (Date.now() - start > 30_000) throw new Error('no import was seen being written within 30 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      // Written in part, but closed, not listed and not found under its id.
      expect(hidden.isOpen).toBe(0);
      expect((await first.call({ method: 'GET', url: '/api/v1/conversations' })).json().items).toEqual([]);
      expect((await first.call({ method: 'GET', url: '/api/v1/conversations/cut-short' })).statusCode).toBe(404);
      await first.close();
      const res = await pending;
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('abandoned') });

      // What the stop left behind is removed by the next start.
      const left = new SqliteDb(new Database(joinPath(dir, 'kuulo.db'), { readonly: true }));
      expect((await rowsOf(left, hidden.id)).votes).toBeGreaterThan(0);
      await left.close();
      const second = await open({}, { dir });
      try {
        expect(await pendingImport(second.app.db)).toBeUndefined();
        expect(Object.values(await rowsOf(second.app.db, hidden.id)).every((n) => n === 0)).toBe(true);
        expect((await second.call({ method: 'GET', url: '/api/v1/conversations' })).json().items).toEqual([]);
        expect((await second.call({ method: 'GET', url: '/api/v1/conversations/cut-short' })).statusCode).toBe(404);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
