import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/db.js';
import { apiError } from '../errors.js';
import type { PolisExport } from '../polis/parsePolisExport.js';
import { prepareImport, type ImportRows } from '../polis/prepareImport.js';
import { findConversation, findConversationById, type ConversationRow } from '../repositories/conversations.js';
import { insertParticipant } from '../repositories/participants.js';
import { deleteConversationStep, pendingImportSlug, revealImport, unfinishedImports } from '../repositories/pendingImports.js';
import { insertStatement } from '../repositories/statements.js';
import { putTranslation } from '../repositories/translations.js';
import { insertVote, type VoteValue } from '../repositories/votes.js';
import { createConversation, randomConversationId, type ConversationInput } from './createConversation.js';

export interface ImportSummary {
  statements: number;
  participants: number;
  votes: number;
  /** Votes were stored with Polis's internal sign and were negated on import. */
  negated: boolean;
}

type Limits = { topicLength: number; descriptionLength: number; statementLength: number; statementsPerConversation: number };

export interface ChunkOptions {
  /** Abandons the import between commits (e.g. the client went away); what was written is deleted. */
  signal?: AbortSignal;
  /** The database is about to close: abandon the import and touch nothing more (the next start's `removeUnfinishedImports` cleans up). */
  closing?: AbortSignal;
  /** Milliseconds of writing per commit before the event loop gets a turn. Default 20. */
  chunkMs?: number;
}

const summaryOf = (rows: ImportRows): ImportSummary => ({
  statements: rows.statements.length,
  participants: rows.participants.length,
  votes: rows.votes.pid.length,
  negated: rows.negated,
});

/** Writes rows [from, to) of the import: participants first, then statements, then votes in time order. */
async function writeRows(db: Db, conversationId: number, rows: ImportRows, from: number, to: number, now: number): Promise<void> {
  const p = rows.participants.length;
  const s = p + rows.statements.length;
  const { pid, tid, vote, createdAt } = rows.votes;
  for (let i = from; i < to; i++) {
    if (i < p) await insertParticipant(db, conversationId, { tokenHash: null, xid: null, createdAt: now, pid: rows.participants[i]! });
    else if (i < s) {
      const { translations, ...statement } = rows.statements[i - p]!;
      // An exported language's source is not in the file: it is taken as the author's, as for languages stored before there were sources.
      await insertStatement(db, conversationId, { ...statement, langSource: statement.lang === null ? null : 'author', isSeed: false });
      for (const [lang, text] of translations) await putTranslation(db, conversationId, statement.tid, lang, text, 'moderator', now);
    }
    else await insertVote(db, conversationId, { pid: pid[i - s]!, tid: tid[i - s]!, vote: vote[i - s] as VoteValue, createdAt: createdAt[i - s]! });
  }
}

const rowCount = (rows: ImportRows) => rows.participants.length + rows.statements.length + rows.votes.pid.length;

/**
 * Stores a parsed Polis export as a new conversation in one transaction, keeping Polis's statement
 * and participant ids and vote times. Imported participants have no token (nobody can vote as them).
 * For small exports (the demo); `importInChunks` keeps the request thread free for large ones.
 */
export async function importConversation(db: Db, input: ConversationInput, data: PolisExport, limits: Limits): Promise<{ conversation: ConversationRow; moderatorKey: string; summary: ImportSummary }> {
  const rows = prepareImport(data, limits);
  return await db.transaction(async (tx) => {
    const { conversation, moderatorKey } = await createConversation(tx, input, limits);
    await writeRows(tx, conversation.id, rows, 0, rowCount(rows), Date.now());
    return { conversation, moderatorKey, summary: summaryOf(rows) };
  });
}

const abandoned = (slug: string) => apiError('UNAVAILABLE', `the import of '${slug}' was abandoned: the server is shutting down or the client went away`);

/**
 * Stores prepared rows as a new conversation in short commits (about `chunkMs` of writing each),
 * giving the event loop a turn between them so other requests and the vote writer's group commits
 * go on. Until the last commit the conversation is hidden and closed; on failure it is deleted the
 * same way, in short commits. Throws CONVERSATION_EXISTS when the id is taken at the start or end.
 */
export async function importInChunks(
  db: Db,
  input: ConversationInput,
  rows: ImportRows,
  limits: Limits,
  options: ChunkOptions = {},
): Promise<{ conversation: ConversationRow; moderatorKey: string; summary: ImportSummary }> {
  const { chunkMs = 20 } = options;
  const stop = [options.signal, options.closing].filter((s) => s !== undefined);
  const stopped = () => stop.some((s) => s.aborted);
  const slug = input.id ?? randomConversationId();
  const taken = () => apiError('CONVERSATION_EXISTS', `conversation '${slug}' already exists`);
  if (await findConversation(db, slug)) throw taken();
  if (stopped()) throw abandoned(slug);
  const { conversation, moderatorKey } = await db.transaction(async (tx) => await createConversation(tx, { ...input, id: pendingImportSlug(), open: false }, limits));
  try {
    const total = rowCount(rows);
    const now = Date.now();
    const write = (from: number, deadline: number) =>
      db.transaction(async (tx) => {
        let next = from;
        // A few hundred rows between clock reads: each row is a handful of index writes.
        do {
          const to = Math.min(total, next + 256);
          await writeRows(tx, conversation.id, rows, next, to, now);
          next = to;
        } while (next < total && performance.now() < deadline);
        return next;
      });
    for (let next = 0; next < total; ) {
      next = await write(next, performance.now() + chunkMs);
      await nextTurn();
      if (stopped()) throw abandoned(slug);
    }
    await db.transaction(async (tx) => {
      if (await findConversation(tx, slug)) throw taken();
      await revealImport(tx, conversation.id, slug, input.open ?? true);
    });
  } catch (error) {
    if (!options.closing?.aborted) await removeConversation(db, conversation.id, chunkMs, options.closing);
    throw error;
  }
  return { conversation: (await findConversationById(db, conversation.id))!, moderatorKey, summary: summaryOf(rows) };
}

/** Deletes a conversation and everything it owns in short commits; stops early (leaving the rest for the next start) when `signal` aborts. */
export async function removeConversation(db: Db, conversationId: number, chunkMs = 20, signal?: AbortSignal): Promise<void> {
  const step = (deadline: number) =>
    db.transaction(async (tx) => {
      let more = true;
      while (more && performance.now() < deadline) more = await deleteConversationStep(tx, conversationId, 1000);
      return more;
    });
  while (!signal?.aborted && (await step(performance.now() + chunkMs))) await nextTurn();
}

/** Removes every import a stop or crash left unfinished (call at start, before anything reads conversations). */
export async function removeUnfinishedImports(db: Db): Promise<number[]> {
  const ids = await unfinishedImports(db);
  for (const id of ids) await db.transaction(async (tx) => {
    while (await deleteConversationStep(tx, id, 100_000));
  });
  return ids;
}
