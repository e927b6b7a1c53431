import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, parsePolisCommentsCsv, parsePolisParticipantsVotesCsv, parsePolisVotesCsv, replay, type KuuloResult } from '@kuulo/core';
import { fixtures } from './runCli.js';

// examples/research/run.ts, run as a process the way `pnpm --filter @kuulo/example-research start` does.
const script = fileURLToPath(new URL('../../../examples/research/run.ts', import.meta.url));
const run = (args: string[]) => spawnSync(process.execPath, ['--conditions=@kuulo/source', '--import', 'tsx', script, ...args], { encoding: 'utf8' });
const openData = `${fixtures}open-data/`;
// Fewer updates than the default 500 keep the test quick; the protocol is otherwise the same.
const batches = 25;

/** Markdown table rows as cells. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| conversation'))
    .map((l) => l.slice(2, -2).split(' | '));
}

/** Core's own answer: ARI of a result against Polis's group-id, over participants grouped by both. */
function ari(result: KuuloResult, dir: string): { ari: number; participants: number } {
  const polis = parsePolisParticipantsVotesCsv(readFileSync(`${dir}participants-votes.csv`, 'utf8'));
  const ours = new Map(result.participants.map((p, r) => [p, result.participantGroup[r]]));
  const both = polis.participants.filter((p) => p.groupId !== null && ours.get(p.id) != null);
  return { ari: adjustedRandIndex(both.map((p) => ours.get(p.id)!), both.map((p) => p.groupId!)), participants: both.length };
}

/** Jaccard of the participants Polis and the result put in a group. */
function grouped(result: KuuloResult, dir: string): number {
  const polis = parsePolisParticipantsVotesCsv(readFileSync(`${dir}participants-votes.csv`, 'utf8'));
  const ours = new Set(result.participants.filter((_, r) => result.participantGroup[r] != null).map(String));
  const theirs = new Set(polis.participants.filter((p) => p.groupId !== null).map((p) => String(p.id)));
  const shared = [...ours].filter((p) => theirs.has(p)).length;
  return shared / (ours.size + theirs.size - shared);
}

describe('examples/research', () => {
  it('prints one row per open-data conversation with the ARIs core replay gives', () => {
    const { status, stdout, stderr } = run(['--batches', String(batches)]);
    expect(status, stderr).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      '| conversation | participants compared | Polis groups | our groups | ARI (replayed) | ARI (replayed, Polis era) | ARI (Polis era, no vote-count rule) | in-conv Jaccard (replayed / era) | ARI (cold single update) |',
    );
    const rows = tableRows(stdout);
    const names = readdirSync(openData).sort();
    expect(names).toHaveLength(5);
    expect(rows.map((r) => r[0])).toEqual(names);
    for (const [name, participants, polisGroups, groups, replayed, era, eraNoCount, inConv, cold] of rows) {
      const dir = `${openData}${name}/`;
      const votes = parsePolisVotesCsv(readFileSync(`${dir}votes.csv`));
      const { moderation } = parsePolisCommentsCsv(readFileSync(`${dir}comments.csv`, 'utf8'));
      const replayedResult = replay(votes, { batches, moderation });
      const expected = ari(replayedResult, dir);
      const coldResult = replay(votes, { batches: 1, finalRestart: false, moderation });
      const eraResult = replay(votes, { batches, moderation, polisEra: 'auto' });
      const eraNoCountResult = replay(votes, { batches, moderation, polisEra: { rules: { inConvCountsModeratedOut: false } } });
      const groupIds = parsePolisParticipantsVotesCsv(readFileSync(`${dir}participants-votes.csv`, 'utf8')).participants.map((p) => p.groupId);
      expect({ name, participants, polisGroups, groups, replayed, era, eraNoCount, inConv, cold }).toEqual({
        name,
        participants: String(expected.participants),
        polisGroups: String(new Set(groupIds.filter((g) => g !== null)).size),
        groups: String(replayedResult.groups.length),
        replayed: expected.ari.toFixed(3),
        era: ari(eraResult, dir).ari.toFixed(3),
        eraNoCount: ari(eraNoCountResult, dir).ari.toFixed(3),
        inConv: `${grouped(replayedResult, dir).toFixed(3)} / ${grouped(eraResult, dir).toFixed(3)}`,
        cold: ari(coldResult, dir).ari.toFixed(3),
      });
    }
    expect(stdout).toContain(`in ${batches} updates, then Polis's restart tick`);
  });

  it('takes one export folder, and names a folder with no export', () => {
    const one = run([`${openData}brexit-consensus`, '--batches', '5']);
    expect(one.status).toBe(0);
    expect(tableRows(one.stdout).map((r) => r[0])).toEqual(['brexit-consensus']);
    const none = run([fixtures, '--batches', '5']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`research: ${fixtures.replace(/\/$/, '')}: no Polis open-data export`);
  });
});
