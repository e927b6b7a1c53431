import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, Conversation, parsePolisCommentsCsv, parsePolisVotesCsv, type KuuloResult } from '@kuulo/core';
import { fixtures, runCli } from './runCli.js';

const dir = `${fixtures}open-data/brexit-consensus/`;

describe('kuulo analyze --mode', () => {
  it('--mode stable gives the result of core in stable mode, whatever order the file lists the votes in', async () => {
    const { code, stdout } = await runCli(['analyze', `${dir}votes.csv`, '--mode', 'stable', '--quiet']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as KuuloResult;
    expect(result.options.mode).toBe('stable');
    // Core in stable mode, fed the same votes in reverse order.
    const votes = parsePolisVotesCsv(readFileSync(`${dir}votes.csv`)).reverse();
    const conversation = new Conversation({ mode: 'stable', seed: 0 });
    conversation.moderate(parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8')).moderation);
    conversation.addVotes(votes);
    const reference = conversation.update();
    const groupOf = (r: KuuloResult) => new Map(r.participants.map((p, i) => [p, r.participantGroup[i] ?? null]));
    const ours = groupOf(result);
    const theirs = groupOf(reference);
    const ids = [...ours.keys()];
    expect(ids.map((p) => ours.get(p) === null)).toEqual(ids.map((p) => theirs.get(p) === null));
    const grouped = ids.filter((p) => ours.get(p) !== null);
    expect(grouped.length).toBeGreaterThan(100);
    expect(adjustedRandIndex(grouped.map((p) => ours.get(p)!), grouped.map((p) => theirs.get(p)!))).toBe(1);
  });

  it('rejects an unknown mode, naming the choices', async () => {
    const { code, stderr } = await runCli(['analyze', `${dir}votes.csv`, '--mode', 'fast']);
    expect(code).toBe(1);
    expect(stderr).toContain("'fast'");
    expect(stderr).toMatch(/polis, stable/);
  });
});
