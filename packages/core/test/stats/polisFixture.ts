// Reads the Polis math fixtures (real conversations plus Polis's own `math/pca2` output, CC BY 4.0) for golden
// tests of the statistics stages: the vote matrix straight from votes.json, and groups taken from Polis's output.

import { readFileSync } from 'node:fs';
import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';
import type { Tallies } from '../../src/stats/tallies.js';

export const polisFixtureNames = ['below-100-ptpts', '25ptpt-3gp-no-strict-with-meta', '50ptpt-3gp-strict-no-meta'] as const;
export type PolisFixtureName = (typeof polisFixtureNames)[number];

const fixtureDir = (name: string): URL => new URL(`../fixtures/polis-math-fixtures/${name}/`, import.meta.url);

export interface PolisTally {
  A: number;
  D: number;
  S: number;
}

export interface PolisRepnessEntry {
  tid: number;
  'n-success': number;
  'n-trials': number;
  'p-success': number;
  'p-test': number;
  repness: number;
  'repness-test': number;
  'repful-for': 'agree' | 'disagree';
  'n-agree'?: number;
  'best-agree'?: boolean;
}

export interface PolisConsensusEntry {
  tid: number;
  'n-success': number;
  'n-trials': number;
  'p-success': number;
  'p-test': number;
}

/** The parts of Polis's `math/pca2` output these tests read (internal sign: agree = −1). */
export interface PolisMath {
  n: number;
  tids: number[];
  'in-conv': number[];
  'mod-out': number[];
  'meta-tids': number[];
  'user-vote-counts': Record<string, number>;
  pca: { center: number[]; 'comment-extremity': number[] };
  'base-clusters': { id: number[]; members: number[][] };
  'group-clusters': { id: number; members: number[] }[];
  'group-votes': Record<string, { 'n-members': number; votes: Record<string, PolisTally>; id: number }>;
  repness: Record<string, PolisRepnessEntry[]>;
  consensus: { agree: PolisConsensusEntry[]; disagree: PolisConsensusEntry[] };
  'group-aware-consensus': Record<string, number>;
  'comment-priorities': Record<string, number>;
}

/** One vote in Polis's internal sign (agree = −1, disagree = +1, pass = 0). */
export interface FixtureVote {
  pid: number;
  tid: number;
  vote: -1 | 0 | 1;
  modified: number;
}

export function readPolisMath(name: PolisFixtureName): PolisMath {
  return JSON.parse(readFileSync(new URL('math-pca2.json', fixtureDir(name)), 'utf8')) as PolisMath;
}

/**
 * The fixture's votes with the latest `modified` kept per (pid, tid), negated to Polis's internal sign (the files
 * use agree = +1). Accepts both field spellings (pid/tid, participant_id/statement_id) and string numbers.
 */
export function readFixtureVotes(name: PolisFixtureName): FixtureVote[] {
  const where = `polis-math-fixtures/${name}/votes.json`;
  const raw = JSON.parse(readFileSync(new URL('votes.json', fixtureDir(name)), 'utf8')) as Record<string, unknown>[];
  const latest = new Map<string, FixtureVote>();
  raw.forEach((record, i) => {
    const pid = Number(record.pid ?? record.participant_id);
    const tid = Number(record.tid ?? record.statement_id);
    const vote = -Number(record.vote);
    const modified = Number(record.modified);
    if (!Number.isInteger(pid) || !Number.isInteger(tid)) throw new Error(`${where}[${i}]: pid/tid must be integers, got ${String(record.pid ?? record.participant_id)}/${String(record.tid ?? record.statement_id)}`);
    if (vote !== -1 && vote !== 0 && vote !== 1) throw new Error(`${where}[${i}]: vote must be -1, 0 or 1, got ${String(record.vote)}`);
    if (!Number.isFinite(modified)) throw new Error(`${where}[${i}]: modified must be a number, got ${String(record.modified)}`);
    const key = `${pid}:${tid}`;
    const previous = latest.get(key);
    if (previous === undefined || modified >= previous.modified) latest.set(key, { pid, tid, vote: (vote === 0 ? 0 : vote) as -1 | 0 | 1, modified });
  });
  return [...latest.values()];
}

/**
 * CSR matrix of the votes with columns in `tids` order and rows in Polis's reload order (pids by first appearance
 * in (tid, pid) order). Row order does not change any tally; it is fixed so results are reproducible.
 */
export function fixtureMatrix(votes: readonly FixtureVote[], tids: readonly number[]): { matrix: CsrMatrix; pids: number[] } {
  const colOf = new Map(tids.map((tid, j) => [tid, j]));
  const sorted = [...votes].sort((x, y) => x.tid - y.tid || x.pid - y.pid);
  const rowOf = new Map<number, number>();
  for (const v of sorted) {
    if (!colOf.has(v.tid)) throw new Error(`fixtureMatrix: vote on tid ${v.tid}, which is not in the fixture's tids`);
    if (!rowOf.has(v.pid)) rowOf.set(v.pid, rowOf.size);
  }
  const pids = [...rowOf.keys()];
  const rows: [number, number][][] = pids.map(() => []);
  for (const v of sorted) rows[rowOf.get(v.pid)!]!.push([colOf.get(v.tid)!, v.vote]);
  const rowPtr = new Int32Array(pids.length + 1);
  const colIdx = new Int32Array(sorted.length);
  const values = new Int8Array(sorted.length);
  let k = 0;
  rows.forEach((cells, r) => {
    cells.sort((x, y) => x[0] - y[0]);
    for (const [j, v] of cells) (colIdx[k] = j), (values[k++] = v);
    rowPtr[r + 1] = k;
  });
  return { matrix: { nRows: pids.length, nCols: tids.length, rowPtr, colIdx, values }, pids };
}

/**
 * Each row's group index from Polis's own clustering: pid → base cluster (`base-clusters.members`) → group
 * (`group-clusters[].members` lists base ids). Groups are indexed in ascending gid order; −1 = not in a group.
 */
export function fixtureRowGroups(math: PolisMath, pids: readonly number[]): { rowGroup: Int32Array; gids: number[] } {
  const groups = [...math['group-clusters']].sort((x, y) => x.id - y.id);
  const groupOfBase = new Map<number, number>();
  groups.forEach((group, g) => group.members.forEach((bid) => groupOfBase.set(bid, g)));
  const groupOfPid = new Map<number, number>();
  math['base-clusters'].id.forEach((bid, b) => {
    for (const pid of math['base-clusters'].members[b]!) groupOfPid.set(pid, groupOfBase.get(bid) ?? -1);
  });
  return { rowGroup: Int32Array.from(pids, (pid) => groupOfPid.get(pid) ?? -1), gids: groups.map((group) => group.id) };
}

/** 1 for each of `tids` that is in `members`. */
export function tidMask(tids: readonly number[], members: readonly number[]): Uint8Array {
  const set = new Set(members);
  return Uint8Array.from(tids, (tid) => (set.has(tid) ? 1 : 0));
}

/** Polis's own `group-votes` as tallies: groups in ascending gid order, columns in `tids` order. */
export function polisGroupVotes(math: PolisMath): Tallies {
  const gids = Object.keys(math['group-votes']).map(Number).sort((x, y) => x - y);
  const nCols = math.tids.length;
  const tallies: Tallies = {
    nGroups: gids.length,
    nCols,
    agree: new Int32Array(gids.length * nCols),
    disagree: new Int32Array(gids.length * nCols),
    seen: new Int32Array(gids.length * nCols),
  };
  gids.forEach((gid, g) => {
    const votes = math['group-votes'][String(gid)]!.votes;
    math.tids.forEach((tid, j) => {
      const tally = votes[String(tid)] ?? { A: 0, D: 0, S: 0 };
      tallies.agree[g * nCols + j] = tally.A;
      tallies.disagree[g * nCols + j] = tally.D;
      tallies.seen[g * nCols + j] = tally.S;
    });
  });
  return tallies;
}

/** Everything a stats golden test needs for one fixture. */
export function loadStatsFixture(name: PolisFixtureName) {
  const math = readPolisMath(name);
  const votes = readFixtureVotes(name);
  const { matrix, pids } = fixtureMatrix(votes, math.tids);
  const { rowGroup, gids } = fixtureRowGroups(math, pids);
  return {
    name,
    math,
    votes,
    matrix,
    pids,
    rowGroup,
    gids,
    modOut: tidMask(math.tids, math['mod-out']),
    meta: tidMask(math.tids, math['meta-tids']),
  };
}
