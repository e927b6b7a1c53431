import type Database from 'better-sqlite3';
import { prepared } from './prepared.js';

/** Core's `mode`: 'polis' reproduces Polis, 'stable' makes groups a function of the votes and the seed. */
export type MathMode = 'polis' | 'stable';
/** Core's `bridging` option: 'auto' computes bridging scores in stable mode only. */
export type BridgingSetting = 'auto' | 'on' | 'off';
/** Topic and description in languages besides the main ones, by language tag. */
export type ConversationTranslations = Record<string, { topic?: string; description?: string }>;

export interface ConversationRow {
  id: number;
  slug: string;
  topic: string;
  description: string;
  strictModeration: boolean;
  isOpen: boolean;
  languages: string[];
  translations: ConversationTranslations;
  /** The conversation opted in to machine translation of its statements (used only when a provider is configured). */
  machineTranslation: boolean;
  useXidAllowlist: boolean;
  moderatorKeyHash: string;
  seed: number;
  mode: MathMode;
  bridging: BridgingSetting;
  /** No published number describes fewer than this many participants (2..100). */
  privacyFloor: number;
  /** Votes a statement needs overall to be a report headline. */
  headlineMinVotes: number;
  /** Votes a statement needs in every group for an "across groups" headline (the report uses at least privacyFloor). */
  headlineMinGroupVotes: number;
  /** The secret xids must be signed with (see auth/xidSignature.ts), or null when plain xids are taken as given. Never shown after it is made. */
  xidSecret: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewConversation = Omit<ConversationRow, 'id'>;
export type ConversationPatch = Partial<Pick<ConversationRow, 'topic' | 'description' | 'strictModeration' | 'isOpen' | 'languages' | 'translations' | 'machineTranslation' | 'useXidAllowlist' | 'mode' | 'bridging' | 'privacyFloor' | 'headlineMinVotes' | 'headlineMinGroupVotes' | 'xidSecret' | 'updatedAt'>>;

interface Raw {
  id: number;
  slug: string;
  topic: string;
  description: string;
  strict_moderation: number;
  is_open: number;
  languages: string;
  translations: string;
  machine_translation: number;
  use_xid_allowlist: number;
  moderator_key_hash: string;
  seed: number;
  math_mode: MathMode;
  bridging: BridgingSetting;
  privacy_floor: number;
  headline_min_votes: number;
  headline_min_group_votes: number;
  xid_secret: string | null;
  created_at: number;
  updated_at: number;
}

function fromRaw(r: Raw): ConversationRow {
  return {
    id: r.id,
    slug: r.slug,
    topic: r.topic,
    description: r.description,
    strictModeration: r.strict_moderation === 1,
    isOpen: r.is_open === 1,
    languages: JSON.parse(r.languages) as string[],
    translations: JSON.parse(r.translations) as ConversationTranslations,
    machineTranslation: r.machine_translation === 1,
    useXidAllowlist: r.use_xid_allowlist === 1,
    moderatorKeyHash: r.moderator_key_hash,
    seed: r.seed,
    mode: r.math_mode,
    bridging: r.bridging,
    privacyFloor: r.privacy_floor,
    headlineMinVotes: r.headline_min_votes,
    headlineMinGroupVotes: r.headline_min_group_votes,
    xidSecret: r.xid_secret,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// Conversations are read on every request and change rarely: rows are cached per connection and
// dropped on every write through this module (a shared backend would need to drop this cache).
const cache = new WeakMap<Database.Database, Map<string, ConversationRow>>();
function cached(db: Database.Database): Map<string, ConversationRow> {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  return map;
}

export function insertConversation(db: Database.Database, c: NewConversation): ConversationRow {
  const info = prepared(
    db,
    `INSERT INTO conversations (slug, topic, description, strict_moderation, is_open, languages, translations, machine_translation, use_xid_allowlist,
       moderator_key_hash, seed, math_mode, bridging, privacy_floor, headline_min_votes, headline_min_group_votes, xid_secret, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.slug, c.topic, c.description, +c.strictModeration, +c.isOpen, JSON.stringify(c.languages), JSON.stringify(c.translations), +c.machineTranslation, +c.useXidAllowlist, c.moderatorKeyHash, c.seed, c.mode, c.bridging, c.privacyFloor, c.headlineMinVotes, c.headlineMinGroupVotes, c.xidSecret, c.createdAt, c.updatedAt);
  return { ...c, id: Number(info.lastInsertRowid) };
}

export function findConversation(db: Database.Database, slug: string): ConversationRow | undefined {
  const map = cached(db);
  const hit = map.get(slug);
  if (hit) return hit;
  const raw = prepared(db, 'SELECT * FROM conversations WHERE slug = ?').get(slug) as Raw | undefined;
  if (!raw) return undefined;
  const row = Object.freeze(fromRaw(raw));
  if (map.size >= 10_000) map.clear();
  map.set(slug, row);
  return row;
}

export function findConversationById(db: Database.Database, id: number): ConversationRow | undefined {
  const raw = prepared(db, 'SELECT * FROM conversations WHERE id = ?').get(id) as Raw | undefined;
  return raw && fromRaw(raw);
}

const columns: Record<keyof ConversationPatch, string> = {
  topic: 'topic',
  description: 'description',
  strictModeration: 'strict_moderation',
  isOpen: 'is_open',
  languages: 'languages',
  translations: 'translations',
  machineTranslation: 'machine_translation',
  useXidAllowlist: 'use_xid_allowlist',
  mode: 'math_mode',
  bridging: 'bridging',
  privacyFloor: 'privacy_floor',
  headlineMinVotes: 'headline_min_votes',
  headlineMinGroupVotes: 'headline_min_group_votes',
  xidSecret: 'xid_secret',
  updatedAt: 'updated_at',
};

export function updateConversation(db: Database.Database, id: number, patch: ConversationPatch): void {
  const keys = (Object.keys(patch) as (keyof ConversationPatch)[]).filter((k) => patch[k] !== undefined && k in columns);
  if (keys.length === 0) return;
  cached(db).clear();
  const values = keys.map((k) => {
    const v = patch[k];
    if (typeof v === 'boolean') return +v;
    if (typeof v === 'object' && v !== null) return JSON.stringify(v);
    return v;
  });
  prepared(db, `UPDATE conversations SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
}

/** Conversations in id order after `afterId` (imports still being written, slug `~import-…`, are left out). */
export function listConversations(db: Database.Database, afterId: number, limit: number): ConversationRow[] {
  return (prepared(db, "SELECT * FROM conversations WHERE id > ? AND slug NOT LIKE '~import-%' ORDER BY id LIMIT ?").all(afterId, limit) as Raw[]).map(fromRaw);
}

/** Current votes come from statement_tallies (migration 003): counting current_votes grows with the conversation. */
export function conversationCounts(db: Database.Database, id: number): { participants: number; statements: number; votes: number } {
  return prepared(
    db,
    `SELECT (SELECT participant_count FROM conversations WHERE id = @id) AS participants,
            (SELECT count(*) FROM statements WHERE conversation_id = @id) AS statements,
            (SELECT coalesce(sum(agree + disagree + pass), 0) FROM statement_tallies WHERE conversation_id = @id) AS votes`,
  ).get({ id }) as { participants: number; statements: number; votes: number };
}

/** Replaces the moderator key's hash (a re-issued key): the old key stops working at once. */
export function setModeratorKeyHash(db: Database.Database, id: number, hash: string, updatedAt: number): void {
  cached(db).clear();
  prepared(db, 'UPDATE conversations SET moderator_key_hash = ?, updated_at = ? WHERE id = ?').run(hash, updatedAt, id);
}

export function replaceXidAllowlist(db: Database.Database, id: number, xids: string[]): void {
  prepared(db, 'DELETE FROM xid_allowlist WHERE conversation_id = ?').run(id);
  const insert = prepared(db, 'INSERT OR IGNORE INTO xid_allowlist (conversation_id, xid) VALUES (?, ?)');
  for (const xid of xids) insert.run(id, xid);
}

export function xidAllowed(db: Database.Database, id: number, xid: string): boolean {
  return prepared(db, 'SELECT 1 FROM xid_allowlist WHERE conversation_id = ? AND xid = ?').get(id, xid) !== undefined;
}

export function xidAllowlistSize(db: Database.Database, id: number): number {
  return (prepared(db, 'SELECT count(*) AS n FROM xid_allowlist WHERE conversation_id = ?').get(id) as { n: number }).n;
}

/**
 * Conversations whose math has not seen every committed vote (max votes.id past math_results.last_vote_id,
 * or votes and no math) or was computed before a statement's latest moderation.
 */
export function conversationsBehindMath(db: Database.Database): number[] {
  const rows = prepared(
    db,
    `SELECT c.id FROM conversations c LEFT JOIN math_results m ON m.conversation_id = c.id
     WHERE coalesce((SELECT max(v.id) FROM votes v WHERE v.conversation_id = c.id), 0) > coalesce(m.last_vote_id, 0)
        OR EXISTS (SELECT 1 FROM statements s WHERE s.conversation_id = c.id AND s.moderated_at > coalesce(m.computed_at, 0))
     ORDER BY c.id`,
  ).all() as { id: number }[];
  return rows.map((r) => r.id);
}
