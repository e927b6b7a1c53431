import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolisCommentsJson, parsePolisVotesJson, replay } from '@kuulo/core';
import type { GroupsSnapshot } from '../src/replayGroups.js';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const dir = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
const votes = parsePolisVotesJson(readFileSync(`${dir}votes.json`, 'utf8'));
const moderation = parsePolisCommentsJson(readFileSync(`${dir}comments.json`, 'utf8')).moderation;
const lines = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as GroupsSnapshot);
const groupsOf = (r: ReturnType<typeof replay>) => r.groups.map((g) => ({ id: g.id, label: g.label, size: g.size }));

describe('kuulo replay --every N', () => {
  it('writes one JSON line per N votes, in time order, ending at core replay state', async () => {
    const { code, stdout, stderr } = await runCli(['replay', `${dir}votes.json`, '--every', '50', '--seed', '4']);
    expect([code, stderr]).toEqual([0, '']);
    const out = lines(stdout);
    expect(out).toHaveLength(Math.ceil(votes.length / 50));
    expect(out.map((l) => l.votes)).toEqual(out.map((_, i) => Math.min(votes.length, (i + 1) * 50)));
    expect(out.map((l) => l.tick)).toEqual(out.map((_, i) => i + 1));
    for (const l of out) {
      expect(l.groups.reduce((s, g) => s + g.size, 0)).toBe(l.groups.length ? l.clustered : 0);
      expect(l.participantGroup).toBeUndefined();
    }
    // Participants only ever join; times only move forward.
    expect(out.every((l, i) => i === 0 || (l.participants >= out[i - 1]!.participants && l.lastVoteTime >= out[i - 1]!.lastVoteTime))).toBe(true);
    // Same protocol as core: the last line is replay's state with this batch size, seed and moderation.
    const expected = replay(votes, { batchSize: 50, finalRestart: false, seed: 4, moderation, strictModeration: true });
    expect(out.at(-1)).toMatchObject({ participants: expected.participants.length, clustered: expected.inConv.length, k: expected.k.chosen, groups: groupsOf(expected) });
    expect(out.at(-1)!.restart).toBeUndefined();
  });

  it('--final-restart adds the restart tick; --members adds each participant group', async () => {
    const { stdout } = await runCli(['replay', `${dir}votes.json`, '--every', '100', '--final-restart', '--members']);
    const out = lines(stdout);
    expect(out).toHaveLength(Math.ceil(votes.length / 100) + 1);
    expect(out.at(-1)!.restart).toBe(true);
    const expected = replay(votes, { batchSize: 100, moderation, strictModeration: true });
    expect(out.at(-1)!.groups).toEqual(groupsOf(expected));
    expect(out.at(-1)!.participantGroup).toEqual(Object.fromEntries(expected.participants.map((p, r) => [String(p), expected.participantGroup[r]])));
    for (const l of out) expect(Object.keys(l.participantGroup!)).toHaveLength(l.participants);
  });

  it('honours --no-comments (no moderation) and writes to --out', async () => {
    const file = join(scratch(dir, []), 'groups.jsonl');
    const { stdout } = await runCli(['replay', `${dir}votes.json`, '--every', '100', '--no-comments', '--no-conversation', '--out', file]);
    expect(stdout).toBe('');
    const out = lines(readFileSync(file, 'utf8'));
    const expected = replay(votes, { batchSize: 100, finalRestart: false });
    expect(out.at(-1)!.groups).toEqual(groupsOf(expected));
  });

  it('shows progress on a terminal, and says which flag is missing', async () => {
    const tty = await runCli(['replay', `${dir}votes.json`, '--every', '50'], { tty: true });
    expect(tty.stderr.trimEnd().split('\n')).toEqual(Array.from({ length: 10 }, (_, i) => expect.stringMatching(new RegExp(`^replaying votes: ${(i + 1) * 10}% \\(\\d+ of ${votes.length}\\)$`))));
    const quiet = await runCli(['replay', `${dir}votes.json`, '--every', '50', '--quiet'], { tty: true });
    expect(quiet.stderr).toBe('');
    const missing = await runCli(['replay', `${dir}votes.json`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/required option '--every <n>' not specified/);
    const bad = await runCli(['replay', `${dir}votes.json`, '--every', '0']);
    expect(bad.stderr).toMatch(/expected a positive integer, got "0"/);
  });
});
