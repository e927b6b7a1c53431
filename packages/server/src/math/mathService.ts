import type { Db } from '../db/db.js';
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedConfig } from '../config.js';
import type { EventBus } from '../events/eventBus.js';
import { LocalCluster, type Cluster } from '../cluster/cluster.js';
import { conversationsBehindMath, findConversationById, mathBehind } from '../repositories/conversations.js';
import { getMathState, getMathSummary, getMathTick, saveMathError, saveMathResult } from '../repositories/math.js';
import { excludedPids } from '../repositories/participantExclusions.js';
import { isPendingImportSlug } from '../repositories/pendingImports.js';
import { moderationStates } from '../repositories/statements.js';
import { historyCount, lastVoteId } from '../repositories/votes.js';
import type { MathJobInput, MathJobOutput } from './mathJob.js';
import { readVoteBatch } from './readVoteBatch.js';
import { representativenessJob } from './representativenessJob.js';
import type { WorkerPool } from './workerPool.js';

interface Schedule {
  timer: NodeJS.Timeout | null;
  /** When the first change no computation has started on came (0: none): its wait counts from here, also across a running job. */
  firstDirtyAt: number;
  running: Promise<void> | null;
  dirtyAgain: boolean;
  /** Settings changed: the next job must not reuse a worker's warm copy (it re-reads the state with the new options). */
  fresh: boolean;
  /** The mode changed: the next job must also ignore the persisted state and start cold. */
  cold: boolean;
  /** The last vote id the running job reads (0 when none runs). */
  readingUpTo: number;
  /** Another instance held the lease last time: compute on the next run only if its result left something unseen. */
  leaseBusy: boolean;
  /** Participant answers or questions changed: compute even when no vote is unseen. */
  answers: boolean;
}

export interface MathStatus {
  tick: number;
  computedAt: number | null;
  durationMs: number | null;
  pending: boolean;
  running: boolean;
  error: string | null;
  errorAt: number | null;
}

/**
 * Throttled, per-conversation recomputation. A vote marks a conversation dirty; `debounceMs` after the
 * first change no job has started on, a job goes to the worker pool (after the running one, if any), and
 * its result is stored with a new tick and announced on the event bus. Later votes never push the job
 * back (so `maxWaitMs`, the old cap on that, is never reached): under steady load a vote waits at most the
 * debounce (or the running job, if longer) plus its own computation, and a conversation computes at most
 * once per debounce unless its math takes longer. Failures are recorded and leave the last result.
 */
export class MathService {
  readonly #schedules = new Map<number, Schedule>();
  readonly #priorityCache = new Map<number, { tick: number; priorities: Map<number, number> }>();
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly pool: WorkerPool | null,
    private readonly config: ResolvedConfig['math'],
    private readonly events: EventBus,
    private readonly log: FastifyBaseLogger,
    /** Who else computes math on this database (several instances on PostgreSQL); alone by default. */
    private readonly cluster: Cluster = new LocalCluster(),
  ) {}

  /** New votes or moderation: recompute once the first change no job has started on has waited the debounce. */
  touch(conversationId: number): void {
    if (this.#closed || !this.pool) return;
    const s = this.#schedule(conversationId);
    const now = Date.now();
    if (s.firstDirtyAt === 0) s.firstDirtyAt = now;
    if (s.running) {
      s.dirtyAgain = true;
      return;
    }
    if (s.timer !== null) return;
    // Due from the first change, not the last: a steady stream of votes (which never leaves a quiet debounce) cannot postpone the job.
    const due = s.firstDirtyAt + this.config.debounceMs;
    s.timer = setTimeout(() => void this.#run(conversationId), Math.max(0, due - now));
    s.timer.unref();
  }

  /**
   * The conversation's math settings changed: the next computation (scheduled now) skips warm copies,
   * and with `cold` (a mode change) starts from no state at all. A job already running is followed by
   * that computation, so its old-mode result never stays the latest.
   */
  settingsChanged(conversationId: number, change: { cold: boolean }): void {
    const s = this.#schedule(conversationId);
    s.fresh = true;
    s.cold ||= change.cold;
    this.touch(conversationId);
  }

  /** Participant answers or the questions changed: recompute after the debounce, even on an instance sharing the database. */
  answersChanged(conversationId: number): void {
    this.#schedule(conversationId).answers = true;
    this.touch(conversationId);
  }

  /** Recomputes now (after any running job) and resolves when stored; returns the new tick. */
  async recompute(conversationId: number): Promise<number> {
    const s = this.#schedule(conversationId);
    // Another instance may hold the conversation's lease: wait for it, then compute here.
    for (let attempt = 0; ; attempt++) {
      while (s.running) await s.running;
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      if ((await this.#run(conversationId, true)) || this.#closed) break;
      await new Promise((r) => setTimeout(r, Math.min(200, 10 * 2 ** attempt)));
    }
    return (await getMathSummary(this.db, conversationId))?.tick ?? 0;
  }

  /** Resolves once nothing is scheduled or running for the conversation. */
  async idle(conversationId: number): Promise<void> {
    const s = this.#schedules.get(conversationId);
    while (s && (s.running || s.timer)) {
      if (s.running) await s.running;
      else await new Promise((r) => setTimeout(r, 5));
    }
  }

  /**
   * Called once on start: schedules every conversation whose committed votes or moderation the math
   * has not seen (acknowledged within the debounce before a crash or restart). Returns how many.
   */
  async catchUp(): Promise<number> {
    if (this.#closed || !this.pool) return 0;
    const behind = await conversationsBehindMath(this.db);
    for (const id of behind) this.touch(id);
    if (behind.length > 0) this.log.info({ conversations: behind.length }, 'math catching up on changes made before the last stop');
    return behind.length;
  }

  async status(conversationId: number): Promise<MathStatus> {
    const row = await getMathSummary(this.db, conversationId);
    const s = this.#schedules.get(conversationId);
    const scheduled = Boolean(s?.timer) || Boolean(s?.dirtyAgain);
    return {
      tick: row?.tick ?? 0,
      computedAt: row?.computedAt ?? null,
      durationMs: row?.durationMs ?? null,
      pending: scheduled || await this.#unseenVotes(conversationId, row, s),
      running: Boolean(s?.running),
      error: row?.error ?? null,
      errorAt: row?.errorAt ?? null,
    };
  }

  /** Comment priorities of the latest math (parsed once per tick), or null before the first. */
  async priorities(conversationId: number): Promise<Map<number, number> | null> {
    const cached = this.#priorityCache.get(conversationId);
    if (cached && cached.tick === await getMathTick(this.db, conversationId)) return cached.priorities;
    const row = await getMathSummary(this.db, conversationId);
    if (!row || row.priorities === null) return null;
    const parsed = JSON.parse(row.priorities) as Record<string, number>;
    const priorities = new Map(Object.entries(parsed).map(([tid, p]) => [Number(tid), p]));
    this.#priorityCache.set(conversationId, { tick: row.tick, priorities });
    return priorities;
  }

  /** Stops scheduling and waits for running jobs (their results are still stored). */
  async close(): Promise<void> {
    this.#closed = true;
    const running: Promise<void>[] = [];
    for (const s of this.#schedules.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      if (s.running) running.push(s.running);
    }
    await Promise.allSettled(running);
  }

  // Committed votes neither stored math nor the running job has read; a failed last attempt waits for the next touch instead.
  async #unseenVotes(conversationId: number, row: { lastVoteId: number; error: string | null } | undefined, s: Schedule | undefined): Promise<boolean> {
    if (!this.pool || this.#closed || (row?.error != null && !s?.running)) return false;
    const seen = Math.max(row?.lastVoteId ?? 0, s?.running ? s.readingUpTo : 0);
    return await lastVoteId(this.db, conversationId) > seen;
  }

  #schedule(conversationId: number): Schedule {
    let s = this.#schedules.get(conversationId);
    if (!s) this.#schedules.set(conversationId, (s = { timer: null, firstDirtyAt: 0, running: null, dirtyAgain: false, fresh: false, cold: false, readingUpTo: 0, leaseBusy: false, answers: false }));
    return s;
  }

  /** Resolves true when this instance computed (or had nothing to do), false when another held the lease. */
  #run(conversationId: number, force = false): Promise<boolean> {
    const s = this.#schedule(conversationId);
    s.timer = null;
    s.dirtyAgain = false;
    // This job reads every change so far; a change from now on waits from its own arrival (so two jobs start at least the debounce apart).
    s.firstDirtyAt = 0;
    // Another instance (its sweep, or its own votes) may have computed everything since this was scheduled.
    const onlyIfBehind = (this.cluster.shared || s.leaseBusy) && !force;
    const running = this.cluster
      .withMathLease(conversationId, () => this.#compute(conversationId, onlyIfBehind))
      .then((outcome) => {
        s.leaseBusy = !outcome.ran;
        // The other instance computes now; look again after the debounce, in case votes came after what it read.
        if (!outcome.ran) s.dirtyAgain = true;
        return outcome.ran;
      })
      .finally(() => {
        s.running = null;
        s.readingUpTo = 0;
        if (s.dirtyAgain && !this.#closed) this.touch(conversationId);
      });
    s.running = running.then(() => undefined);
    return running;
  }

  async #compute(conversationId: number, onlyIfBehind = false): Promise<void> {
    const pool = this.pool;
    const conversation = await findConversationById(this.db, conversationId);
    // An import in progress commits in batches: its math waits for the reveal (the import route touches it then).
    if (!pool || !conversation || isPendingImportSlug(conversation.slug)) return;
    const pending = this.#schedule(conversationId);
    // After another instance's run: its result may already include everything committed.
    if (onlyIfBehind && !pending.fresh && !pending.cold && !pending.answers && !(await mathBehind(this.db, conversationId))) return;
    const fail = async (message: string) => {
      if (this.db.closed) return;
      await saveMathError(this.db, conversationId, message, Date.now());
      this.log.warn({ conversationId, error: message }, 'math failed');
      this.events.publish(conversationId, { type: 'math-error', message });
    };
    const total = await historyCount(this.db, conversationId);
    if (total === 0) return;
    if (total > this.config.maxVotes) {
      await fail(`conversation has ${total} votes, more than the math limit of ${this.config.maxVotes}`);
      return;
    }
    const stored = await getMathState(this.db, conversationId);
    const tick = stored?.tick ?? 0;
    const moderation = await moderationStates(this.db, conversationId);
    const options = { seed: conversation.seed, strictModeration: conversation.strictModeration, mode: conversation.mode, bridging: conversation.bridging, pcaRefitShare: this.config.pcaRefitShare, stableMinGroupSize: conversation.privacyFloor };
    const s = this.#schedule(conversationId);
    const { fresh, cold, answers } = s;
    s.fresh = s.cold = s.answers = false;
    let upTo = 0;
    const build = async (base: 'cached' | 'state'): Promise<MathJobInput> => {
      // Votes committed from here on wait for the next tick.
      upTo = await lastVoteId(this.db, conversationId);
      s.readingUpTo = upTo;
      const after = base === 'cached' ? (stored?.lastVoteId ?? 0) : 0;
      // Polis computes participant bans but never applies them to the math; Kuulo leaves excluded participants' votes out (none excluded: Polis's math).
      const excluded = await excludedPids(this.db, conversationId);
      const votes = await readVoteBatch(this.db, conversationId, after, upTo, excluded);
      const representativeness = await representativenessJob(this.db, conversationId);
      return { conversationId, base: base === 'cached' ? 'cached' : { state: cold ? null : (stored?.state ?? null) }, votes, excluded: [...excluded], moderation, options, privacyFloor: conversation.privacyFloor, representativeness };
    };
    let output: MathJobOutput;
    try {
      // Tick −1 matches no warm copy, so after a settings change the job restores from state (or cold).
      output = await pool.run(conversationId, fresh ? -1 : tick, build);
    } catch (error) {
      s.fresh ||= fresh;
      s.cold ||= cold;
      s.answers ||= answers;
      await fail(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.db.closed) return;
    const newTick = await saveMathResult(this.db, conversationId, {
      lastVoteId: upTo,
      result: output.result,
      polis: output.polis,
      publicResult: output.publicResult,
      publicPolis: output.publicPolis,
      state: output.state,
      priorities: output.priorities,
      participantView: output.participantView,
      participantPlaces: output.participantPlaces,
      representativeness: output.representativeness,
      computedAt: Date.now(),
      durationMs: output.durationMs,
    });
    pool.markCached(conversationId, newTick);
    this.events.publish(conversationId, { type: 'math', tick: newTick });
  }
}
