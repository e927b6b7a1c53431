import type { Db } from '../db/db.js';

/** One participant's activity in one time slot: votes cast and statements written. */
export interface ActivitySlot {
  /** Slot number: created_at (ms) divided by the slot length. */
  slot: number;
  /** Participant, or null for statements without an author (seeds). */
  pid: number | null;
  votes: number;
  statements: number;
}

/**
 * Votes cast after vote id `afterId` (changed votes too), counted per participant and slot of
 * `slotMs`, and the last vote id they reach (`afterId` when there are none): votes only ever arrive
 * with higher ids, so counts can be kept and brought up to date with the new ones alone.
 */
export async function voteSlotsAfter(db: Db, conversationId: number, slotMs: number, afterId: number): Promise<{ slots: ActivitySlot[]; lastId: number }> {
  // A bound JS number is a REAL: cast it, or the division is not an integer one and nothing groups.
  const rows = await db.all(`SELECT created_at / CAST(? AS INTEGER) AS slot, pid, COUNT(*) AS votes, MAX(id) AS last FROM votes
     WHERE conversation_id = ? AND id > ? GROUP BY slot, pid`, slotMs, conversationId, afterId) as { slot: number; pid: number; votes: number; last: number }[];
  let lastId = afterId;
  const slots = rows.map((r) => {
    if (r.last > lastId) lastId = r.last;
    return { slot: r.slot, pid: r.pid, votes: r.votes, statements: 0 };
  });
  return { slots, lastId };
}

/** Statements written (seeds too, with a null pid), counted per author and slot of `slotMs`. */
export async function statementSlots(db: Db, conversationId: number, slotMs: number): Promise<ActivitySlot[]> {
  return await db.all(`SELECT created_at / CAST(? AS INTEGER) AS slot, author_pid AS pid, 0 AS votes, COUNT(*) AS statements FROM statements
     WHERE conversation_id = ? GROUP BY slot, author_pid`, slotMs, conversationId) as ActivitySlot[];
}
