import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolisCommentsCsv, parsePolisParticipantsVotesCsv, type KuuloResult } from '@kuulo/core';
import { parseCsv } from '../../core/src/load/parseCsv.js';
import { fixtures, runCli } from './runCli.js';
import { scratch } from './scratch.js';

const brexit = `${fixtures}open-data/brexit-consensus/`;

/** A CSV file as objects keyed by header (parsed with core's RFC 4180 reader, not ours). */
function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const { header, rows } = parseCsv(readFileSync(path, 'utf8'), path);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i]!]))) };
}

async function analyzeCsv(dir: string, votes: string): Promise<{ result: KuuloResult; participants: ReturnType<typeof readCsv>; statements: ReturnType<typeof readCsv> }> {
  const out = await runCli(['analyze', votes, '--format', 'csv', '--out-dir', join(dir, 'out')]);
  expect([out.code, out.stdout, out.stderr]).toEqual([0, '', '']);
  const result = JSON.parse((await runCli(['analyze', votes])).stdout) as KuuloResult;
  return { result, participants: readCsv(join(dir, 'out', 'participants.csv')), statements: readCsv(join(dir, 'out', 'statements.csv')) };
}

describe('kuulo analyze --format csv', () => {
  it('participants.csv has every participant with group, position, votes and in-conv', async () => {
    const { result, participants } = await analyzeCsv(scratch(brexit, []), `${brexit}votes.csv`);
    expect(participants.header).toEqual(['participant', 'group', 'group-label', 'x', 'y', 'n-votes', 'in-conv']);
    expect(participants.rows).toHaveLength(204);
    expect(participants.rows.map((r) => Number(r.participant))).toEqual(result.participants);
    expect(participants.rows.map((r) => (r.group === '' ? null : Number(r.group)))).toEqual(result.participantGroup);
    // Shortest round-trip decimals: the coordinates come back bit for bit, minus signs unprefixed.
    expect(participants.rows.map((r) => Number(r.x))).toEqual(result.participantProjection.x);
    expect(participants.rows.some((r) => r.x!.startsWith('-'))).toBe(true);
    expect(participants.rows.map((r) => Number(r['n-votes']))).toEqual(result.voteCounts);
    expect(participants.rows.filter((r) => r['in-conv'] === '1').map((r) => Number(r.participant)).sort((a, b) => a - b)).toEqual([...result.inConv].map(Number).sort((a, b) => a - b));
    const labels = new Map(result.groups.map((g) => [String(g.id), g.label]));
    for (const r of participants.rows) expect(r['group-label']).toBe(r.group === '' ? '' : labels.get(r.group!));
  });

  it('statements.csv: overall tallies match Polis participants-votes.csv, group tallies match the result', async () => {
    const { result, statements } = await analyzeCsv(scratch(brexit, []), `${brexit}votes.csv`);
    const groupColumns = result.groups.flatMap((g) => [`group-${g.id}-agree`, `group-${g.id}-disagree`, `group-${g.id}-pass`]);
    expect(statements.header).toEqual(['statement', 'text', 'moderation', 'is-meta', 'agree', 'disagree', 'pass', ...groupColumns, 'group-aware-consensus', 'extremity', 'priority']);
    expect(statements.rows.map((r) => Number(r.statement))).toEqual(result.statements);

    // Polis's participants-votes.csv holds each participant's latest vote: an independent tally.
    const polis = parsePolisParticipantsVotesCsv(readFileSync(`${brexit}participants-votes.csv`, 'utf8'));
    const comments = parsePolisCommentsCsv(readFileSync(`${brexit}comments.csv`, 'utf8'));
    statements.rows.forEach((row, j) => {
      const column = polis.statements.indexOf(Number(row.statement));
      const votes = polis.participants.map((p) => p.votes[column]);
      expect([row.agree, row.disagree, row.pass].map(Number)).toEqual([1, -1, 0].map((v) => votes.filter((x) => x === v).length));
      const text = comments.statements.find((s) => String(s.id) === row.statement)!.text;
      expect(row.text).toBe(text);
      result.groups.forEach((g) => {
        const [a, d, p] = ['agree', 'disagree', 'pass'].map((v) => Number(row[`group-${g.id}-${v}`]));
        expect([a, d, a! + d! + p!]).toEqual([g.tallies.agree[j], g.tallies.disagree[j], g.tallies.seen[j]]);
      });
      expect(Number(row['group-aware-consensus'])).toBe(result.groupAwareConsensus[j]);
      expect(Number(row.extremity)).toBe(result.pca.statementExtremity[j]);
      expect(Number(row.priority)).toBe(result.priorities[j]);
      expect(row.moderation).toBe(String(comments.statements.find((s) => String(s.id) === row.statement)!.moderation));
    });
  });

  it("prefixes text cells a spreadsheet would run as a formula with ', keeping quotes and commas intact", async () => {
    const dir = scratch(brexit, ['votes.csv']);
    const texts: Record<string, string> = {
      '0': '=HYPERLINK("http://evil.example","click")',
      '1': '+1, says "everyone"',
      '2': '-2 is not a number here',
      '3': '@SUM(A1:A9)',
      '4': 'line one\nline two',
    };
    const original = readFileSync(`${brexit}comments.csv`, 'utf8');
    const { header, rows } = parseCsv(original, 'comments.csv');
    const body = header.indexOf('comment-body');
    const id = header.indexOf('comment-id');
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = [header.join(','), ...rows.map((r) => r.fields.map((f, i) => quote(i === body && texts[r.fields[id]!] !== undefined ? texts[r.fields[id]!]! : f)).join(','))];
    writeFileSync(join(dir, 'comments.csv'), `${lines.join('\n')}\n`);
    const { statements } = await analyzeCsv(dir, join(dir, 'votes.csv'));
    const textOf = (tid: string) => statements.rows.find((r) => r.statement === tid)!.text;
    for (const tid of ['0', '1', '2', '3']) expect(textOf(tid)).toBe(`'${texts[tid]}`);
    expect(textOf('4')).toBe(texts['4']);
    expect(textOf('5')).not.toMatch(/^'/);
  });

  it('--out is a prefix of both file names; csv needs --out or --out-dir', async () => {
    const dir = scratch(brexit, []);
    const ok = await runCli(['analyze', `${brexit}votes.csv`, '--format', 'csv', '--out', join(dir, 'brexit')]);
    expect(ok.code).toBe(0);
    expect(['brexit-participants.csv', 'brexit-statements.csv'].map((f) => existsSync(join(dir, f)))).toEqual([true, true]);
    const missing = await runCli(['analyze', `${brexit}votes.csv`, '--format', 'csv']);
    expect([missing.code, missing.stderr]).toEqual([1, 'kuulo: --format csv writes participants.csv and statements.csv: give --out-dir <folder> or --out <prefix>\n']);
    const both = await runCli(['analyze', `${brexit}votes.csv`, '--out', 'x', '--out-dir', 'y']);
    expect([both.code, both.stderr]).toEqual([1, 'kuulo: give --out or --out-dir, not both\n']);
  });
});
