import type Database from 'better-sqlite3';
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
  readonly #insertAll: (batch: Pending[]) => void;
  readonly #insertOne: (p: Pending) => void;

  constructor(db: Database.Database) {
    this.#insertAll = db.transaction((batch: Pending[]) => {
      for (const p of batch) insertVote(db, p.conversationId, p.vote);
    });
    this.#insertOne = db.transaction((p: Pending) => {
      insertVote(db, p.conversationId, p.vote);
    });
  }

  /** Resolves once the vote is committed. */
  write(conversationId: number, vote: Pending['vote']): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ conversationId, vote, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now (also called before the database closes). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    try {
      this.#insertAll(batch);
      for (const p of batch) p.resolve();
    } catch {
      // Retry one by one so a single bad vote cannot fail its neighbours.
      for (const p of batch) {
        try {
          this.#insertOne(p);
          p.resolve();
        } catch (error) {
          p.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
  }
}
