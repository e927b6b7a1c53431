import type { Uncertainty } from '@kuulo/core';
import type { Db } from '../db/db.js';
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
  /** The bootstrap of this tick as the page needs it, parsed once per uncertainty version. */
  uncertainty: TickUncertainty | null;
}

/** What a participant's page shows of a tick's bootstrap: group stabilities for everyone, each row's confidence for its participant. */
export interface TickUncertainty {
  version: number;
  resamples: number;
  /** Per group, in id order as the view's groups. */
  groups: { id: number; stability: number }[];
  /** Membership confidence per result row. */
  confidence: (number | null)[];
}

/** Conversations kept per database; the least recently served goes first (each entry is ~24 bytes a participant). */
const maxEntries = 64;
const caches = new WeakMap<Db, Map<number, Entry>>();

/**
 * The latest math as a participant's page needs it, or undefined before the first stored view. A
 * request costs one indexed lookup of the tick; the view and places are read from the database once per tick.
 */
export async function participantMath(db: Db, conversationId: number): Promise<Entry | undefined> {
  let cache = caches.get(db.root);
  if (!cache) caches.set(db.root, (cache = new Map()));
  const stamp = await getMathStamp(db, conversationId);
  const cached = cache.get(conversationId);
  // Re-inserting keeps the Map in least-recently-served order.
  cache.delete(conversationId);
  if (!stamp) return undefined;
  if (cached && cached.tick === stamp.tick && cached.computedAt === (stamp.computedAt ?? 0)) {
    cache.set(conversationId, cached);
    return cached;
  }
  const row = await getParticipantMath(db, conversationId);
  if (!row || row.view === null || row.places === null) return undefined;
  const entry: Entry = { tick: row.tick, computedAt: row.computedAt ?? 0, view: row.view, places: row.places, uncertainty: null };
  cache.set(conversationId, entry);
  if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  return entry;
}

/** The bootstrap stored for `entry`'s tick, or undefined without one; one indexed lookup unless its version changed. */
export async function uncertaintyOf(db: Db, conversationId: number, entry: Entry): Promise<TickUncertainty | undefined> {
  const version = await getUncertaintyVersion(db, conversationId, entry.tick);
  if (version === undefined) return undefined;
  if (entry.uncertainty?.version !== version) {
    const body = (await getUncertaintyFor(db, conversationId, entry.tick))?.body;
    const parsed = body ? (JSON.parse(body) as Partial<Pick<Uncertainty, 'resamples' | 'groups' | 'membershipConfidence'>>) : {};
    entry.uncertainty = {
      version,
      resamples: parsed.resamples ?? 0,
      // The bootstrap lists groups in the result's order; the view's are in id order.
      groups: (parsed.groups ?? []).map((g) => ({ id: g.id, stability: g.stability })).sort((a, b) => a.id - b.id),
      confidence: parsed.membershipConfidence ?? [],
    };
  }
  return entry.uncertainty;
}

/** Where `pid` is on the map of `entry`'s tick, and their membership confidence when `uncertainty` (of that tick) is given. */
export function placeOf(entry: Entry, pid: number, uncertainty: TickUncertainty | undefined): { place: ParticipantPlace; confidence?: number | null } | null {
  const place = findParticipantPlace(entry.places, pid);
  if (!place) return null;
  return uncertainty ? { place, confidence: uncertainty.confidence[place.row] ?? null } : { place };
}
