import type { Db } from '../db/db.js';
import type { Tally } from './statements.js';
import type { VoteValue } from './votes.js';

// statement_tallies (migration 003): counts kept by insertVote, so no read ever groups the votes.

/** The conversation's next change number (bind the conversation id last): its largest change_seq + 1, an index lookup; writes are serialised. */
const nextSeq = '(SELECT coalesce(max(change_seq), 0) + 1 FROM statement_tallies WHERE conversation_id = ?)';

// Above this many ids one range read of the conversation beats a primary-key lookup per id.
const lookupLimit = 64;

/**
 * Adds one history row to its statement's tally: `current` moves the latest-vote counts (−1, 0 or +1
 * each), `vote` is always counted in the history, and the statement is marked changed.
 * Call inside insertVote's transaction.
 */
export async function countVote(db: Db, conversationId: number, tid: number, current: Tally, vote: VoteValue, voteId: number): Promise<void> {
  await db.run(`INSERT INTO statement_tallies (conversation_id, tid, agree, disagree, pass, history_agree, history_disagree, changed_vote_id, change_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${nextSeq})
     ON CONFLICT (conversation_id, tid) DO UPDATE SET
       agree = statement_tallies.agree + excluded.agree, disagree = statement_tallies.disagree + excluded.disagree, pass = statement_tallies.pass + excluded.pass,
       history_agree = statement_tallies.history_agree + excluded.history_agree, history_disagree = statement_tallies.history_disagree + excluded.history_disagree,
       changed_vote_id = excluded.changed_vote_id, change_seq = excluded.change_seq`, conversationId, tid, current.agree, current.disagree, current.pass, +(vote === 1), +(vote === -1), voteId, conversationId);
}

/** Marks a statement changed (new, or moderated) so that `changedAfter` readers fetch it again. */
export async function touchStatement(db: Db, conversationId: number, tid: number): Promise<void> {
  await db.run(`INSERT INTO statement_tallies (conversation_id, tid, change_seq) VALUES (?, ?, ${nextSeq})
     ON CONFLICT (conversation_id, tid) DO UPDATE SET change_seq = excluded.change_seq`, conversationId, tid, conversationId);
}

/** The conversation's latest change number: every later vote, new statement or moderation gets a larger one. */
export async function changeSeq(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT coalesce(max(change_seq), 0) AS seq FROM statement_tallies WHERE conversation_id = ?', conversationId) as { seq: number }).seq;
}

/** Latest-vote tallies of the given statements; ids without votes or unknown ids are left out. */
export async function talliesFor(db: Db, conversationId: number, tids: number[]): Promise<Map<number, Tally>> {
  const out = new Map<number, Tally>();
  if (tids.length === 0) return out;
  if (tids.length <= lookupLimit) {
    for (const tid of tids) {
      const row = (await db.get('SELECT agree, disagree, pass FROM statement_tallies WHERE conversation_id = ? AND tid = ?', conversationId, tid)) as Tally | undefined;
      if (row) out.set(tid, { agree: row.agree, disagree: row.disagree, pass: row.pass });
    }
    return out;
  }
  const wanted = new Set(tids);
  let from = Infinity;
  let to = -Infinity;
  for (const tid of tids) {
    if (tid < from) from = tid;
    if (tid > to) to = tid;
  }
  const rows = await db.all('SELECT tid, agree, disagree, pass FROM statement_tallies WHERE conversation_id = ? AND tid BETWEEN ? AND ?', conversationId, from, to) as ({
    tid: number;
  } & Tally)[];
  for (const r of rows) if (wanted.has(r.tid)) out.set(r.tid, { agree: r.agree, disagree: r.disagree, pass: r.pass });
  return out;
}

/** Agrees and disagrees over every vote ever cast, per statement (Polis's comments.csv counts). */
export async function historyTallies(db: Db, conversationId: number): Promise<Map<number, { agrees: number; disagrees: number }>> {
  const rows = await db.all('SELECT tid, history_agree AS agrees, history_disagree AS disagrees FROM statement_tallies WHERE conversation_id = ? ORDER BY tid', conversationId,) as { tid: number; agrees: number; disagrees: number }[];
  return new Map(rows.map((r) => [r.tid, { agrees: r.agrees, disagrees: r.disagrees }]));
}
