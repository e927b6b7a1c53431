import type { Db } from '../db/db.js';
import { insertVote, type VoteValue } from '../repositories/votes.js';

interface Pending {
  conversationId: number;
  vote: { pid: number; tid: number; vote: VoteValue; createdAt: number };
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Group commit: votes that arrive in the same turn of the event loop are written in one
 * transaction, and each request is answered only after that transaction has committed. One commit
 * per batch instead of per vote is what lets a single SQLite writer keep up with thousands of
 * votes a second without weakening "acknowledged means committed".
 */
export class VoteWriter {
  #queue: Pending[] = [];
  #scheduled = false;
  /** The batch being committed: flush() waits for it so close() leaves nothing behind. */
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** Resolves once the vote is committed. */
  write(conversationId: number, vote: Pending['vote']): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ conversationId, vote, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Commits everything queued now (also called before the database closes). */
  async flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    // One batch at a time: the next waits for the commit before it, so votes commit in arrival order.
    const previous = this.#writing;
    const writing = previous.then(() => this.#commit(batch));
    this.#writing = writing;
    await writing;
  }

  async #commit(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.db.transaction(async (tx) => {
        await lockVoteOrder(tx, batch);
        for (const p of batch) await insertVote(tx, p.conversationId, p.vote);
      });
      for (const p of batch) p.resolve();
    } catch {
      // Retry one by one so a single bad vote cannot fail its neighbours.
      for (const p of batch) {
        try {
          await this.db.transaction(async (tx) => {
            await lockVoteOrder(tx, [p]);
            await insertVote(tx, p.conversationId, p.vote);
          });
          p.resolve();
        } catch (error) {
          p.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
  }
}

/**
 * PostgreSQL hands out vote ids before commit, so with several writers a smaller id could commit after a
 * larger one and the math, reading `id > last seen`, would skip it. Holding the conversation's lock from
 * the first id to the commit makes its ids commit in order. SQLite has one writer: nothing to do.
 */
async function lockVoteOrder(db: Db, batch: Pending[]): Promise<void> {
  if (db.dialect !== 'postgres') return;
  // Always in ascending order, so two batches never wait on each other crosswise.
  for (const id of [...new Set(batch.map((p) => p.conversationId))].sort((a, b) => a - b)) await db.get('SELECT pg_advisory_xact_lock(?, ?)', voteOrderLock, id);
}

/** First key of the vote-order advisory locks (the second is the conversation id). */
const voteOrderLock = 0x6b76;
