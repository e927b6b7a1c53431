import { describe, expect, it } from 'vitest';
import { cleanStart } from '../../src/cluster/cleanStart.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kmeans } from '../../src/cluster/kmeans.js';

type Point = [number, number];

const xy = (pts: Point[]): Float64Array => Float64Array.from(pts.flat());
const names = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
const cluster = (id: number, members: number[]): Cluster => ({ id, members, center: [NaN, NaN] });
/** Seeds as plain [id, x, y] triples. */
function seeds(points: Point[], last: Cluster[], k: number): [number, number, number][] {
  const s = cleanStart(xy(points), names(points.length), null, last, k);
  return s.ids.map((id, i) => [id, s.x[i]!, s.y[i]!]);
}

describe('cleanStart(points, names, weights, last, k)', () => {
  it('recentres previous clusters on their members current positions, ignoring the stale centres', () => {
    expect(seeds([[1, 1], [3, 1], [7, 7]], [cluster(4, [0, 1]), cluster(9, [2])], 2)).toEqual([
      [4, 2, 1],
      [9, 7, 7],
    ]);
  });

  it('merges clusters with identical centres into the first one, keeping the id of the larger', () => {
    // Clusters 3 and 7 both sit at (1,1); 7 has more members, so the merged cluster takes id 7 in 3's place.
    const pts: Point[] = [[1, 1], [1, 1], [1, 1], [4, 4]];
    expect(seeds(pts, [cluster(3, [0]), cluster(7, [1, 2]), cluster(5, [3])], 2)).toEqual([
      [7, 1, 1],
      [5, 4, 4],
    ]);
  });

  it('gives a merge between equal-sized clusters the later id, counting members no longer present', () => {
    const pts: Point[] = [[1, 1], [1, 1], [1, 1]];
    // 2 members each (name 9 is gone): a tie, so the later cluster's id.
    expect(seeds(pts, [cluster(3, [0, 9]), cluster(7, [1, 2])], 1)).toEqual([[7, 1, 1]]);
    // 3 members (two gone) against 2: the earlier cluster is larger.
    expect(seeds(pts, [cluster(3, [0, 98, 99]), cluster(7, [1, 2])], 1)).toEqual([[3, 1, 1]]);
  });

  it('tops up with the most distal point, one new cluster (id max + 1) at a time, until k', () => {
    // (0.5,0) is the only centre; (10,0) is farthest (9.5), then (0,5) (≈5.02) from the two centres.
    const pts: Point[] = [[0, 0], [1, 0], [10, 0], [0, 5]];
    expect(seeds(pts, [cluster(4, [0, 1])], 3)).toEqual([
      [4, 0.5, 0],
      [5, 10, 0],
      [6, 0, 5],
    ]);
    // Capped by the number of distinct points, and stops when every point sits on a centre.
    expect(seeds([[0, 0], [0, 0], [2, 0]], [cluster(1, [0])], 100)).toEqual([
      [1, 0, 0],
      [2, 2, 0],
    ]);
  });

  it('splits the last of equally distal points, removing it from its old cluster', () => {
    // (−3,0) and (3,0) are both 3 from (0,0): the later row wins.
    expect(seeds([[0, 0], [-3, 0], [3, 0]], [cluster(1, [0])], 2)).toEqual([
      [1, 0, 0],
      [2, 3, 0],
    ]);
    // (9,0) leaves cluster 1, whose centre moves from (3,0) back to (0,0).
    expect(seeds([[0, 0], [0, 0], [9, 0]], [cluster(1, [0, 1, 2])], 2)).toEqual([
      [1, 0, 0],
      [2, 9, 0],
    ]);
  });

  it('starts from one cluster of everything (id max + 1) when no previous member is left', () => {
    // Cluster 9 = both points, centre (1,0); both are 1 away, so the later (2,0) is split off as 10.
    expect(seeds([[0, 0], [2, 0]], [cluster(5, [100]), cluster(8, [101])], 2)).toEqual([
      [9, 0, 0],
      [10, 2, 0],
    ]);
  });

  it('feeds kmeans: lineage ids survive the Lloyd steps', () => {
    const last: Cluster[] = [cluster(12, [0, 1]), cluster(30, [2, 3])];
    const pts: Point[] = [[0, 0], [0.2, 0], [5, 5], [5.2, 5], [10, -3]];
    const clusters = kmeans(xy(pts), names(5), 3, { last });
    expect(clusters.map((c) => [c.id, c.members])).toEqual([
      [12, [0, 1]],
      [30, [2, 3]],
      [31, [4]],
    ]);
  });
});
