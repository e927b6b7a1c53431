import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, parsePolisParticipantsVotesCsv, type KuuloResult } from '@kuulo/core';
import type { Comparison } from '../src/compareGroupings.js';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const brexit = `${fixtures}open-data/brexit-consensus/`;
const below100 = `${fixtures}polis-math-fixtures/below-100-ptpts/`;

/** Runs `kuulo analyze` with `args` and saves its output in a scratch file. */
async function analyzeTo(name: string, args: string[]): Promise<string> {
  const path = join(scratch(brexit, []), name);
  const { code } = await runCli(['analyze', ...args, '--out', path]);
  expect(code).toBe(0);
  return path;
}

async function compareJson(a: string, b: string): Promise<Comparison> {
  const { code, stdout, stderr } = await runCli(['compare', a, b, '--json']);
  expect([code, stderr]).toEqual([0, '']);
  return JSON.parse(stdout) as Comparison;
}

/** Largest total of overlap[i][pick(i)] over one-to-one pairings of rows and columns, by brute force. */
function bestPairing(overlap: number[][], row = 0, used = new Set<number>()): number {
  if (row === overlap.length) return 0;
  let best = bestPairing(overlap, row + 1, used);
  overlap[row]!.forEach((n, j) => {
    if (used.has(j)) return;
    used.add(j);
    best = Math.max(best, n + bestPairing(overlap, row + 1, used));
    used.delete(j);
  });
  return best;
}

describe('kuulo compare a b', () => {
  it("a Kuulo result against Polis's participants-votes.csv: ARI over participants grouped in both", async () => {
    const ours = await analyzeTo('result.json', [`${brexit}votes.csv`]);
    const c = await compareJson(ours, `${brexit}participants-votes.csv`);
    // The same index computed here from the two files directly.
    const result = JSON.parse(readFileSync(ours, 'utf8')) as KuuloResult;
    const polis = parsePolisParticipantsVotesCsv(readFileSync(`${brexit}participants-votes.csv`, 'utf8'));
    const groupOf = new Map(result.participants.map((p, r) => [p, result.participantGroup[r]]));
    const both = polis.participants.filter((p) => p.groupId !== null && groupOf.get(p.id) != null);
    expect(c.participants).toBe(both.length);
    expect(c.adjustedRandIndex).toBe(adjustedRandIndex(both.map((p) => groupOf.get(p.id)!), both.map((p) => p.groupId!)));
    expect([c.a.kind, c.b.kind]).toEqual(['kuulo-result', 'participants-votes']);
    expect(c.a.groups.map((g) => g.size)).toEqual(result.groups.map((g) => g.size));
    expect(c.onlyA).toBe(result.inConv.length - both.length);
    // The overlap table covers every compared participant; pairs are one-to-one and read off it.
    expect(c.overlap.flat().reduce((s, n) => s + n, 0)).toBe(both.length);
    expect(new Set(c.matched.map((m) => m.b.id)).size).toBe(c.matched.length);
    expect(c.matched.length + c.unmatchedA.length).toBe(c.a.groups.length);
    for (const m of c.matched) {
      const i = c.a.groups.findIndex((g) => g.id === m.a.id);
      const j = c.b.groups.findIndex((g) => g.id === m.b.id);
      expect(m.shared).toBe(c.overlap[i]![j]);
      expect(m.repness).toBeNull();
    }
    expect(c.consensus).toBeNull();
    // No other one-to-one pairing shares more participants (checked by trying them all).
    expect(c.matched.reduce((s, m) => s + m.shared, 0)).toBe(bestPairing(c.overlap));

    const text = await runCli(['compare', ours, `${brexit}participants-votes.csv`]);
    expect(text.stdout).toContain(`adjusted Rand index: ${c.adjustedRandIndex.toFixed(4)}\n`);
    expect(text.stdout).toContain(`participants in groups in both: ${both.length} `);
    expect(text.stdout).toMatch(/participants per group \(rows: a, columns: b\):\n/);
  });

  it("replayed like Polis, our Polis-format output matches Polis's math-pca2.json: ARI 1, same groups, same representative statements", async () => {
    const ours = await analyzeTo('math-pca2.json', [`${below100}votes.json`, '--replay', '--seed', '7', '--format', 'polis']);
    const c = await compareJson(ours, `${below100}math-pca2.json`);
    expect([c.a.kind, c.b.kind]).toEqual(['polis-math', 'polis-math']);
    const polis = JSON.parse(readFileSync(`${below100}math-pca2.json`, 'utf8')) as { 'in-conv': number[]; 'group-clusters': unknown[] };
    expect(c.participants).toBe(polis['in-conv'].length);
    expect(c.adjustedRandIndex).toBe(1);
    expect(c.matched).toHaveLength(polis['group-clusters'].length);
    for (const m of c.matched) {
      expect(m.jaccard).toBe(1);
      expect(m.repness!.jaccard).toBe(1);
    }
    expect(c.consensus!.agree.jaccard).toBe(1);
  });

  it('a result against itself relabelled agrees fully; groups with nobody in common stay unmatched', async () => {
    const ours = await analyzeTo('result.json', [`${brexit}votes.csv`]);
    const result = JSON.parse(readFileSync(ours, 'utf8')) as KuuloResult;
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    // Reverse the group ids: the partition is unchanged.
    const top = Math.max(...result.groups.map((g) => g.id));
    const relabelled = { ...result, participantGroup: result.participantGroup.map((g) => (g === null ? null : top - g)), groups: result.groups.map((g) => ({ ...g, id: top - g.id })) };
    const path = join(scratch(brexit, []), 'relabelled.json');
    writeFileSync(path, JSON.stringify(relabelled));
    const c = await compareJson(ours, path);
    expect(c.adjustedRandIndex).toBe(1);
    expect(c.matched.map((m) => [m.a.id, m.b.id, m.jaccard, m.repness!.jaccard])).toEqual(result.groups.map((g) => [g.id, top - g.id, 1, 1]));
    expect([c.unmatchedA, c.unmatchedB]).toEqual([[], []]);
  });

  it('names the file that is neither kind', async () => {
    const path = join(scratch(brexit, []), 'other.json');
    writeFileSync(path, '{"hello": 1}');
    const { code, stderr } = await runCli(['compare', path, `${brexit}participants-votes.csv`]);
    expect(code).toBe(1);
    expect(stderr).toBe(`kuulo: ${path}: expected a Kuulo result (format "kuulo-result@1"), a Polis math-pca2.json (group-clusters, base-clusters) or a participants-votes.csv\n`);
  });
});
