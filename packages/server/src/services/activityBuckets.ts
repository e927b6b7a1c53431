import type { ActivitySlot } from '../repositories/activity.js';
import { bucketStart, nextBucketStart, type BucketSize } from './localTime.js';

/** Activity in one span of time: one bucket, or several merged to reach the privacy floor. */
export interface ActivityBucket {
  /** Start of the span (ms since the epoch). */
  start: number;
  /** End of the span, exclusive: the start of the bucket after its last one. */
  end: number;
  /** Distinct participants who voted or wrote in the span. */
  participants: number;
  /** Votes cast (changed votes count again). */
  votes: number;
  /** Statements written (seeds too). */
  statements: number;
  /** Whether the span joins several buckets, so that it describes at least the floor's worth of participants. */
  merged: boolean;
}

export interface ActivityBucketsOptions {
  /** Slot length the slots were counted in (ms); a divisor of an hour, so no slot straddles two buckets. */
  slotMs: number;
  bucket: BucketSize;
  /** IANA time zone whose hours and days the buckets follow. */
  timeZone: string;
  /** Privacy floor: no span describes fewer participants (null for the moderator: every bucket as it is). */
  floor: number | null;
}

interface Open {
  start: number;
  end: number;
  pids: Set<number>;
  votes: number;
  statements: number;
  count: number;
}

/**
 * Activity per local hour or day, only buckets with any activity (the chart fills the gaps). Under a
 * floor, buckets are merged with the ones after them until the span has at least `floor` distinct
 * participants, and a last span still below it is withheld (`withheld: true`) until more people
 * take part; empty-of-participants buckets (seeds only) describe nobody and stay on their own.
 */
export function activityBuckets(slots: readonly ActivitySlot[], options: ActivityBucketsOptions): { buckets: ActivityBucket[]; withheld: boolean } {
  const { slotMs, bucket, timeZone, floor } = options;
  const byStart = new Map<number, Open>();
  let lastSlot = Number.NaN;
  let current: Open | undefined;
  for (const row of slots) {
    if (row.slot !== lastSlot) {
      lastSlot = row.slot;
      const start = bucketStart(row.slot * slotMs, bucket, timeZone);
      current = byStart.get(start);
      if (!current) byStart.set(start, (current = { start, end: nextBucketStart(start, bucket, timeZone), pids: new Set(), votes: 0, statements: 0, count: 1 }));
    }
    if (row.pid !== null) current!.pids.add(row.pid);
    current!.votes += row.votes;
    current!.statements += row.statements;
  }
  const sorted = [...byStart.values()].sort((a, b) => a.start - b.start);
  const out = (b: Open): ActivityBucket => ({ start: b.start, end: b.end, participants: b.pids.size, votes: b.votes, statements: b.statements, merged: b.count > 1 });
  if (floor === null) return { buckets: sorted.map(out), withheld: false };

  const buckets: ActivityBucket[] = [];
  let open: Open | null = null;
  for (const b of sorted) {
    if (open === null && b.pids.size === 0) {
      buckets.push(out(b));
      continue;
    }
    // Our own copy, so the merge below never touches the per-bucket counts.
    const span: Open = open ?? { ...b, pids: new Set(), votes: 0, statements: 0, count: 0 };
    for (const pid of b.pids) span.pids.add(pid);
    span.end = b.end;
    span.votes += b.votes;
    span.statements += b.statements;
    span.count += 1;
    open = span;
    if (span.pids.size >= floor) {
      buckets.push(out(span));
      open = null;
    }
  }
  return { buckets, withheld: open !== null };
}
