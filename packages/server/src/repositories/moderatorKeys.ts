import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';

/** A named moderator key as listed: never its hash. */
export interface ModeratorKeyInfo {
  label: string;
  createdAt: number;
}

export function insertModeratorKey(db: Database.Database, conversationId: number, label: string, keyHash: string, createdAt: number): void {
  prepared(db, 'INSERT INTO moderator_keys (conversation_id, label, key_hash, created_at) VALUES (?, ?, ?, ?)').run(conversationId, label, keyHash, createdAt);
}

/** The conversation's named keys, oldest first. */
export function listModeratorKeys(db: Database.Database, conversationId: number): ModeratorKeyInfo[] {
  return prepared(db, 'SELECT label, created_at AS createdAt FROM moderator_keys WHERE conversation_id = ? ORDER BY created_at, label').all(conversationId) as ModeratorKeyInfo[];
}

/** Whether the conversation has a named key with this label (labels compare without regard to case). */
export function moderatorKeyLabelTaken(db: Database.Database, conversationId: number, label: string): boolean {
  return prepared(db, 'SELECT 1 FROM moderator_keys WHERE conversation_id = ? AND lower(label) = lower(?)').get(conversationId, label) !== undefined;
}

/** Removes a named key; false when there was none with that label. */
export function deleteModeratorKey(db: Database.Database, conversationId: number, label: string): boolean {
  return prepared(db, 'DELETE FROM moderator_keys WHERE conversation_id = ? AND label = ?').run(conversationId, label).changes > 0;
}

/** The label of the named key with this hash in the conversation, or undefined. */
export function moderatorKeyLabel(db: Database.Database, conversationId: number, keyHash: string): string | undefined {
  return (prepared(db, 'SELECT label FROM moderator_keys WHERE conversation_id = ? AND key_hash = ?').get(conversationId, keyHash) as { label: string } | undefined)?.label;
}
