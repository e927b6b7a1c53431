import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGrouping } from '../src/readGrouping.js';
import { fixtures } from './runCli.js';
import { scratch } from './scratch.js';

const below100 = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
const vtaiwan = `${fixtures}open-data/vtaiwan.uberx/`;

describe('readGrouping(path)', () => {
  it("reads Polis's math-pca2.json through its base clusters, with repness and consensus", async () => {
    const g = await readGrouping(`${below100}math-pca2.json`);
    const m = JSON.parse(readFileSync(`${below100}math-pca2.json`, 'utf8'));
    expect(g.kind).toBe('polis-math');
    // Every in-conv participant sits in exactly one base cluster of one group.
    expect([...g.groupOf.keys()].map(Number).sort((a, b) => a - b)).toEqual([...m['in-conv']].sort((a: number, b: number) => a - b));
    expect(g.groups.map((x) => x.id)).toEqual(m['group-clusters'].map((x: { id: number }) => x.id));
    expect(g.repness!.get(0)).toEqual(m.repness['0'].map((e: { tid: number }) => String(e.tid)));
    expect(g.consensus!.agree).toEqual(m.consensus.agree.map((e: { tid: number }) => String(e.tid)));
  });

  it("reads participants-votes.csv's group-id, skipping participants without one", async () => {
    const g = await readGrouping(`${vtaiwan}participants-votes.csv`);
    const lines = readFileSync(`${vtaiwan}participants-votes.csv`, 'utf8').trim().split('\n').slice(1);
    const grouped = lines.map((l) => l.split(',')).filter((f) => f[1] !== '');
    expect(g.kind).toBe('participants-votes');
    expect(g.groupOf.size).toBe(grouped.length);
    expect(g.groups.map((x) => x.id)).toEqual([...new Set(grouped.map((f) => Number(f[1])))].sort((a, b) => a - b));
    expect(g.groups.reduce((s, x) => s + x.size, 0)).toBe(grouped.length);
    expect(g.repness).toBeNull();
  });

  it('names the file and the problem on bad input', async () => {
    const dir = scratch(below100, []);
    writeFileSync(join(dir, 'bad.json'), '{"format": "kuulo-result@1", "participants": [1]');
    await expect(readGrouping(join(dir, 'bad.json'))).rejects.toThrow(new RegExp(`^${join(dir, 'bad.json')}: not valid JSON`));
    const m = JSON.parse(readFileSync(`${below100}math-pca2.json`, 'utf8'));
    m['group-clusters'][0].members.push(999);
    writeFileSync(join(dir, 'math.json'), JSON.stringify(m));
    await expect(readGrouping(join(dir, 'math.json'))).rejects.toThrow(`${join(dir, 'math.json')}: group-clusters group 0 lists base cluster 999, which base-clusters lacks`);
  });
});
