import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';

/** One moderation action: who (the key's label), what, on what, when. */
export interface ModerationLogEntry {
  id: number;
  conversationId: number;
  /** Milliseconds since the epoch. */
  at: number;
  /** The key's label: 'admin', 'moderator' or a named key's label. */
  actor: string;
  /** What was done, e.g. 'statement.accept', 'statement.reject', 'participant.exclude'. */
  action: string;
  /** What it was done to, e.g. 'statement:12' or 'participant:7'; null for conversation-wide actions. */
  target: string | null;
  /** Anything else worth keeping (JSON-safe), e.g. the earlier value. */
  detail: unknown;
}

export interface NewModerationLogEntry {
  conversationId: number;
  actor: string;
  action: string;
  target?: string;
  detail?: unknown;
  /** Default: Date.now(). */
  at?: number;
}

interface Raw {
  id: number;
  conversation_id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

const fromRaw = (r: Raw): ModerationLogEntry => ({
  id: r.id,
  conversationId: r.conversation_id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
});

/** Appends one entry (call inside the transaction that makes the change, so the log never disagrees with the data); returns its id. */
export function logModeration(db: Database.Database, entry: NewModerationLogEntry): number {
  const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
  const info = prepared(db, 'INSERT INTO moderation_log (conversation_id, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
    entry.conversationId,
    entry.at ?? Date.now(),
    entry.actor,
    entry.action,
    entry.target ?? null,
    detail,
  );
  return Number(info.lastInsertRowid);
}

/** Entries oldest first, paginated by id: those after `after` (default: from the start), at most `limit`. */
export function listModerationLog(db: Database.Database, conversationId: number, options: { after?: number; limit: number }): ModerationLogEntry[] {
  const rows = prepared(db, 'SELECT id, conversation_id, at, actor, action, target, detail FROM moderation_log WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?').all(
    conversationId,
    options.after ?? 0,
    options.limit,
  ) as Raw[];
  return rows.map(fromRaw);
}

export function moderationLogCount(db: Database.Database, conversationId: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM moderation_log WHERE conversation_id = ?').get(conversationId) as { n: number }).n;
}
