import type { Db } from '../db/db.js';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '../events/eventBus.js';
import { findConversationById, type ConversationRow } from '../repositories/conversations.js';
import { findStatement, type StatementRow } from '../repositories/statements.js';
import { putTranslation } from '../repositories/translations.js';
import { sameLanguage } from '../services/statementLanguage.js';
import { isVisible, moderationName, translationsOf } from '../services/statementView.js';
import type { TranslationProvider } from './provider.js';

interface Job {
  conversationId: number;
  tid: number;
  lang: string;
}

const jobKey = (job: Job): string => `${job.conversationId}:${job.tid}:${job.lang}`;

/** Most translations waiting; past it new ones are dropped with a warning (a flood must not grow memory without bound). */
const maxQueued = 10_000;

/**
 * Machine-translates accepted statements of conversations that opted in, off the request thread: a
 * small queue with a concurrency limit. A failure is logged and leaves the statement as it was; a
 * translation by the author or a moderator is never replaced.
 */
export class TranslationService {
  readonly #queue: Job[] = [];
  /** Jobs queued or running, so the same translation is never asked for twice at once. */
  readonly #pending = new Set<string>();
  readonly #stop = new AbortController();
  #running = 0;
  readonly #idle: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly provider: TranslationProvider,
    private readonly events: EventBus,
    private readonly log: FastifyBaseLogger,
    /** Requests to the provider at once. */
    private readonly concurrency: number,
  ) {}

  /** Queues the translations a statement lacks, when its conversation opted in and participants can see it; returns at once. */
  async statementAccepted(conversation: ConversationRow, statement: StatementRow): Promise<void> {
    for (const lang of await this.#missing(conversation, statement)) this.#enqueue({ conversationId: conversation.id, tid: statement.tid, lang });
  }

  /** Drops what is queued, stops the requests under way and resolves when they have ended (before the database closes). */
  async close(): Promise<void> {
    this.#queue.length = 0;
    this.#stop.abort();
    if (this.#running > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  /** The conversation's languages the statement has no text in, or none when it must not be translated. */
  async #missing(conversation: ConversationRow, statement: StatementRow): Promise<string[]> {
    if (!conversation.machineTranslation || !isVisible(statement, conversation.strictModeration)) return [];
    const original = statement.lang ?? conversation.languages[0];
    if (original === undefined) return [];
    const have = await translationsOf(this.db, statement);
    return conversation.languages.filter((lang) => !sameLanguage(lang, original) && have[lang] === undefined);
  }

  #enqueue(job: Job): void {
    const key = jobKey(job);
    if (this.#stop.signal.aborted || this.#pending.has(key)) return;
    if (this.#queue.length >= maxQueued) {
      this.log.warn({ conversationId: job.conversationId, statement: job.tid, lang: job.lang }, `machine translation skipped: ${maxQueued} translations are already waiting`);
      return;
    }
    this.#pending.add(key);
    this.#queue.push(job);
    this.#drain();
  }

  #drain(): void {
    while (this.#running < this.concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      this.#running++;
      void this.#run(job)
        .catch((error: unknown) => this.log.error({ err: error, conversationId: job.conversationId, statement: job.tid, lang: job.lang }, 'machine translation could not be stored'))
        .finally(() => {
          this.#running--;
          this.#pending.delete(jobKey(job));
          this.#drain();
          if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
        });
    }
  }

  async #run(job: Job): Promise<void> {
    // Read again when the job's turn comes: the conversation may have opted out, the statement been rejected or translated meanwhile.
    const conversation = await findConversationById(this.db, job.conversationId);
    const statement = conversation && await findStatement(this.db, job.conversationId, job.tid);
    if (!conversation || !statement || !(await this.#missing(conversation, statement)).includes(job.lang)) return;
    const from = statement.lang ?? conversation.languages[0]!;
    const where = { conversation: conversation.slug, statement: job.tid, from, to: job.lang, provider: this.provider.name };
    let text: string;
    try {
      text = await this.provider.translate(statement.text, from, job.lang, this.#stop.signal);
    } catch (error) {
      if (!this.#stop.signal.aborted) this.log.warn({ ...where, err: error }, `machine translation failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.#stop.signal.aborted) return;
    const stored = await this.db.transaction(async (db) => {
      // An author or moderator may have added this language, or corrected the original's language, while the provider worked.
      const now = await findStatement(db, job.conversationId, job.tid);
      const current = await findConversationById(db, job.conversationId);
      if (!now || !current || now.lang !== statement.lang || !(await this.#missing(current, now)).includes(job.lang)) return false;
      return await putTranslation(db, job.conversationId, job.tid, job.lang, text, 'machine');
    });
    if (!stored) return;
    this.log.info(where, 'machine translation stored');
    const latest = (await findStatement(this.db, job.conversationId, job.tid))!;
    this.events.publish(job.conversationId, { type: 'statement', statementId: job.tid, moderation: moderationName[latest.moderation] });
  }
}
