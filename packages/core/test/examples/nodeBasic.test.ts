import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { parsePolisCommentsJson } from '../../src/load/parsePolisCommentsJson.js';
import { parsePolisVotesJson } from '../../src/load/parsePolisVotesJson.js';
import { fixturesDir, type PolisMathJson } from '../helpers/fixtures.js';

// examples/node-basic run as a reader would run it (tsx, source condition), its printout checked
// against core's own result on the same fixture and against Polis's consensus for those votes.

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const example = join(repoRoot, 'examples/node-basic/index.ts');
const tsxCli = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/cli.mjs');
const fixture = `${fixturesDir}polis-math-fixtures/below-100-ptpts/`;

function runExample(): string[] {
  const run = spawnSync(process.execPath, [tsxCli, '--conditions=@kuulo/source', example], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.trimEnd().split('\n');
}

function expected() {
  const votes = parsePolisVotesJson(readFileSync(`${fixture}votes.json`, 'utf8'));
  const { statements, moderation } = parsePolisCommentsJson(readFileSync(`${fixture}comments.json`, 'utf8'));
  const conversation = new Conversation({ seed: 1 });
  conversation.moderate(moderation);
  conversation.addVotes(votes);
  const result = conversation.update();
  const shown = statements.filter((s) => s.moderation !== -1 && !s.isMeta).map((s) => s.id);
  return { votes, result, statements, next: conversation.nextStatement('newcomer', shown), shown };
}

const matches = (lines: string[], pattern: RegExp) => lines.map((line) => pattern.exec(line)).filter((m): m is RegExpExecArray => m !== null);

describe('examples/node-basic', () => {
  let lines: string[] = [];
  const { votes, result, statements, next, shown } = expected();
  beforeAll(() => {
    lines = runExample();
  });

  it('prints the size of the conversation it read', () => {
    expect(lines[0]).toBe(`${votes.length} votes by ${result.participants.length} participants on ${result.statements.length} statements`);
    expect(votes.length).toBeGreaterThan(400);
  });

  it("prints every group with core's size and most representative statement", () => {
    const printed = matches(lines, /^Group ([A-Z]+) \((\d+) people\) stands for #(\d+) "(.*)": (\d+)% (agree|disagree)$/);
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    expect(printed.map((m) => m[1])).toEqual(result.groups.map((g) => g.label));
    expect(printed.map((m) => Number(m[2]))).toEqual(result.groups.map((g) => g.size));
    expect(printed.map((m) => Number(m[3]))).toEqual(result.groups.map((g) => g.repness[0]!.statement));
    expect(printed.map((m) => m[4])).toEqual(result.groups.map((g) => statements.find((s) => s.id === g.repness[0]!.statement)!.text));
    expect(printed.map((m) => Number(m[5]))).toEqual(result.groups.map((g) => Math.round(g.repness[0]!.pSuccess * 100)));
    // Groups hold clustered participants only, each in one group.
    expect(printed.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(result.inConv.length);
  });

  it("prints the consensus Polis's own math found for these votes", () => {
    const polis = JSON.parse(readFileSync(`${fixture}math-pca2.json`, 'utf8')) as PolisMathJson & {
      consensus: Record<'agree' | 'disagree', { tid: number; 'n-trials': number; 'p-success': number }[]>;
    };
    for (const side of ['agree', 'disagree'] as const) {
      const printed = matches(lines, new RegExp(`^Most ${side}: #(\\d+) ".*" \\((\\d+)% of (\\d+)\\)$`));
      expect(printed.length).toBeGreaterThan(0);
      expect(printed.map((m) => [Number(m[1]), Number(m[2]), Number(m[3])])).toEqual(
        polis.consensus[side].map((c) => [c.tid, Math.round(c['p-success'] * 100), c['n-trials']]),
      );
    }
  });

  it('prints a next statement a newcomer may see, the one core picks with the same seed', () => {
    const printed = matches(lines, /^Next for a newcomer: #(\d+) "(.*)"$/);
    expect(printed).toHaveLength(1);
    const id = Number(printed[0]![1]);
    expect(id).toBe(next);
    expect(shown).toContain(id);
    expect(printed[0]![2]).toBe(statements.find((s) => s.id === id)!.text);
  });
});
