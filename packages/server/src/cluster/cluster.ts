import type { KuuloEvent } from '../events/eventBus.js';

/** What a math job under a lease came to: `ran: false` when another instance holds the conversation's lease. */
export type LeaseOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * What several server instances on one database coordinate: who computes a conversation's math, and
 * the events each instance's own event-stream clients must also hear. One process (SQLite) needs neither.
 */
export interface Cluster {
  /** Other instances may compute this database's math too (so a job first checks that anything is left to do). */
  readonly shared: boolean;
  /** Runs `fn` holding the conversation's math lease, or returns `{ ran: false }` at once when another instance holds it. */
  withMathLease<T>(conversationId: number, fn: () => Promise<T>): Promise<LeaseOutcome<T>>;
  /** Tells the other instances about an event this one published (after its commit). */
  announce(conversationId: number, event: KuuloEvent): void;
  close(): Promise<void>;
}

/** One process: every lease is free and nobody else listens. */
export class LocalCluster implements Cluster {
  readonly shared = false;

  async withMathLease<T>(_conversationId: number, fn: () => Promise<T>): Promise<LeaseOutcome<T>> {
    return { ran: true, value: await fn() };
  }

  announce(): void {}

  async close(): Promise<void> {}
}
