import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StatementModeration, Vote } from '../../src/types.js';

/** The three Polis math fixtures (real conversations with Polis's own math output). */
export const polisFixtureNames = ['below-100-ptpts', '25ptpt-3gp-no-strict-with-meta', '50ptpt-3gp-strict-no-meta'] as const;

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface PolisMathJson {
  n: number;
  'n-cmts': number;
  tids: number[];
  'in-conv': number[];
  'mod-out': number[];
  'mod-in': number[];
  'meta-tids': number[];
  'user-vote-counts': Record<string, number>;
  pca: { center: number[]; comps: number[][]; 'comment-projection': number[][]; 'comment-extremity': number[] };
  'base-clusters': { id: number[]; members: number[][]; x: number[]; y: number[]; count: number[] };
  'group-clusters': { id: number; members: number[]; center: [number, number] }[];
  [key: string]: unknown;
}

export interface PolisFixture {
  name: string;
  /** Votes in the public sign (agree = +1), sorted the way Polis reloads them: (tid, pid, time). */
  votes: Vote[];
  moderation: StatementModeration[];
  strictModeration: boolean;
  math: PolisMathJson;
}

const num = (x: unknown): number => Number(x);

/** Reads a fixture folder; the latest-vote-wins rule is left to the store. */
export function readPolisFixture(name: string): PolisFixture {
  const dir = `${fixturesDir}polis-math-fixtures/${name}/`;
  const read = (file: string): unknown => JSON.parse(readFileSync(dir + file, 'utf8'));
  const rawVotes = read('votes.json') as Record<string, unknown>[];
  const votes: Vote[] = rawVotes.map((v) => ({
    participant: num(v.pid ?? v.participant_id),
    statement: num(v.tid ?? v.statement_id),
    vote: num(v.vote) as Vote['vote'],
    time: num(v.modified),
  }));
  votes.sort((a, b) => num(a.statement) - num(b.statement) || num(a.participant) - num(b.participant) || a.time! - b.time!);
  const comments = read('comments.json') as Record<string, unknown>[];
  const moderation = comments.map((c) => ({
    statement: num(c.tid ?? c.statement_id),
    moderation: num(c.mod ?? c.moderated) as StatementModeration['moderation'],
    isMeta: Boolean(c.is_meta),
  }));
  const conversation = read('conversation.json') as { strict_moderation?: boolean };
  return { name, votes, moderation, strictModeration: Boolean(conversation.strict_moderation), math: read('math-pca2.json') as PolisMathJson };
}

/** Cosine of the angle between two vectors. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Largest absolute difference between two equal-length vectors. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/**
 * The 50ptpt fixture's export lacks the votes of participants whose Polis `user-vote-counts` exceed
 * what the export holds (pid 50: 4 votes). Each missing vote is the unique value v ∈ {agree, pass,
 * disagree} that turns our column mean into Polis's exact `pca.center` (votes on moderated-out
 * statements cannot be seen this way); this recovers them so the whole pipeline can be compared. Throws unless the recovery is unambiguous and complete.
 */
export function recoverMissingVotes(fx: PolisFixture): { fixture: PolisFixture; recovered: Vote[] } {
  const latest = new Map<string, Vote>();
  for (const v of fx.votes) {
    const key = `${v.participant}|${v.statement}`;
    const prev = latest.get(key);
    if (!prev || v.time! >= prev.time!) latest.set(key, v);
  }
  const perParticipant = new Map<number, number>();
  const sum = new Map<number, number>();
  const count = new Map<number, number>();
  for (const v of latest.values()) {
    perParticipant.set(v.participant as number, (perParticipant.get(v.participant as number) ?? 0) + 1);
    sum.set(v.statement as number, (sum.get(v.statement as number) ?? 0) - v.vote); // internal sign
    count.set(v.statement as number, (count.get(v.statement as number) ?? 0) + 1);
  }
  const missing = Object.entries(fx.math['user-vote-counts'])
    .map(([pid, n]) => ({ pid: Number(pid), n: n - (perParticipant.get(Number(pid)) ?? 0) }))
    .filter((x) => x.n > 0);
  if (missing.length === 0) return { fixture: fx, recovered: [] };
  if (missing.length > 1) throw new Error(`cannot recover votes of several participants: ${JSON.stringify(missing)}`);
  const { pid, n } = missing[0]!;
  // Polis numbers participants as they join: place the votes just before the next participant's first.
  const nextJoin = Math.min(...fx.votes.filter((v) => (v.participant as number) > pid).map((v) => v.time!), fx.math.lastVoteTimestamp as number);
  const recovered: Vote[] = [];
  const modOut = new Set(fx.math['mod-out']);
  fx.math.tids.forEach((tid, j) => {
    // Polis zeroes moderated-out columns, so their centre says nothing about votes.
    if (modOut.has(tid)) return;
    const center = fx.math.pca.center[j]!;
    const s = sum.get(tid) ?? 0;
    const c = count.get(tid) ?? 0;
    if (c > 0 && Math.abs(s / c - center) < 1e-12) return;
    const fits = [-1, 0, 1].filter((v) => Math.abs((s + v) / (c + 1) - center) < 1e-12);
    if (fits.length !== 1) throw new Error(`statement ${tid}: ${fits.length} votes fit Polis's centre`);
    recovered.push({ participant: pid, statement: tid, vote: -fits[0]! as Vote['vote'], time: nextJoin - 1 });
  });
  if (recovered.length !== n) throw new Error(`recovered ${recovered.length} votes of participant ${pid}, expected ${n}`);
  const votes = [...fx.votes, ...recovered].sort(
    (a, b) => num(a.statement) - num(b.statement) || num(a.participant) - num(b.participant) || a.time! - b.time!,
  );
  return { fixture: { ...fx, votes }, recovered };
}
