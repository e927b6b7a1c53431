import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli } from './runCli.js';

const below100 = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
const meta25 = `${fixtures}polis-math-fixtures/25ptpt-3gp-no-strict-with-meta/`;
const brexit = `${fixtures}open-data/brexit-consensus/`;
const sorted = (ids: unknown[]) => [...ids].map(Number).sort((a, b) => a - b);

/** A scratch folder with copies of some files of a fixture folder. */
function scratch(from: string, files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kuulo-cli-'));
  for (const f of files) copyFileSync(from + f, join(dir, f));
  return dir;
}

describe('kuulo analyze', () => {
  it('--format polis writes Polis math/pca2 JSON with every key Polis writes', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', `${below100}votes.json`, '--format', 'polis']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const ours = JSON.parse(stdout);
    const polis = JSON.parse(readFileSync(`${below100}math-pca2.json`, 'utf8'));
    for (const key of ['n', 'n-cmts', 'tids', 'in-conv', 'mod-out', 'meta-tids', 'user-vote-counts', 'pca', 'base-clusters', 'group-clusters', 'repness', 'consensus', 'group-votes', 'votes-base', 'group-aware-consensus', 'comment-priorities', 'math_tick']) {
      expect(polis).toHaveProperty([key]);
      expect(ours).toHaveProperty([key]);
    }
    expect(Object.keys(ours.pca).sort()).toEqual(Object.keys(polis.pca).sort());
    // Same votes and moderation as Polis saw (comments.json found beside votes.json).
    expect([ours.n, ours['n-cmts']]).toEqual([polis.n, polis['n-cmts']]);
    expect(sorted(ours.tids)).toEqual(sorted(polis.tids));
    expect(sorted(ours['mod-out'])).toEqual(sorted(polis['mod-out']));
    expect(ours['user-vote-counts']).toEqual(polis['user-vote-counts']);
  });

  it('loads meta statements from comments.json and strict moderation from conversation.json', async () => {
    const meta = JSON.parse((await runCli(['analyze', `${meta25}votes.json`])).stdout);
    const polis = JSON.parse(readFileSync(`${meta25}math-pca2.json`, 'utf8'));
    expect(sorted(meta.meta)).toEqual(sorted(polis['meta-tids']));
    expect(meta.options.strictModeration).toBe(false);
    const strict = JSON.parse((await runCli(['analyze', `${below100}votes.json`])).stdout);
    expect(strict.options.strictModeration).toBe(true);
    const overridden = JSON.parse((await runCli(['analyze', `${below100}votes.json`, '--no-strict-moderation'])).stdout);
    expect(overridden.options.strictModeration).toBe(false);
    const bare = JSON.parse((await runCli(['analyze', `${below100}votes.json`, '--no-comments', '--no-conversation'])).stdout);
    expect([bare.modOut, bare.options.strictModeration]).toEqual([[], false]);
  });

  it('--format kuulo (default) on an open-data votes.csv gives groups over every voter', async () => {
    const { code, stdout } = await runCli(['analyze', `${brexit}votes.csv`]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.format).toBe('kuulo-result@1');
    expect(result.participants).toHaveLength(204);
    expect(result.statements).toHaveLength(50);
    expect(result.groups.length).toBeGreaterThanOrEqual(2);
    expect(result.groups.reduce((sum: number, g: { size: number }) => sum + g.size, 0)).toBe(result.inConv.length);
    expect(result.replay).toBeNull();
  });

  it('gives identical bytes for the same seed, and records the seed', async () => {
    const a = await runCli(['analyze', `${brexit}votes.csv`, '--seed', '7']);
    const b = await runCli(['analyze', `${brexit}votes.csv`, '--seed', '7']);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).seed).toBe(7);
    const replayA = await runCli(['analyze', `${below100}votes.json`, '--replay', '--batches', '20', '--format', 'polis']);
    const replayB = await runCli(['analyze', `${below100}votes.json`, '--replay', '--batches', '20', '--format', 'polis']);
    expect(replayA.stdout).toBe(replayB.stdout);
  });

  it('--replay records the protocol: batch size and final restart', async () => {
    const withRestart = JSON.parse((await runCli(['analyze', `${below100}votes.json`, '--replay', '--batch-size', '50'])).stdout);
    expect(withRestart.replay).toMatchObject({ batchSize: 50, finalRestart: true });
    // 504 votes in batches of 50 give 11 updates, plus the restart tick.
    expect(withRestart.tick).toBe(12);
    const without = JSON.parse((await runCli(['analyze', `${below100}votes.json`, '--replay', '--batch-size', '50', '--no-final-restart'])).stdout);
    expect(without.replay).toMatchObject({ batchSize: 50, finalRestart: false });
    expect(without.tick).toBe(11);
  });

  it('--out writes the same bytes to a file and nothing to stdout', async () => {
    const dir = scratch(below100, []);
    const out = join(dir, 'result.json');
    const toFile = await runCli(['analyze', `${below100}votes.json`, '--out', out]);
    const toStdout = await runCli(['analyze', `${below100}votes.json`]);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
  });

  it('a malformed votes.csv exits 1 with one line naming file, line and field', async () => {
    const dir = scratch(brexit, []);
    const path = join(dir, 'votes.csv');
    const lines = readFileSync(`${brexit}votes.csv`, 'utf8').split('\n');
    lines[16] = lines[16]!.replace(/,-?\d$/, ',2');
    writeFileSync(path, lines.join('\n'));
    const { code, stdout, stderr } = await runCli(['analyze', path]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`kuulo: ${path} line 17, field "vote": expected -1, 0 or 1, got "2"\n`);
  });

  it('a truncated votes.json exits 1 naming its last line', async () => {
    const dir = scratch(below100, []);
    const path = join(dir, 'votes.json');
    const text = readFileSync(`${below100}votes.json`, 'utf8');
    writeFileSync(path, text.slice(0, 5000));
    const { code, stderr } = await runCli(['analyze', path]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^kuulo: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line ${text.slice(0, 5000).split('\n').length}: invalid JSON at column \\d+: unexpected end of input \\(file truncated\\?\\)\\n$`));
  });

  it('refuses sign-flipped votes unless told --sign internal', async () => {
    const dir = scratch(brexit, ['comments.csv']);
    const path = join(dir, 'votes.csv');
    const flipped = readFileSync(`${brexit}votes.csv`, 'utf8').replace(/,(-?)1$/gm, (_, minus: string) => (minus ? ',1' : ',-1'));
    writeFileSync(path, flipped);
    const refused = await runCli(['analyze', path]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^kuulo: .*votes\.csv: votes look sign-flipped: statement \d+ has \d+ agrees in .*comments\.csv but \d+ disagrees in .*votes\.csv .*pass --sign internal/);
    const accepted = await runCli(['analyze', path, '--sign', 'internal']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toBe((await runCli(['analyze', `${brexit}votes.csv`])).stdout);
  });

  it('reports missing files and misused flags with exit code 1', async () => {
    const missing = await runCli(['analyze', '/nonexistent/votes.csv']);
    expect([missing.code, missing.stderr]).toEqual([1, 'kuulo: /nonexistent/votes.csv: no such file\n']);
    const seed = await runCli(['analyze', `${brexit}votes.csv`, '--seed', 'abc']);
    expect(seed.code).toBe(1);
    expect(seed.stderr).toMatch(/option '--seed <n>' argument 'abc' is invalid\. expected an integer, got "abc"/);
    const batch = await runCli(['analyze', `${brexit}votes.csv`, '--batch-size', '10']);
    expect([batch.code, batch.stderr]).toEqual([1, 'kuulo: --batch-size, --batches and --batch-ms need --replay\n']);
    const format = await runCli(['analyze', `${brexit}votes.csv`, '--format', 'xml']);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/argument 'xml' is invalid\. Allowed choices are kuulo, polis/);
  });
});
