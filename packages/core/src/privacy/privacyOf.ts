import type { KuuloResult } from '../types.js';

/** Polis shows no map before 7 participants have voted; Kuulo publishes no group before `max(this, floor)`. */
export const polisMapMinimum = 7;

/** Default privacy floor: no published number describes fewer than this many participants. */
export const defaultPrivacyFloor = 5;

/** How the privacy floor shaped a published result (or participant view). */
export interface PrivacyInfo {
  /** No published number describes fewer than this many participants. */
  floor: number;
  /** Participants needed before any group is published: max(7, floor) (Polis waits for 7). */
  mapMinimum: number;
  /** Participants with at least one vote. */
  participants: number;
  /** participants ≥ mapMinimum: groups are published at all. */
  published: boolean;
  /** Groups left out: those below the floor, or every group while not published. */
  hiddenGroups: number;
  /** Members of the hidden groups (ungrouped in what is published). */
  hiddenParticipants: number;
}

/** Checks a privacy floor once at the boundary, naming the caller and the value. */
export function checkPrivacyFloor(where: string, floor: number): number {
  if (!Number.isInteger(floor) || floor < 2 || floor > 100) throw new RangeError(`${where}: privacy floor must be an integer from 2 to 100, got ${floor}`);
  return floor;
}

/**
 * Which groups of `result` may be published under `floor`, and the privacy record: every group once
 * `max(7, floor)` participants have voted, except those smaller than `floor`. Shared by `publishResult`
 * and `participantView` so both hide the same groups.
 */
export function privacyOf(result: Pick<KuuloResult, 'participants' | 'groups'>, floor: number): { visible: Set<number>; privacy: PrivacyInfo } {
  const participants = result.participants.length;
  const mapMinimum = Math.max(polisMapMinimum, floor);
  const published = participants >= mapMinimum;
  const visible = new Set<number>();
  let hiddenGroups = 0;
  let hiddenParticipants = 0;
  for (const g of result.groups) {
    if (published && g.size >= floor) visible.add(g.id);
    else {
      hiddenGroups++;
      hiddenParticipants += g.size;
    }
  }
  return { visible, privacy: { floor, mapMinimum, participants, published, hiddenGroups, hiddenParticipants } };
}
