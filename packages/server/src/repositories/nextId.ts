import type { Db } from '../db/db.js';
import { apiError } from '../errors.js';

/** The largest statement or participant id: routes, Polis clients and the math address ids as int32. */
export const maxId = 2_147_483_647;

const tables = { statements: 'tid', participants: 'pid' } as const;

// Where the last gap search in a conversation ended: ids are never deleted, so the smallest free id only grows.
const gapHints = new WeakMap<Db, Map<string, number>>();

/**
 * The id for a new statement (tid) or participant (pid): max + 1 as Polis numbers them, or, once an
 * import has taken ids up to 2³¹−1, the smallest free id, so every id stays addressable.
 * ID_SPACE_FULL when every id up to 2³¹−1 is taken.
 */
export async function nextId(db: Db, table: keyof typeof tables, conversationId: number): Promise<number> {
  const column = tables[table];
  const next = (await db.get(`SELECT coalesce(max(${column}), -1) + 1 AS next FROM ${table} WHERE conversation_id = ?`, conversationId) as { next: number }).next;
  if (next <= maxId) return next;
  let hints = gapHints.get(db.root);
  if (!hints) gapHints.set(db.root, (hints = new Map()));
  const key = `${table}:${conversationId}`;
  // Walks the primary key in order from `from` and stops at the first id whose successor is free.
  const gapAfter = async (from: number) =>
    (
      await db.get(`SELECT a.${column} + 1 AS free FROM ${table} a WHERE a.conversation_id = ? AND a.${column} >= ? AND a.${column} < ${maxId}
           AND NOT EXISTS (SELECT 1 FROM ${table} b WHERE b.conversation_id = a.conversation_id AND b.${column} = a.${column} + 1)
         ORDER BY a.${column} LIMIT 1`, conversationId, from) as { free: number } | undefined
    )?.free;
  const hint = hints.get(key);
  // From the id before the hint: the hinted id itself is free again if its insert was rolled back.
  let free = hint === undefined ? undefined : await gapAfter(hint - 1);
  // No hint (or a stale one): 0 itself, else the first gap from the start.
  if (free === undefined) free = await db.get(`SELECT 1 FROM ${table} WHERE conversation_id = ? AND ${column} = 0`, conversationId) ? await gapAfter(0) : 0;
  if (free === undefined) throw apiError('ID_SPACE_FULL', `conversation ${conversationId} has no free ${table === 'statements' ? 'statement' : 'participant'} id: every id from 0 to ${maxId} is taken`);
  if (hints.size >= 10_000) hints.clear();
  hints.set(key, free);
  return free;
}
