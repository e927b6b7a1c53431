import { describe, expect, test } from 'vitest';
import { activityBuckets } from '../../src/services/activityBuckets.js';
import { bucketStart, isTimeZone, nextBucketStart } from '../../src/services/localTime.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();
const slotMs = 15 * 60_000;
const slot = (time: string, pid: number | null, votes = 1, statements = 0) => ({ slot: Math.floor(at(time) / slotMs), pid, votes, statements });

describe('localTime', () => {
  test('isTimeZone(zone) knows IANA zones and refuses others', () => {
    expect([isTimeZone('Europe/Helsinki'), isTimeZone('UTC'), isTimeZone('Mars/Olympus'), isTimeZone('')]).toEqual([true, true, false, false]);
  });

  test('bucketStart(t, "day", zone) is local midnight, also on the 23-hour day of the spring DST change', () => {
    // Finland moves to summer time on 29 March 2026 at 03:00 local (01:00Z).
    const start = bucketStart(at('2026-03-29T12:00:00Z'), 'day', 'Europe/Helsinki');
    expect(iso(start)).toBe('2026-03-28T22:00:00.000Z');
    expect(iso(nextBucketStart(start, 'day', 'Europe/Helsinki'))).toBe('2026-03-29T21:00:00.000Z');
    expect(iso(bucketStart(at('2026-10-25T12:00:00Z'), 'day', 'Europe/Helsinki'))).toBe('2026-10-24T21:00:00.000Z');
  });

  test('bucketStart(t, "hour", zone) follows zones offset by half an hour', () => {
    // India is UTC+5:30: local hours start at :30 UTC.
    expect(iso(bucketStart(at('2026-03-02T10:20:00Z'), 'hour', 'Asia/Kolkata'))).toBe('2026-03-02T09:30:00.000Z');
    expect(iso(bucketStart(at('2026-03-02T10:20:00Z'), 'hour', 'UTC'))).toBe('2026-03-02T10:00:00.000Z');
  });
});

describe('activityBuckets(slots, options)', () => {
  const options = { slotMs, bucket: 'hour' as const, timeZone: 'UTC' };

  test('counts distinct participants per bucket, votes and statements, and seeds without a participant', () => {
    const slots = [slot('2026-03-02T10:00:00Z', null, 0, 2), slot('2026-03-02T10:15:00Z', 1, 3, 1), slot('2026-03-02T10:45:00Z', 1, 2), slot('2026-03-02T10:45:00Z', 2, 1)];
    expect(activityBuckets(slots, { ...options, floor: null })).toEqual({
      buckets: [{ start: at('2026-03-02T10:00:00Z'), end: at('2026-03-02T11:00:00Z'), participants: 2, votes: 6, statements: 3, merged: false }],
      withheld: false,
    });
  });

  test('under a floor, buckets merge forward until they reach it; seeds-only buckets stand alone; a short tail is withheld', () => {
    const slots = [
      slot('2026-03-02T08:00:00Z', null, 0, 5),
      slot('2026-03-02T09:00:00Z', 1),
      slot('2026-03-02T11:00:00Z', 2),
      slot('2026-03-02T11:30:00Z', 1),
      slot('2026-03-02T13:00:00Z', 3),
      slot('2026-03-02T14:00:00Z', 4),
      slot('2026-03-02T15:00:00Z', 5),
    ];
    const { buckets, withheld } = activityBuckets(slots, { ...options, floor: 3 });
    expect(buckets.map((b) => [iso(b.start).slice(11, 16), iso(b.end).slice(11, 16), b.participants, b.votes, b.statements, b.merged])).toEqual([
      ['08:00', '09:00', 0, 0, 5, false],
      ['09:00', '14:00', 3, 4, 0, true],
    ]);
    expect(withheld).toBe(true);
  });
});
