import type { BenchArgs } from '../args.js';
import { readPolisExport, type PolisExport, type ReferenceGroups } from '../data/readPolisExport.js';
import type { VoteColumns } from '../data/voteColumns.js';
import { plantedOracle } from '../score/plantedOracle.js';
import { generateConversation } from '../synthetic/generateConversation.js';

/** What a child task runs on: votes, moderation, and what to score against. */
export interface BenchInput {
  /** "synthetic" or the export folder's name. */
  name: string;
  votes: VoteColumns;
  moderation: PolisExport['moderation'];
  reference: ReferenceGroups | null;
  /** Planted common-ground statement ids (synthetic only). */
  commonGround: Int32Array | null;
  /**
   * The Bayes-optimal planted group per participant id given their votes (synthetic only; see
   * `plantedOracle`). A function, so tasks compute it after the timed work and it never adds to peak RSS.
   */
  oracle: (() => Int32Array) | null;
  /** Wall time to produce the input (generation or reading files), ms; not part of any timing. */
  prepareMs: number;
}

/** A real export when `--data <dir>` is given once, else the synthetic conversation of the size flags. */
export function loadInput(args: BenchArgs): BenchInput {
  const started = performance.now();
  if (args.data.length > 1) throw new Error(`a task takes at most one --data folder, got ${args.data.length}`);
  if (args.data.length === 1) {
    const exported = readPolisExport(args.data[0]!);
    return { ...exported, commonGround: null, oracle: null, prepareMs: performance.now() - started };
  }
  const synthetic = syntheticInput(args);
  return { ...synthetic, prepareMs: performance.now() - started };
}

function syntheticInput(args: BenchArgs): Omit<BenchInput, 'prepareMs'> {
  const c = generateConversation({
    participants: args.participants,
    comments: args.comments,
    density: args.density,
    groups: args.groups,
    seed: args.seed,
  });
  return {
    name: 'synthetic',
    votes: { participant: c.participant, statement: c.statement, vote: c.vote, time: c.time },
    moderation: [],
    reference: {
      source: 'planted',
      participant: Int32Array.from(c.truth.group, (_, i) => i),
      group: c.truth.group,
      k: args.groups,
    },
    commonGround: c.truth.commonGround,
    oracle: () => plantedOracle(c),
  };
}

/** Warm-up passes before timing: the first pass compiles, the later ones let the optimizing tier settle. */
export const warmupRounds = 3;

/** A small synthetic conversation to run before timing, so the JIT has compiled the hot code. */
export function warmupInput(): VoteColumns {
  const c = generateConversation({ participants: 1500, comments: 60, density: 0.2, groups: 3, seed: 12345 });
  return { participant: c.participant, statement: c.statement, vote: c.vote, time: c.time };
}

/**
 * The warm-up of `incremental`: large enough that its warm updates take the paths the timed ones take
 * (per-participant chunks of 4,096 rows shared and rewritten, base-cluster members moving), which the small
 * conversation above never reaches; code first run on a 100k conversation deoptimizes there.
 */
export function warmupUpdatesInput(): VoteColumns {
  const c = generateConversation({ participants: 12000, comments: 100, density: 0.2, groups: 3, seed: 12345 });
  return { participant: c.participant, statement: c.statement, vote: c.vote, time: c.time };
}

/** Votes the incremental warm-up adds back in batches of 100, one warm update each. */
export const warmupUpdateVotes = 2000;

/**
 * Participants with at least min(7, statements) votes: whom Polis's threshold rule clusters
 * (its top-up to 15 participants is ignored). Repeated votes on a cell count once.
 */
export function activeParticipants(votes: VoteColumns): Set<number> {
  const cells = new Map<number, Set<number>>();
  const statements = new Set<number>();
  for (let k = 0; k < votes.vote.length; k++) {
    const p = votes.participant[k]!;
    let seen = cells.get(p);
    if (!seen) cells.set(p, (seen = new Set()));
    seen.add(votes.statement[k]!);
    statements.add(votes.statement[k]!);
  }
  const threshold = Math.min(7, statements.size);
  const out = new Set<number>();
  for (const [p, seen] of cells) if (seen.size >= threshold) out.add(p);
  return out;
}
