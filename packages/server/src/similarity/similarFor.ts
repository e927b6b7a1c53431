import type { Db } from '../db/db.js';
import { allDuplicateStates, duplicateStates, statementTextsAfter } from '../repositories/duplicates.js';
import { lexicalProvider, type SimilarityIndex, type SimilarityProvider } from './provider.js';

/** What the moderation queue shows of a statement's likely duplicates. */
export interface SimilarityResult {
  /** The most similar other statements, rejected ones left out, best first; scores 0–1 rounded to 3 decimals. */
  similar: { statementId: number; score: number }[];
  /** The statement a moderator rejected this one as a duplicate of; else the most similar earlier statement at or above the provider's threshold; else null. */
  duplicateOf: number | null;
}

export interface SimilarForOptions {
  /** Similar statements per result. Default 5. */
  limit?: number;
}

interface ConversationIndex {
  index: SimilarityIndex;
  /** The highest tid handed to the index. */
  lastTid: number;
  /** An asynchronous index's add in flight. */
  adding: Promise<void> | undefined;
  /** A call reading new statements: a second one waits for it, so no statement is added twice. */
  reading: Promise<void> | undefined;
}

interface State {
  provider: SimilarityProvider;
  conversations: Map<number, ConversationIndex>;
  scheduled: Set<number>;
}

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let state = states.get(db.root);
  if (!state) states.set(db.root, (state = { provider: lexicalProvider(), conversations: new Map(), scheduled: new Set() }));
  return state;
}

/** Plugs in another similarity provider (an embedding service) for this database; indexes built so far are dropped. */
export function setSimilarityProvider(db: Db, provider: SimilarityProvider): void {
  states.set(db.root, { provider, conversations: new Map(), scheduled: new Set() });
}

/** The provider in use for this database (lexical unless set). */
export const similarityProvider = (db: Db): SimilarityProvider => stateOf(db).provider;

/** Statements read and added at a time. */
const slice = 16;

export interface IndexingOptions {
  /** Indexing work per turn of the event loop before the rest is left to a later turn (at least one slice of 16 statements is added). Default 25 ms. */
  budgetMs?: number;
}

/**
 * Hands the statements that arrived since the last call to the conversation's index, so each costs one
 * incremental add however large the conversation is. Works for at most about 25 ms in the caller's turn;
 * the rest (the first build of a large conversation, after a restart) continues in later turns of the
 * event loop, so no request waits for the whole build: until then those statements have no neighbours.
 */
export async function indexNewStatements(db: Db, conversationId: number, options: IndexingOptions = {}): Promise<SimilarityIndex> {
  const budgetMs = options.budgetMs ?? 25;
  const state = stateOf(db);
  let entry = state.conversations.get(conversationId);
  if (!entry) state.conversations.set(conversationId, (entry = { index: state.provider.createIndex(), lastTid: -1, adding: undefined, reading: undefined }));
  const e = entry;
  while (e.reading) await e.reading;
  let done!: () => void;
  e.reading = new Promise((resolve) => (done = resolve));
  try {
    await addNewStatements(db, conversationId, e, budgetMs);
  } finally {
    e.reading = undefined;
    done();
  }
  return e.index;
}

async function addNewStatements(db: Db, conversationId: number, e: ConversationIndex, budgetMs: number): Promise<void> {
  const started = performance.now();
  while (!e.adding) {
    const rows = await statementTextsAfter(db, conversationId, e.lastTid, slice);
    if (rows.length === 0) break;
    const done = e.index.add(rows);
    const last = rows.at(-1)!.tid;
    if (done instanceof Promise) {
      // An embedding service answers later: until then these statements have no neighbours.
      e.adding = done.then(
        () => {
          e.lastTid = last;
          e.adding = undefined;
          scheduleIndexing(db, conversationId);
        },
        () => {
          e.adding = undefined;
        },
      );
      break;
    }
    e.lastTid = last;
    if (performance.now() - started > budgetMs) {
      scheduleIndexing(db, conversationId);
      break;
    }
  }
}

/**
 * Indexes the conversation's new statements after the current request has answered (a submission
 * schedules it), so the moderator's next queue read finds them ready; calls within one turn are merged.
 */
export function scheduleIndexing(db: Db, conversationId: number): void {
  const state = stateOf(db);
  if (state.scheduled.has(conversationId)) return;
  state.scheduled.add(conversationId);
  setImmediate(() => {
    state.scheduled.delete(conversationId);
    // A read that fails because the server closed meanwhile has nothing left to index for.
    if (!db.closed) {
      indexNewStatements(db, conversationId).catch((error: unknown) => {
        if (!db.closed) process.emitWarning(`indexing the statements of conversation ${conversationId} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  });
}

/** Likely duplicates of each given statement (ids not in the conversation are left out of the map). */
export async function similarFor(db: Db, conversationId: number, tids: readonly number[], options: SimilarForOptions = {}): Promise<Map<number, SimilarityResult>> {
  const limit = options.limit ?? 5;
  const index = await indexNewStatements(db, conversationId);
  const { duplicateThreshold } = stateOf(db).provider;
  const neighbours = new Map(tids.map((tid) => [tid, index.neighbours(tid) ?? []]));
  // A whole queue (sorting by similarity) reads every statement's state in one pass instead of by id.
  const states =
    tids.length > 200
      ? await allDuplicateStates(db, conversationId)
      : await duplicateStates(db, conversationId, [...tids, ...[...neighbours.values()].flatMap((list) => list.map((n) => n.tid))]);
  const out = new Map<number, SimilarityResult>();
  for (const tid of tids) {
    const own = states.get(tid);
    if (!own) continue;
    const candidates = neighbours.get(tid)!.filter((n) => states.get(n.tid)?.moderation !== -1);
    const likely = candidates.find((n) => n.tid < tid && n.score >= duplicateThreshold);
    out.set(tid, {
      similar: candidates.slice(0, limit).map((n) => ({ statementId: n.tid, score: Math.round(n.score * 1000) / 1000 })),
      // The moderator's mark counts while the statement stays rejected (a bulk accept may leave it behind).
      duplicateOf: (own.moderation === -1 ? own.duplicateOf : null) ?? likely?.tid ?? null,
    });
  }
  return out;
}
