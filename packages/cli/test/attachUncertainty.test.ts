import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { bootstrap, parsePolisCommentsJson, parsePolisVotesJson, type KuuloResult } from '@kuulo/core';
import { parseCsv } from '../../core/src/load/parseCsv.js';
import { htmlReport } from '../src/htmlReport.js';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const below100 = `${fixtures}polis-math-fixtures/below-100-ptpts/`;
const votesPath = `${below100}votes.json`;
const stable = [votesPath, '--mode', 'stable', '--seed', '3'];

async function analyzeJson(args: string[]): Promise<KuuloResult> {
  const run = await runCli(['analyze', ...args]);
  expect([run.code, run.stderr]).toEqual([0, '']);
  return JSON.parse(run.stdout) as KuuloResult;
}

const readCsv = (path: string) => {
  const { header, rows } = parseCsv(readFileSync(path, 'utf8'), path);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i]!]))) };
};

describe('kuulo analyze --bootstrap N', () => {
  it("attaches core's bootstrap of the same votes and seed, aligned with the result", async () => {
    const plain = await analyzeJson(stable);
    const result = await analyzeJson([...stable, '--bootstrap', '12']);
    const u = result.uncertainty!;
    expect({ ...result, uncertainty: undefined }).toEqual({ ...plain, uncertainty: undefined });
    expect(u.format).toBe('kuulo-uncertainty@1');
    expect([u.resamples, u.seed, u.mode]).toEqual([12, 3, 'stable']);
    expect(u.membershipConfidence).toHaveLength(result.participants.length);
    result.participantGroup.forEach((g, i) => (g === null ? expect(u.membershipConfidence[i]).toBeNull() : expect(u.membershipConfidence[i]).not.toBeNull()));
    expect(u.groups.map((g) => g.id)).toEqual(result.groups.map((g) => g.id));
    expect(u.ari).toHaveLength(12);
    expect(u.repness).toHaveLength(result.groups.reduce((n, g) => n + g.repness.length, 0));
    expect(u.consensus).toHaveLength(result.consensus.agree.length + result.consensus.disagree.length);
    expect(u.bridging!.low).toHaveLength(result.statements.length);

    // The same numbers as calling core directly on the file's votes.
    const votes = parsePolisVotesJson(readFileSync(votesPath, 'utf8'));
    const moderation = parsePolisCommentsJson(readFileSync(`${below100}comments.json`, 'utf8')).moderation;
    expect(u).toEqual(bootstrap({ votes, moderation, options: plain.options }, { resamples: 12, reference: plain }));
    // And the same bytes every time.
    expect((await runCli(['analyze', ...stable, '--bootstrap', '12'])).stdout).toBe(`${JSON.stringify(result)}\n`);
  });

  it('reports progress per tenth of the resamples on a terminal, nothing with --quiet', async () => {
    const shown = await runCli(['analyze', ...stable, '--bootstrap', '10'], { tty: true });
    expect(shown.stderr.trimEnd().split('\n')).toEqual(Array.from({ length: 10 }, (_, i) => `bootstrap resamples: ${(i + 1) * 10}% (${i + 1} of 10)`));
    const quiet = await runCli(['analyze', ...stable, '--bootstrap', '10', '--quiet'], { tty: true });
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
  });

  it('works after --replay in Polis mode (each resample one cold update), and refuses --format polis', async () => {
    const result = await analyzeJson([votesPath, '--replay', '--batches', '10', '--bootstrap', '6']);
    expect(result.replay!.ticks).toBeGreaterThan(1);
    expect(result.uncertainty!.mode).toBe('polis');
    expect(result.uncertainty!.membershipConfidence).toHaveLength(result.participants.length);
    expect(result.uncertainty!.groups.map((g) => g.id)).toEqual(result.groups.map((g) => g.id));
    expect(result.uncertainty!.bridging).toBeNull();
    const polis = await runCli(['analyze', votesPath, '--format', 'polis', '--bootstrap', '5']);
    expect(polis.code).toBe(1);
    expect(polis.stderr).toBe("kuulo: --bootstrap adds uncertainty, which Polis's math JSON has no place for: use --format kuulo, html or csv\n");
    const bad = await runCli(['analyze', votesPath, '--bootstrap', '0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('expected a positive integer, got "0"');
  });

  it('--format csv adds membership-confidence to participants.csv and bridging with its interval to statements.csv', async () => {
    const dir = scratch(below100, []);
    const run = await runCli(['analyze', ...stable, '--bootstrap', '8', '--format', 'csv', '--out-dir', join(dir, 'out')]);
    expect(run.code).toBe(0);
    const result = await analyzeJson([...stable, '--bootstrap', '8']);
    const participants = readCsv(join(dir, 'out', 'participants.csv'));
    expect(participants.header.at(-1)).toBe('membership-confidence');
    expect(participants.rows.map((r) => (r['membership-confidence'] === '' ? null : Number(r['membership-confidence'])))).toEqual(result.uncertainty!.membershipConfidence);
    const statements = readCsv(join(dir, 'out', 'statements.csv'));
    expect(statements.header.slice(-3)).toEqual(['bridging', 'bridging-low', 'bridging-high']);
    const column = (name: string) => statements.rows.map((r) => (r[name] === '' ? null : Number(r[name])));
    expect(column('bridging')).toEqual(result.bridging);
    expect(column('bridging-low')).toEqual(result.uncertainty!.bridging!.low);
    expect(column('bridging-high')).toEqual(result.uncertainty!.bridging!.high);
  });
});

describe('kuulo analyze --bootstrap --format html', () => {
  it('shows stability per group, confidence, not-robust flags and bridging beside group-aware consensus', async () => {
    const args = [...stable, '--bootstrap', '12'];
    const html = await runCli(['analyze', ...args, '--format', 'html']);
    expect([html.code, html.stderr]).toEqual([0, '']);
    const doc = new JSDOM(html.stdout).window.document;
    const result = await analyzeJson(args);
    const u = result.uncertainty!;

    const sections = [...doc.querySelectorAll('main > section')].map((s) => s.id);
    expect(sections).toEqual(['overview', 'map', 'uncertainty', 'groups', 'consensus', 'bridging', 'conflict', 'statements', 'method']);
    expect(doc.querySelector('#overview')!.textContent).toContain(`Bootstrap resamples${u.resamples}`);
    const measured = u.membershipConfidence.filter((c) => c !== null);
    const confident = measured.filter((c) => c! >= 0.9).length;
    expect(doc.querySelector('#overview')!.textContent).toContain(`Members with confidence ≥ 0.9 (${confident} of ${measured.length})${Math.round((100 * confident) / measured.length)}%`);

    // One stability row per group, unstable exactly below 0.75.
    const stability = [...doc.querySelectorAll('table#stability > tbody > tr')];
    expect(stability.map((r) => Number(r.getAttribute('data-group')))).toEqual(result.groups.map((g) => g.id));
    stability.forEach((row, i) => {
      const s = u.groups[i]!.stability;
      expect(row.children[2]!.textContent).toBe(s.toFixed(2));
      expect(row.classList.contains('unstable')).toBe(s < 0.75);
      expect(row.children[3]!.textContent!.startsWith('unstable')).toBe(s < 0.75);
    });

    // Representative and consensus statements: the flag sits exactly on the ones that are not robust.
    const flagged: boolean[] = [];
    for (const g of result.groups) {
      [...doc.querySelectorAll(`table#repness-${g.id} > tbody > tr`)].forEach((row, k) => {
        const e = u.repness.find((r) => r.group === g.id && r.statement === g.repness[k]!.statement && r.repfulFor === g.repness[k]!.repfulFor)!;
        const cell = row.lastElementChild!;
        expect(cell.textContent).toBe(`${e.robust ? '' : '⚠ '}${e.robust ? 'yes' : 'no'} (${Math.round(100 * e.support)}%)`);
        expect(cell.classList.contains('not-robust')).toBe(!e.robust);
        flagged.push(!e.robust);
      });
    }
    for (const side of ['agree', 'disagree'] as const) {
      [...doc.querySelectorAll(`table#consensus-${side} > tbody > tr`)].forEach((row, k) => {
        const e = u.consensus.find((c) => c.side === side && c.statement === result.consensus[side][k]!.statement)!;
        expect(row.lastElementChild!.classList.contains('not-robust')).toBe(!e.robust);
        flagged.push(!e.robust);
      });
    }
    expect(flagged.some(Boolean)).toBe(true);
    expect(flagged.every(Boolean)).toBe(false);

    // Bridging beside group-aware consensus: a chart and a table ranked by bridging.
    expect(doc.querySelector('#bridging svg.kuulo-bridging-chart')).not.toBeNull();
    const bridging = [...doc.querySelectorAll('table#bridging-table > tbody > tr')];
    expect(bridging.length).toBe(10);
    const scores = bridging.map((r) => Number(r.children[2]!.textContent));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    bridging.forEach((row) => {
      const j = result.statements.findIndex((s) => String(s) === row.getAttribute('data-statement'));
      expect(Number(row.children[2]!.textContent)).toBeCloseTo(result.bridging![j]!, 3);
      expect(Number(row.children[4]!.textContent)).toBeCloseTo(u.bridging!.low[j]!, 3);
      expect(Number(row.children[6]!.textContent)).toBeCloseTo(result.groupAwareConsensus[j]!, 4);
    });
    // The map fades and dashes; the panel and consensus chart carry the markers too.
    expect(doc.querySelectorAll('#map svg circle[opacity]').length).toBe(measured.length);
    expect(doc.querySelectorAll('#groups svg text.kuulo-flag').length).toBe(u.repness.filter((e) => !e.robust).length);

    // The command line in the report reproduces the result, bootstrap included.
    const command = doc.querySelector('#method pre')!.textContent!.split(' ');
    expect(command).toContain('--bootstrap');
    const again = await runCli([...command.slice(1).filter((a, i, all) => a !== '--format' && all[i - 1] !== '--format'), '--format', 'kuulo']);
    expect(JSON.parse(again.stdout)).toEqual(result);
  });

  it('escapes statement text in every new table and chart', async () => {
    const result = await analyzeJson([...stable, '--bootstrap', '6']);
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const rows = result.statements.map((statement, j) => ({
      statement,
      text: `${hostile} #${statement}`,
      lang: null,
      translations: {},
      moderation: 0 as const,
      meta: false,
      overall: { agree: 1, disagree: 0, pass: 0 },
      groups: result.groups.map((g) => ({ agree: g.tallies.agree[j]!, disagree: g.tallies.disagree[j]!, pass: g.tallies.seen[j]! - g.tallies.agree[j]! - g.tallies.disagree[j]! })),
      groupAwareConsensus: result.groupAwareConsensus[j]!,
      extremity: result.pca.statementExtremity[j]!,
      priority: result.priorities[j]!,
    }));
    const source = { votesPath, votes: 1, bytes: 1, sha256: '0'.repeat(64), commentsPath: null, conversationPath: null, sign: 'export' as const };
    const html = htmlReport(result, { rows, source, createDocument: () => new JSDOM('').window.document, version: 'test' });
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    const doc = new JSDOM(html).window.document;
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    for (const where of ['table#bridging-table', '#bridging svg', '#groups svg', '#consensus svg']) expect(doc.querySelector(where)!.textContent).toContain(hostile);
  });
});
