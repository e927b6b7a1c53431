import type { KuuloResult } from '@kuulo/core';
import { describe, expect, test } from 'vitest';
import { encodeParticipantPlaces, findParticipantPlace } from '../../src/math/participantPlaces.js';

const result = (participants: number[]) =>
  ({
    participants,
    participantProjection: { x: participants.map((_, i) => i / 4 - 1), y: participants.map((_, i) => 2 - i / 8) },
    participantGroup: participants.map((_, i) => (i % 3 === 2 ? null : i % 2)),
  }) as unknown as KuuloResult;

describe('encodeParticipantPlaces / findParticipantPlace', () => {
  test('finds each participant by pid, whatever the row order, with group and row; ids past 2³¹ too', () => {
    const pids = [17, 3, 2 ** 31 + 5, 0, 9_000_000_000, 42];
    const r = result(pids);
    const blob = encodeParticipantPlaces(r);
    expect(blob.byteLength).toBe(24 * pids.length);
    pids.forEach((pid, row) => {
      const place = findParticipantPlace(blob, pid)!;
      expect(place.row).toBe(row);
      expect(place.x).toBeCloseTo(r.participantProjection.x[row]!, 6);
      expect(place.y).toBeCloseTo(r.participantProjection.y[row]!, 6);
      expect(place.group).toBe(r.participantGroup[row]);
    });
  });

  test('a pid not on the map is null, also in an empty blob; a Buffer view at an offset works', () => {
    const blob = encodeParticipantPlaces(result([5, 1, 9]));
    for (const pid of [0, 2, 6, 10, -1]) expect(findParticipantPlace(blob, pid)).toBeNull();
    expect(findParticipantPlace(new Uint8Array(0), 1)).toBeNull();
    const shifted = Buffer.concat([Buffer.alloc(8), Buffer.from(blob)]).subarray(8);
    expect(findParticipantPlace(shifted, 9)?.row).toBe(2);
  });

  test('refuses a result with non-numeric ids and a blob that is not whole records', () => {
    expect(() => encodeParticipantPlaces(result(['a' as unknown as number]))).toThrow('encodeParticipantPlaces: participant ids must be numbers, got "a" at row 0');
    expect(() => findParticipantPlace(new Uint8Array(10), 1)).toThrow('findParticipantPlace: a places blob holds 24-byte records, got 10 bytes');
  });
});
