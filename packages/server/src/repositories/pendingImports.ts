import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';

// An import is written under a slug no route accepts (ids match ^[a-z0-9]…) and nobody can guess,
// closed, and left out of listings; its last commit gives it the real id. A crash leaves the
// prefix behind, which tells the next start what to remove.
const prefix = '~import-';

/** A fresh hidden slug for an import in progress. */
export function pendingImportSlug(): string {
  return prefix + randomBytes(16).toString('hex');
}

export function isPendingImportSlug(slug: string): boolean {
  return slug.startsWith(prefix);
}

/** Gives a finished import its real id and open state (its last commit). */
export async function revealImport(db: Db, conversationId: number, slug: string, isOpen: boolean): Promise<void> {
  await db.run('UPDATE conversations SET slug = ?, is_open = ? WHERE id = ? AND slug LIKE ?', slug, +isOpen, conversationId, `${prefix}%`);
}

interface Owned {
  table: string;
  /** The columns that name one row: rowid, or the primary key of a WITHOUT ROWID table. */
  key: string[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

// Every table with a conversation_id column, read from the schema so tables added by later
// migrations are covered (current_votes and statement_tallies have no ON DELETE CASCADE).
async function ownedTables(db: Db): Promise<Owned[]> {
  if (db.dialect === 'postgres') {
    const names = (await db.column(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'conversation_id' AND table_name <> 'conversations' ORDER BY table_name",
    )) as string[];
    // ctid names one row of any PostgreSQL table.
    return names.map((table) => ({ table, key: ['ctid'] }));
  }
  const tables = (await db.all("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'conversations' ORDER BY name")) as {
    name: string;
    sql: string;
  }[];
  const owned: Owned[] = [];
  for (const t of tables) {
    const columns = (await db.all(`SELECT name, pk FROM pragma_table_info(?)`, t.name)) as { name: string; pk: number }[];
    if (!columns.some((c) => c.name === 'conversation_id')) continue;
    const withoutRowid = /\bWITHOUT\s+ROWID\b/i.test(t.sql);
    const key = withoutRowid ? columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name) : ['rowid'];
    owned.push({ table: t.name, key });
  }
  return owned;
}

/**
 * Deletes up to `limit` rows of the conversation from one of its tables, the conversation row itself
 * once nothing else is left; returns false when all is gone. Call repeatedly, each in its own transaction.
 */
export async function deleteConversationStep(db: Db, conversationId: number, limit: number): Promise<boolean> {
  for (const { table, key } of await ownedTables(db)) {
    const cols = key.map((k) => (k === 'ctid' ? k : quote(k))).join(', ');
    const t = quote(table);
    const changes = (await db.run(`DELETE FROM ${t} WHERE (${cols}) IN (SELECT ${cols} FROM ${t} WHERE conversation_id = ? LIMIT ?)`, conversationId, limit)).changes;
    if (changes > 0) return true;
  }
  return (await db.run('DELETE FROM conversations WHERE id = ?', conversationId)).changes > 0;
}

/** Ids of conversations whose import never finished (the server stopped or crashed during it). */
export async function unfinishedImports(db: Db): Promise<number[]> {
  return await db.column('SELECT id FROM conversations WHERE slug LIKE ? ORDER BY id', `${prefix}%`) as number[];
}
