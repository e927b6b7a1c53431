import { describe, expect, it } from 'vitest';
import { baseClusters } from '../../src/cluster/baseClusters.js';
import { BaseMemory, baseClustersWarm } from '../../src/cluster/warmBase.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { lcg } from '../../src/random/lcg.js';

// Clusters as comparable plain data (ids, members in order, centres to the bit).
const plain = (clusters: readonly Cluster[]) => clusters.map((c) => ({ id: c.id, members: [...c.members], center: [...c.center] }));

describe('baseClustersWarm(points, rows, previous, options, memory)', () => {
  it('gives baseClusters’ clusters to the bit while every point moves a little, some a lot, and rows join', () => {
    const random = lcg(5);
    let n = 3000;
    // Three blobs, so that most points sit well inside their cluster's bounds.
    let points = Float64Array.from({ length: 2 * n }, (_, j) => (j % 2 ? 0 : ((j >> 1) % 3) * 3) + random() - 0.5);
    let rows = Int32Array.from({ length: n }, (_, i) => i);
    const memory = new BaseMemory();
    const options = { k: 40, maxIterations: 100 };
    let warm = baseClustersWarm(points, rows, null, options, memory);
    let reference = baseClusters(points, rows, null, options);
    expect(plain(warm)).toEqual(plain(reference));
    for (let update = 0; update < 8; update++) {
      // Every point scales slightly (as when a statement is added), a few jump, and new rows join at the end.
      const scale = 1 + 1e-4 * (update + 1);
      const grown = new Float64Array(2 * (n + 25));
      for (let j = 0; j < 2 * n; j++) grown[j] = points[j]! * scale;
      for (let i = 0; i < 30; i++) {
        const p = Math.floor(random() * n);
        grown[2 * p] = grown[2 * p]! + random() - 0.5;
      }
      for (let i = n; i < n + 25; i++) (grown[2 * i] = random() * 6), (grown[2 * i + 1] = random() - 0.5);
      n += 25;
      points = grown;
      rows = Int32Array.from({ length: n }, (_, i) => i);
      const stats = { steps: 0 };
      warm = baseClustersWarm(points, rows, warm, { ...options, stats }, memory);
      reference = baseClusters(points, rows, reference, options);
      expect(plain(warm)).toEqual(plain(reference));
    }
  });
  it('keeps to the bit in steady updates: few points move, rows join between others, bounds carried for many updates', () => {
    const random = lcg(11);
    // Rows 0, 2, 4, …: the odd rows join later, between clustered ones (a participant reaching the vote threshold).
    const position = new Map<number, [number, number]>();
    const place = (row: number) => position.set(row, [((row >> 1) % 4) * 2 + random() - 0.5, random() - 0.5]);
    let rowList = Array.from({ length: 2000 }, (_, i) => 2 * i);
    rowList.forEach(place);
    const pointsOf = (list: number[]) => Float64Array.from({ length: 2 * list.length }, (_, j) => position.get(list[j >> 1]!)![j & 1]!);
    const memory = new BaseMemory();
    const options = { k: 30, maxIterations: 100 };
    let rows = Int32Array.from(rowList);
    let warm = baseClustersWarm(pointsOf(rowList), rows, null, options, memory);
    let reference = baseClusters(pointsOf(rowList), rows, null, options);
    let steps = 0;
    for (let update = 0; update < 40; update++) {
      // A few old points move a little (new votes), odd rows join in the middle, new rows at the end.
      for (let i = 0; i < 5; i++) {
        const row = rowList[Math.floor(random() * rowList.length)]!;
        const [x, y] = position.get(row)!;
        position.set(row, [x + 0.05 * (random() - 0.5), y + 0.05 * (random() - 0.5)]);
      }
      const joining = Array.from({ length: 3 }, () => 2 * Math.floor(random() * 2000) + 1).filter((r) => !position.has(r));
      joining.forEach(place);
      const end = rowList[rowList.length - 1]! + 2;
      place(end);
      rowList = [...rowList, ...joining, end].sort((a, b) => a - b);
      rows = Int32Array.from(rowList);
      const stats = { steps: 0 };
      warm = baseClustersWarm(pointsOf(rowList), rows, warm, { ...options, stats }, memory);
      reference = baseClusters(pointsOf(rowList), rows, reference, options);
      steps += stats.steps;
      expect(plain(warm)).toEqual(plain(reference));
    }
    // The warm runs did start warm (a cold start takes several steps each time).
    expect(steps).toBeLessThan(40 * 3);
  });
});
