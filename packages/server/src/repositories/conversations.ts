import type { Db } from '../db/db.js';

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
  /** Open data (migration 013): the Polis-compatible API serves the moderator export's content to anyone. */
  dataOpen: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A new conversation; its data is closed unless `dataOpen` says otherwise. */
export type NewConversation = Omit<ConversationRow, 'id' | 'dataOpen'> & { dataOpen?: boolean };
export type ConversationPatch = Partial<Pick<ConversationRow, 'topic' | 'description' | 'strictModeration' | 'isOpen' | 'languages' | 'translations' | 'machineTranslation' | 'useXidAllowlist' | 'mode' | 'bridging' | 'privacyFloor' | 'headlineMinVotes' | 'headlineMinGroupVotes' | 'xidSecret' | 'dataOpen' | 'updatedAt'>>;

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
  data_open: number;
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
    dataOpen: Number(r.data_open) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// Conversations are read on every request and change rarely: rows are cached per connection and
// dropped on every write through this module (a shared backend would need to drop this cache).
const cache = new WeakMap<Db, Map<string, ConversationRow>>();
function cached(db: Db): Map<string, ConversationRow> {
  // Other instances change these rows on PostgreSQL: read them fresh there (a lookup by key).
  if (db.dialect === 'postgres') return new Map();
  let map = cache.get(db.root);
  if (!map) cache.set(db.root, (map = new Map()));
  return map;
}

export async function insertConversation(db: Db, c: NewConversation): Promise<ConversationRow> {
  const info = (await db.get(`INSERT INTO conversations (slug, topic, description, strict_moderation, is_open, languages, translations, machine_translation, use_xid_allowlist,
       moderator_key_hash, seed, math_mode, bridging, privacy_floor, headline_min_votes, headline_min_group_votes, xid_secret, data_open, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.slug, c.topic, c.description, +c.strictModeration, +c.isOpen, JSON.stringify(c.languages), JSON.stringify(c.translations), +c.machineTranslation, +c.useXidAllowlist, c.moderatorKeyHash, c.seed, c.mode, c.bridging, c.privacyFloor, c.headlineMinVotes, c.headlineMinGroupVotes, c.xidSecret, +(c.dataOpen ?? false), c.createdAt, c.updatedAt)) as { id: number };
  return { ...c, dataOpen: c.dataOpen ?? false, id: info.id };
}

export async function findConversation(db: Db, slug: string): Promise<ConversationRow | undefined> {
  const map = cached(db);
  const hit = map.get(slug);
  if (hit) return hit;
  const raw = await db.get('SELECT * FROM conversations WHERE slug = ?', slug) as Raw | undefined;
  if (!raw) return undefined;
  const row = Object.freeze(fromRaw(raw));
  if (map.size >= 10_000) map.clear();
  map.set(slug, row);
  return row;
}

export async function findConversationById(db: Db, id: number): Promise<ConversationRow | undefined> {
  const raw = await db.get('SELECT * FROM conversations WHERE id = ?', id) as Raw | undefined;
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
  dataOpen: 'data_open',
  updatedAt: 'updated_at',
};

export async function updateConversation(db: Db, id: number, patch: ConversationPatch): Promise<void> {
  const keys = (Object.keys(patch) as (keyof ConversationPatch)[]).filter((k) => patch[k] !== undefined && k in columns);
  if (keys.length === 0) return;
  cached(db).clear();
  const values = keys.map((k) => {
    const v = patch[k];
    if (typeof v === 'boolean') return +v;
    if (typeof v === 'object' && v !== null) return JSON.stringify(v);
    return v;
  });
  await db.run(`UPDATE conversations SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`, ...values, id);
}

/** Conversations in id order after `afterId` (imports still being written, slug `~import-…`, are left out). */
export async function listConversations(db: Db, afterId: number, limit: number): Promise<ConversationRow[]> {
  return (await db.all("SELECT * FROM conversations WHERE id > ? AND slug NOT LIKE '~import-%' ORDER BY id LIMIT ?", afterId, limit) as Raw[]).map(fromRaw);
}

/** Current votes come from statement_tallies (migration 003): counting current_votes grows with the conversation. */
export async function conversationCounts(db: Db, id: number): Promise<{ participants: number; statements: number; votes: number }> {
  return await db.get(`SELECT (SELECT participant_count FROM conversations WHERE id = @id) AS participants,
            (SELECT count(*) FROM statements WHERE conversation_id = @id) AS statements,
            (SELECT coalesce(sum(agree + disagree + pass), 0) FROM statement_tallies WHERE conversation_id = @id) AS votes`, { id }) as { participants: number; statements: number; votes: number };
}

/** Replaces the moderator key's hash (a re-issued key): the old key stops working at once. */
export async function setModeratorKeyHash(db: Db, id: number, hash: string, updatedAt: number): Promise<void> {
  cached(db).clear();
  await db.run('UPDATE conversations SET moderator_key_hash = ?, updated_at = ? WHERE id = ?', hash, updatedAt, id);
}

export async function replaceXidAllowlist(db: Db, id: number, xids: string[]): Promise<void> {
  await db.run('DELETE FROM xid_allowlist WHERE conversation_id = ?', id);
  for (const xid of xids) await db.run('INSERT INTO xid_allowlist (conversation_id, xid) VALUES (?, ?) ON CONFLICT DO NOTHING', id, xid);
}

export async function xidAllowed(db: Db, id: number, xid: string): Promise<boolean> {
  return await db.get('SELECT 1 FROM xid_allowlist WHERE conversation_id = ? AND xid = ?', id, xid) !== undefined;
}

export async function xidAllowlistSize(db: Db, id: number): Promise<number> {
  return (await db.get('SELECT count(*) AS n FROM xid_allowlist WHERE conversation_id = ?', id) as { n: number }).n;
}

/**
 * Conversations whose math has not seen every committed vote (max votes.id past math_results.last_vote_id,
 * or votes and no math) or was computed before a statement's latest moderation.
 */
export async function conversationsBehindMath(db: Db, options: { skipFailed?: boolean } = {}): Promise<number[]> {
  // skipFailed: a conversation whose last attempt failed waits for its next vote instead of being retried by every sweep.
  // An import still being written (its hidden '~import-' slug) is computed once revealed, never half-way.
  const rows = await db.all(`SELECT c.id FROM conversations c LEFT JOIN math_results m ON m.conversation_id = c.id
     WHERE c.slug NOT LIKE '~import-%' AND (coalesce((SELECT max(v.id) FROM votes v WHERE v.conversation_id = c.id), 0) > coalesce(m.last_vote_id, 0)
        OR EXISTS (SELECT 1 FROM statements s WHERE s.conversation_id = c.id AND s.moderated_at > coalesce(m.computed_at, 0)))
        ${options.skipFailed ? 'AND m.error IS NULL' : ''}
     ORDER BY c.id`) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Whether one conversation is behind its math, as {@link conversationsBehindMath} tells for all. */
export async function mathBehind(db: Db, conversationId: number): Promise<boolean> {
  const row = await db.get(`SELECT 1 AS behind FROM conversations c LEFT JOIN math_results m ON m.conversation_id = c.id
     WHERE c.id = ? AND (coalesce((SELECT max(v.id) FROM votes v WHERE v.conversation_id = c.id), 0) > coalesce(m.last_vote_id, 0)
        OR EXISTS (SELECT 1 FROM statements s WHERE s.conversation_id = c.id AND s.moderated_at > coalesce(m.computed_at, 0)))`, conversationId);
  return row !== undefined;
}
