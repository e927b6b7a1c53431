import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolisCommentsCsv, parsePolisVotesCsv, replay, type KuuloResult } from '@kuulo/core';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const brexit = `${fixtures}open-data/brexit-consensus/`;
const votes = parsePolisVotesCsv(readFileSync(`${brexit}votes.csv`));
const moderation = parsePolisCommentsCsv(readFileSync(`${brexit}comments.csv`, 'utf8')).moderation;

describe('kuulo analyze --polis-era', () => {
  it("--replay --polis-era auto gives exactly core replay with polisEra 'auto'", async () => {
    const { code, stdout } = await runCli(['analyze', `${brexit}votes.csv`, '--replay', '--batches', '20', '--polis-era', 'auto']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.stringify(replay(votes, { batches: 20, moderation, polisEra: 'auto' }))}\n`);
    const result = JSON.parse(stdout) as KuuloResult;
    expect(result.replay?.polisEra?.era).toBe('auto');
    expect(Object.keys(result.replay!.polisEra!.ruleTicks)).toContain('zeroImputation');
  });

  it('--polis-era off is the plain replay, byte for byte', async () => {
    const off = await runCli(['analyze', `${brexit}votes.csv`, '--replay', '--batches', '20', '--polis-era', 'off']);
    const plain = await runCli(['analyze', `${brexit}votes.csv`, '--replay', '--batches', '20']);
    expect(off.stdout).toBe(plain.stdout);
  });

  it('rejects a bad value, naming it, and auto without --replay', async () => {
    const bad = await runCli(['analyze', `${brexit}votes.csv`, '--replay', '--polis-era', '2017']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--polis-era.*'2017' is invalid.*auto, off/);
    const cold = await runCli(['analyze', `${brexit}votes.csv`, '--polis-era', 'auto']);
    expect(cold.code).toBe(1);
    expect(cold.stderr).toContain('--polis-era auto');
    expect(cold.stderr).toContain('needs --replay');
  });

  it('kuulo replay --polis-era auto writes the groups of the era replay', async () => {
    const { code, stdout } = await runCli(['replay', `${brexit}votes.csv`, '--every', '2000', '--polis-era', 'auto']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { votes: number; k: number });
    expect(lines.at(-1)!.votes).toBe(votes.length);
  });
});

describe('kuulo compare with and without --polis-era', () => {
  it('reports the ARI and the in-conv agreement of each replay against Polis, naming the era side', async () => {
    const dir = scratch(brexit, []);
    const outputs: Record<string, string> = {};
    for (const era of ['off', 'auto']) {
      outputs[era] = join(dir, `replay-${era}.json`);
      const { code } = await runCli(['analyze', `${brexit}votes.csv`, '--replay', '--batches', '20', '--polis-era', era, '--out', outputs[era]!]);
      expect(code).toBe(0);
    }
    const polis = `${brexit}participants-votes.csv`;
    for (const era of ['off', 'auto']) {
      const { code, stdout } = await runCli(['compare', outputs[era]!, polis, '--json']);
      expect(code).toBe(0);
      const c = JSON.parse(stdout) as { groupedJaccard: number; adjustedRandIndex: number; participants: number; onlyA: number; onlyB: number; a: { polisEra?: string } };
      expect(c.groupedJaccard).toBeCloseTo(c.participants / (c.participants + c.onlyA + c.onlyB), 12);
      expect(c.a.polisEra).toBe(era === 'auto' ? 'auto' : undefined);
      const text = (await runCli(['compare', outputs[era]!, polis])).stdout;
      expect(text).toContain(`agreement on who is in a group (in-conv), Jaccard: ${c.groupedJaccard.toFixed(4)}\n`);
      expect(text.includes('Polis era auto')).toBe(era === 'auto');
    }
  });
});
