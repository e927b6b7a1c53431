import { lcg } from '../../packages/core/src/random/lcg.js';
import { normalDraws, voteCounts } from './voteCounts.js';

export interface SyntheticOptions {
  /** Participants (rows). Default 10000. */
  participants?: number;
  /** Statements (columns). Default 500. */
  comments?: number;
  /** Target share of the participants × statements cells that hold a vote. Default 0.1. */
  density?: number;
  /** Planted opinion groups. Default 3. */
  groups?: number;
  /** Seed of every random draw. Default 1. */
  seed?: number;
  /** Chance that an agree/disagree vote goes against the participant's group. Default 0.2. */
  noise?: number;
  /** Chance that a vote is a pass. Default 0.1. */
  passRate?: number;
  /** Share of statements planted as common ground (every group tends to agree). Default 0.05. */
  commonGround?: number;
  /** Spread (log-normal sigma) of votes per participant: most vote a little, a few vote on hundreds. Default 1.2. */
  tail?: number;
  /** Share of statements open from the start; the rest arrive at uniform times. Default 0.1. */
  initialStatements?: number;
  /** Time of the first vote, ms since the epoch. Default 1.7e12 (Nov 2023). */
  startTime?: number;
  /** Length of the conversation in ms. Default 14 days. */
  durationMs?: number;
}

export type ResolvedSyntheticOptions = Required<SyntheticOptions>;

export const defaultSyntheticOptions: ResolvedSyntheticOptions = {
  participants: 10000,
  comments: 500,
  density: 0.1,
  groups: 3,
  seed: 1,
  noise: 0.2,
  passRate: 0.1,
  commonGround: 0.05,
  tail: 1.2,
  initialStatements: 0.1,
  startTime: 1.7e12,
  durationMs: 14 * 24 * 3600 * 1000,
};

/**
 * A generated conversation as columns, one entry per vote (public sign: agree = +1), plus the truth
 * it was planted with. Participant and statement ids are 0-based indices; participants are numbered
 * in arrival order and statements in creation order.
 */
export interface SyntheticConversation {
  options: ResolvedSyntheticOptions;
  participant: Int32Array;
  statement: Int32Array;
  vote: Int8Array;
  time: Float64Array;
  /** Creation time of each statement (ms). */
  statementTime: Float64Array;
  /** Participant who wrote each statement (the latest arrival before it, or 0). */
  statementAuthor: Int32Array;
  truth: {
    /** Planted group of each participant. */
    group: Int32Array;
    /** Planted common-ground statement ids, ascending. */
    commonGround: Int32Array;
    /** Planted stance per group and statement, row-major groups × statements: +1, −1 or 0 (group split). */
    stance: Int8Array;
  };
}

const secondsPerVote = 5000;

/**
 * Generate a conversation with planted opinion groups, deterministically from `options.seed`.
 *
 * Each participant belongs to one of G groups (unequal sizes, weight 1/(1 + g/2)), arrives at a
 * uniform time and votes in one session on a heavy-tailed number of the statements open by then,
 * chosen uniformly; so later statements collect fewer votes. A vote is a pass with `passRate`,
 * otherwise the group's stance on the statement, flipped with probability `noise`; a split stance
 * (0) is a coin toss. Common-ground statements have stance +1 in every group.
 */
export function generateConversation(options: SyntheticOptions = {}): SyntheticConversation {
  const o = resolveSyntheticOptions(options);
  const random = lcg(o.seed);
  const n = o.participants;
  const m = o.comments;
  const g = o.groups;

  // Statement creation times: an initial batch at the start, the rest uniform over the conversation.
  const initial = Math.min(m, Math.max(1, Math.round(o.initialStatements * m)));
  const statementTime = sortedUniform(random, m, o.startTime, o.durationMs);
  statementTime.fill(o.startTime, 0, initial);
  const arrival = sortedUniform(random, n, o.startTime, o.durationMs);
  const available = new Int32Array(n);
  for (let i = 0, open = initial; i < n; i++) {
    while (open < m && statementTime[open]! <= arrival[i]!) open++;
    available[i] = open;
  }
  const statementAuthor = new Int32Array(m);
  for (let j = 0, i = 0; j < m; j++) {
    while (i + 1 < n && arrival[i + 1]! <= statementTime[j]!) i++;
    statementAuthor[j] = i;
  }

  const group = plantGroups(random, n, g);
  const commonGround = pickSubset(random, m, Math.max(1, Math.round(o.commonGround * m)));
  const isCommon = new Uint8Array(m);
  for (const j of commonGround) isCommon[j] = 1;
  const stance = new Int8Array(g * m);
  for (let k = 0; k < g; k++) {
    for (let j = 0; j < m; j++) {
      const u = random();
      stance[k * m + j] = isCommon[j] ? 1 : u < 0.2 ? 0 : u < 0.6 ? 1 : -1;
    }
  }

  const counts = voteCounts(normalDraws(random, n), available, o.tail, o.density * n * m);
  let total = 0;
  for (const c of counts) total += c;
  const participant = new Int32Array(total);
  const statement = new Int32Array(total);
  const vote = new Int8Array(total);
  const time = new Float64Array(total);

  // Sampling without replacement: rejection against a stamp for small k, else a partial shuffle of
  // the open prefix (open statements only grow with arrival order, so the prefix stays a permutation).
  const perm = new Int32Array(m);
  for (let j = 0; j < m; j++) perm[j] = j;
  const stamp = new Int32Array(m);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const k = counts[i]!;
    const open = available[i]!;
    const row = group[i]! * m;
    for (let v = 0; v < k; v++) {
      let j: number;
      if (2 * k <= open) {
        do j = Math.floor(random() * open);
        while (stamp[j] === i + 1);
        stamp[j] = i + 1;
      } else {
        const r = v + Math.floor(random() * (open - v));
        j = perm[r]!;
        perm[r] = perm[v]!;
        perm[v] = j;
      }
      const u = random();
      const s = stance[row + j]!;
      const side = s === 0 ? (random() < 0.5 ? 1 : -1) : random() < o.noise ? -s : s;
      participant[at] = i;
      statement[at] = j;
      vote[at] = u < o.passRate ? 0 : side;
      time[at] = Math.floor(arrival[i]!) + v * secondsPerVote;
      at++;
    }
  }
  return { options: o, participant, statement, vote, time, statementTime, statementAuthor, truth: { group, commonGround, stance } };
}

/** Options with defaults; rejects values outside their range, naming the option and value. */
export function resolveSyntheticOptions(options: SyntheticOptions): ResolvedSyntheticOptions {
  const o = { ...defaultSyntheticOptions };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(key in defaultSyntheticOptions)) throw new TypeError(`unknown synthetic option: ${key}`);
    (o as Record<string, unknown>)[key] = value;
  }
  for (const key of ['participants', 'comments', 'groups'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`synthetic option ${key} must be a positive integer, got ${o[key]}`);
  }
  for (const key of ['density', 'noise', 'passRate', 'commonGround', 'initialStatements'] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) throw new RangeError(`synthetic option ${key} must be in [0, 1], got ${o[key]}`);
  }
  if (!(o.density > 0)) throw new RangeError(`synthetic option density must be > 0, got ${o.density}`);
  if (!(o.tail >= 0)) throw new RangeError(`synthetic option tail must be ≥ 0, got ${o.tail}`);
  if (!Number.isInteger(o.seed)) throw new RangeError(`synthetic option seed must be an integer, got ${o.seed}`);
  if (o.participants * o.comments * o.density > 1.5e9) {
    throw new RangeError(`synthetic conversation too large: ${o.participants} × ${o.comments} × ${o.density} votes exceeds 1.5e9`);
  }
  return o;
}

/** `count` uniform times in [start, start + duration), ascending. */
function sortedUniform(random: () => number, count: number, start: number, duration: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = start + random() * duration;
  return out.sort();
}

/** Relative size of each planted group, 1/(1 + g/2), so groups differ in size (not normalised). */
export function plantedGroupWeights(groups: number): Float64Array {
  return Float64Array.from({ length: groups }, (_, k) => 1 / (1 + k / 2));
}

/** Group per participant, drawn with `plantedGroupWeights`. */
function plantGroups(random: () => number, n: number, groups: number): Int32Array {
  const weights = plantedGroupWeights(groups);
  const cumulative = new Float64Array(groups);
  let sum = 0;
  for (let k = 0; k < groups; k++) cumulative[k] = sum += weights[k]!;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = random() * sum;
    let k = 0;
    while (k < groups - 1 && u >= cumulative[k]!) k++;
    out[i] = k;
  }
  return out;
}

/** `size` distinct integers from [0, n), ascending. */
function pickSubset(random: () => number, n: number, size: number): Int32Array {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const k = Math.min(size, n);
  for (let t = 0; t < k; t++) {
    const r = t + Math.floor(random() * (n - t));
    const x = perm[r]!;
    perm[r] = perm[t]!;
    perm[t] = x;
  }
  return perm.slice(0, k).sort();
}
