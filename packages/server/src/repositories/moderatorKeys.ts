import type { Db } from '../db/db.js';

/** A named moderator key as listed: never its hash. */
export interface ModeratorKeyInfo {
  label: string;
  createdAt: number;
}

export async function insertModeratorKey(db: Db, conversationId: number, label: string, keyHash: string, createdAt: number): Promise<void> {
  await db.run('INSERT INTO moderator_keys (conversation_id, label, key_hash, created_at) VALUES (?, ?, ?, ?)', conversationId, label, keyHash, createdAt);
}

/** The conversation's named keys, oldest first. */
export async function listModeratorKeys(db: Db, conversationId: number): Promise<ModeratorKeyInfo[]> {
  return await db.all('SELECT label, created_at AS createdAt FROM moderator_keys WHERE conversation_id = ? ORDER BY created_at, label', conversationId) as ModeratorKeyInfo[];
}

/** Whether the conversation has a named key with this label (labels compare without regard to case). */
export async function moderatorKeyLabelTaken(db: Db, conversationId: number, label: string): Promise<boolean> {
  return await db.get('SELECT 1 FROM moderator_keys WHERE conversation_id = ? AND lower(label) = lower(?)', conversationId, label) !== undefined;
}

/** Removes a named key; false when there was none with that label. */
export async function deleteModeratorKey(db: Db, conversationId: number, label: string): Promise<boolean> {
  return (await db.run('DELETE FROM moderator_keys WHERE conversation_id = ? AND label = ?', conversationId, label)).changes > 0;
}

/** The label of the named key with this hash in the conversation, or undefined. */
export async function moderatorKeyLabel(db: Db, conversationId: number, keyHash: string): Promise<string | undefined> {
  return (await db.get('SELECT label FROM moderator_keys WHERE conversation_id = ? AND key_hash = ?', conversationId, keyHash) as { label: string } | undefined)?.label;
}
