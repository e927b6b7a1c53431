import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { PostgresDb } from '../db/postgres.js';
import type { EventBus, KuuloEvent } from '../events/eventBus.js';
import { conversationsBehindMath } from '../repositories/conversations.js';
import type { Cluster, LeaseOutcome } from './cluster.js';
import { pruneRateStore } from './postgresRateStore.js';

export interface PostgresClusterOptions {
  /** Every instance re-reads the ticks of the conversations its clients follow this often, in case a notification was lost. */
  pollMs: number;
  /** Every instance looks for conversations whose committed votes no math has read (an instance died) this often. */
  sweepMs: number;
  /** Wait before listening again after the notification connection broke. */
  reconnectMs: number;
}

export const defaultClusterOptions: PostgresClusterOptions = { pollMs: 5_000, sweepMs: 2_000, reconnectMs: 1_000 };

/** Channel of `{conversation, tick}` after each stored math result; and of the other events, which carry their sender. */
const tickChannel = 'kuulo_tick';
const eventChannel = 'kuulo_event';
/** Upper half of the math leases' advisory lock keys ("km"); the lower half is the conversation id. */
const mathLockSpace = 0x6b6dn << 32n;

/**
 * Several instances on one PostgreSQL database. A conversation's math runs under a session advisory lock,
 * so two instances never compute it at once and a dead instance's lock goes with its connection. Each
 * stored tick is announced with one NOTIFY (never one per vote: a NOTIFY pending at commit serialises
 * commits); every instance LISTENs on its own connection and hands the news to its event-stream clients,
 * catches up with a query after reconnecting, and polls slowly in case a notification was lost.
 */
export class PostgresCluster implements Cluster {
  readonly shared = true;
  readonly #id = randomUUID();
  /** The highest tick each conversation's clients here have been told of. */
  readonly #ticks = new Map<number, number>();
  #listener: pg.Client | null = null;
  #closed = false;
  readonly #timers: NodeJS.Timeout[] = [];
  #reconnect: NodeJS.Timeout | null = null;
  /** Lease takeovers and lost notifications, for the logs and the tests. */
  readonly stats = { leasesBusy: 0, notificationsSent: 0, notificationsReceived: 0, caughtUp: 0, sweeps: 0, sweepTouches: 0 };

  constructor(
    private readonly db: PostgresDb,
    private readonly url: string,
    private readonly events: EventBus,
    private readonly log: FastifyBaseLogger,
    private readonly touch: (conversationId: number) => void,
    private readonly options: PostgresClusterOptions = defaultClusterOptions,
  ) {}

  /** Starts listening and the slow timers; resolves once the first LISTEN is in place. */
  async start(): Promise<void> {
    this.events.relayTo((conversationId, event) => this.announce(conversationId, event));
    await this.#listen();
    const every = (ms: number, run: () => Promise<void>) => {
      const timer = setInterval(() => void run().catch((error: unknown) => this.#warn('cluster timer', error)), ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(this.options.pollMs, () => this.#catchUp());
    every(this.options.sweepMs, () => this.#sweep());
    every(60_000, () => pruneRateStore(this.db));
  }

  async withMathLease<T>(conversationId: number, fn: () => Promise<T>): Promise<LeaseOutcome<T>> {
    const key = String(mathLockSpace + BigInt(conversationId));
    const client = await this.db.pool.connect();
    let broken: Error | undefined;
    try {
      const locked = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [key])).rows[0]!.ok;
      if (!locked) {
        this.stats.leasesBusy++;
        return { ran: false };
      }
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch((error: unknown) => {
          // A connection that cannot unlock must not go back to the pool still holding the lock.
          broken = error instanceof Error ? error : new Error(String(error));
        });
      }
    } finally {
      client.release(broken);
    }
  }

  announce(conversationId: number, event: KuuloEvent): void {
    // Progress ticks many times a second and only matters to the page that asked for the bootstrap.
    if (this.#closed || event.type === 'uncertainty-progress') return;
    let channel: string;
    let payload: string;
    if (event.type === 'math') {
      this.#ticks.set(conversationId, Math.max(event.tick, this.#ticks.get(conversationId) ?? 0));
      channel = tickChannel;
      payload = JSON.stringify({ conversation: conversationId, tick: event.tick });
    } else {
      channel = eventChannel;
      payload = JSON.stringify({ conversation: conversationId, from: this.#id, event });
    }
    this.stats.notificationsSent++;
    this.db.pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((error: unknown) => this.#warn('NOTIFY', error));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    if (this.#reconnect) clearTimeout(this.#reconnect);
    const listener = this.#listener;
    this.#listener = null;
    await listener?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => this.#notified(message.channel, message.payload));
    const lost = () => {
      if (this.#listener === client) this.#listener = null;
      this.#listenAgain();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${tickChannel}`);
    await client.query(`LISTEN ${eventChannel}`);
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#listener = client;
    // Ticks stored while nobody here listened.
    await this.#catchUp();
  }

  #listenAgain(): void {
    if (this.#closed || this.#reconnect) return;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = null;
      this.#listen().catch((error: unknown) => {
        this.#warn('LISTEN', error);
        this.#listenAgain();
      });
    }, this.options.reconnectMs);
    this.#reconnect.unref();
  }

  #notified(channel: string, payload: string | undefined): void {
    let message: { conversation?: unknown; tick?: unknown; from?: unknown; event?: unknown };
    try {
      message = JSON.parse(payload ?? '') as typeof message;
    } catch {
      return;
    }
    const conversationId = message.conversation;
    if (typeof conversationId !== 'number') return;
    this.stats.notificationsReceived++;
    if (channel === tickChannel && typeof message.tick === 'number') this.#tick(conversationId, message.tick);
    else if (channel === eventChannel && message.from !== this.#id && message.event) this.events.deliver(conversationId, message.event as KuuloEvent);
  }

  #tick(conversationId: number, tick: number): void {
    if (tick <= (this.#ticks.get(conversationId) ?? 0)) return;
    this.#ticks.set(conversationId, tick);
    this.events.deliver(conversationId, { type: 'math', tick });
  }

  /** The stored ticks of the conversations followed here; anything newer than what their clients heard goes out now. */
  async #catchUp(): Promise<void> {
    const followed = this.events.conversations();
    if (followed.length === 0 || this.db.closed) return;
    const rows = (await this.db.all('SELECT conversation_id AS id, tick FROM math_results WHERE conversation_id = ANY(?::bigint[])', followed)) as { id: number; tick: number }[];
    for (const { id, tick } of rows) {
      const known = this.#ticks.get(id);
      // A conversation first followed now: its clients read the current math when they opened.
      if (known === undefined) this.#ticks.set(id, tick);
      else if (tick > known) {
        this.stats.caughtUp++;
        this.#tick(id, tick);
      }
    }
  }

  /** Conversations with committed votes or moderation no stored math has read: the instance that took them may be gone. */
  async #sweep(): Promise<void> {
    if (this.db.closed) return;
    this.stats.sweeps++;
    for (const id of await conversationsBehindMath(this.db, { skipFailed: true })) {
      this.stats.sweepTouches++;
      this.touch(id);
    }
  }

  #warn(what: string, error: unknown): void {
    if (!this.#closed) this.log.warn({ err: error }, `cluster: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
