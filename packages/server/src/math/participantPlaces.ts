import type { KuuloResult } from '@kuulo/core';

/** Bytes per participant: pid (float64, so imported ids past 2³¹ fit), x, y (float32), group id (int32, −1 none), row (int32). */
const recordBytes = 24;

/** One participant's place on the map of a math update. */
export interface ParticipantPlace {
  x: number;
  y: number;
  /** Group id, null when not in a group. */
  group: number | null;
  /** Row in the result's per-participant arrays (e.g. the bootstrap's membershipConfidence). */
  row: number;
}

/**
 * Every participant's place as fixed-size little-endian records sorted by pid, so that the request
 * thread finds one participant by binary search in the stored blob without parsing anything.
 */
export function encodeParticipantPlaces(result: Pick<KuuloResult, 'participants' | 'participantProjection' | 'participantGroup'>): Uint8Array {
  const n = result.participants.length;
  const order = [...Array(n).keys()].map((row) => {
    const pid = result.participants[row];
    if (typeof pid !== 'number' || !Number.isFinite(pid)) throw new Error(`encodeParticipantPlaces: participant ids must be numbers, got ${JSON.stringify(pid)} at row ${row}`);
    return { pid, row };
  });
  order.sort((a, b) => a.pid - b.pid);
  const bytes = new Uint8Array(n * recordBytes);
  const view = new DataView(bytes.buffer);
  order.forEach(({ pid, row }, k) => {
    const at = k * recordBytes;
    view.setFloat64(at, pid, true);
    view.setFloat32(at + 8, result.participantProjection.x[row]!, true);
    view.setFloat32(at + 12, result.participantProjection.y[row]!, true);
    view.setInt32(at + 16, result.participantGroup[row] ?? -1, true);
    view.setInt32(at + 20, row, true);
  });
  return bytes;
}

/** The place of `pid` in blob `places` (from `encodeParticipantPlaces`), or null when they are not on the map. O(log n). */
export function findParticipantPlace(places: Uint8Array, pid: number): ParticipantPlace | null {
  if (places.byteLength % recordBytes !== 0) throw new Error(`findParticipantPlace: a places blob holds ${recordBytes}-byte records, got ${places.byteLength} bytes`);
  const view = new DataView(places.buffer, places.byteOffset, places.byteLength);
  let lo = 0;
  let hi = places.byteLength / recordBytes - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = mid * recordBytes;
    const found = view.getFloat64(at, true);
    if (found < pid) lo = mid + 1;
    else if (found > pid) hi = mid - 1;
    else {
      const group = view.getInt32(at + 16, true);
      return { x: view.getFloat32(at + 8, true), y: view.getFloat32(at + 12, true), group: group < 0 ? null : group, row: view.getInt32(at + 20, true) };
    }
  }
  return null;
}
