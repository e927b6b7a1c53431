import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolisCommentsCsv, parsePolisVotesCsv, replay, type KuuloResult } from '@kuulo/core';
import { fixtures, runCli } from './runCli.js';

const brexit = `${fixtures}open-data/brexit-consensus/`;
const votes = parsePolisVotesCsv(readFileSync(`${brexit}votes.csv`));
const moderation = parsePolisCommentsCsv(readFileSync(`${brexit}comments.csv`, 'utf8')).moderation;

describe('kuulo analyze and core replay', () => {
  it('--replay gives exactly core replay(votes) with the same protocol, with progress on a terminal', async () => {
    const { stdout, stderr } = await runCli(['analyze', `${brexit}votes.csv`, '--replay', '--batches', '40', '--seed', '2'], { tty: true });
    expect(stdout).toBe(`${JSON.stringify(replay(votes, { batches: 40, seed: 2, moderation }))}\n`);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe(`replaying votes: 100% (${votes.length} of ${votes.length})`);
  });

  it('without --replay is one cold update over all votes: replay with a single batch and no restart', async () => {
    const once = JSON.parse((await runCli(['analyze', `${brexit}votes.csv`])).stdout) as KuuloResult;
    const single = replay(votes, { batches: 1, finalRestart: false, moderation });
    expect({ ...once, replay: null }).toEqual({ ...single, replay: null });
  });
});
