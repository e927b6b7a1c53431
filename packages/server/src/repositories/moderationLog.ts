import type { Db } from '../db/db.js';

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
export async function logModeration(db: Db, entry: NewModerationLogEntry): Promise<number> {
  const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
  const info = (await db.get('INSERT INTO moderation_log (conversation_id, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id', entry.conversationId,
    entry.at ?? Date.now(),
    entry.actor,
    entry.action,
    entry.target ?? null,
    detail)) as { id: number };
  return info.id;
}

/** Entries oldest first, paginated by id: those after `after` (default: from the start), at most `limit`. */
export async function listModerationLog(db: Db, conversationId: number, options: { after?: number; limit: number }): Promise<ModerationLogEntry[]> {
  const rows = await db.all('SELECT id, conversation_id, at, actor, action, target, detail FROM moderation_log WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?', conversationId,
    options.after ?? 0,
    options.limit,) as Raw[];
  return rows.map(fromRaw);
}

export async function moderationLogCount(db: Db, conversationId: number): Promise<number> {
  return (await db.get('SELECT count(*) AS n FROM moderation_log WHERE conversation_id = ?', conversationId) as { n: number }).n;
}
