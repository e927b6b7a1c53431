import type Database from 'better-sqlite3';
import { findParticipantPlace, type ParticipantPlace } from '../math/participantPlaces.js';
import { getMathStamp, getParticipantMath } from '../repositories/math.js';
import { getUncertaintyFor, getUncertaintyVersion } from '../repositories/uncertainty.js';

/** One conversation's latest participant view, as stored: read once per tick, then served from memory. */
interface Entry {
  tick: number;
  computedAt: number;
  /** core's ParticipantView JSON, spliced into replies unparsed. */
  view: string;
  places: Buffer;
  /** The bootstrap's membership confidence per result row, parsed once per uncertainty version. */
  confidence: { version: number; values: (number | null)[] } | null;
}

/** Conversations kept per database; the least recently served goes first (each entry is ~24 bytes a participant). */
const maxEntries = 64;
const caches = new WeakMap<Database.Database, Map<number, Entry>>();

/**
 * The latest math as a participant's page needs it, or undefined before the first stored view. A
 * request costs one indexed lookup of the tick; the view and places are read from the database once per tick.
 */
export function participantMath(db: Database.Database, conversationId: number): Entry | undefined {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const stamp = getMathStamp(db, conversationId);
  const cached = cache.get(conversationId);
  // Re-inserting keeps the Map in least-recently-served order.
  cache.delete(conversationId);
  if (!stamp) return undefined;
  if (cached && cached.tick === stamp.tick && cached.computedAt === (stamp.computedAt ?? 0)) {
    cache.set(conversationId, cached);
    return cached;
  }
  const row = getParticipantMath(db, conversationId);
  if (!row || row.view === null || row.places === null) return undefined;
  const entry: Entry = { tick: row.tick, computedAt: row.computedAt ?? 0, view: row.view, places: row.places, confidence: null };
  cache.set(conversationId, entry);
  if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  return entry;
}

/** Where `pid` is on the map of `entry`'s tick, and their membership confidence when a bootstrap of that tick is stored. */
export function placeOf(
  db: Database.Database,
  conversationId: number,
  entry: Entry,
  pid: number,
): { place: ParticipantPlace; confidence?: { version: number; value: number | null } } | null {
  const place = findParticipantPlace(entry.places, pid);
  if (!place) return null;
  const version = getUncertaintyVersion(db, conversationId, entry.tick);
  if (version === undefined) return { place };
  if (entry.confidence?.version !== version) {
    const body = getUncertaintyFor(db, conversationId, entry.tick)?.body;
    const parsed = body ? (JSON.parse(body) as { membershipConfidence?: (number | null)[] }) : {};
    entry.confidence = { version, values: parsed.membershipConfidence ?? [] };
  }
  return { place, confidence: { version, value: entry.confidence.values[place.row] ?? null } };
}
