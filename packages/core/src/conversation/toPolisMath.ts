import type { ConsensusEntry, KuuloResult, RepnessEntry, StatementId } from '../types.js';

/** Polis's `math/pca2` JSON (§16), in Polis's internal sign (agree = −1). */
export interface PolisMath {
  n: number;
  'n-cmts': number;
  tids: StatementId[];
  'user-vote-counts': Record<string, number>;
  'in-conv': (string | number)[];
  'mod-out': StatementId[];
  'mod-in': StatementId[];
  'meta-tids': StatementId[];
  pca: { center: number[]; comps: number[][]; 'comment-projection': number[][]; 'comment-extremity': number[] };
  'base-clusters': { id: number[]; members: (string | number)[][]; x: number[]; y: number[]; count: number[] };
  'group-clusters': { id: number; members: number[]; center: [number, number] }[];
  'votes-base': Record<string, { A: number[]; D: number[]; S: number[] }>;
  'group-votes': Record<string, { 'n-members': number; votes: Record<string, { A: number; D: number; S: number }>; id: number }>;
  repness: Record<string, Record<string, unknown>[]>;
  consensus: { agree: Record<string, unknown>[]; disagree: Record<string, unknown>[] };
  'group-aware-consensus': Record<string, number>;
  'comment-priorities': Record<string, number>;
  lastVoteTimestamp: number;
  lastModTimestamp: number | null;
  math_tick: number;
}

/**
 * Converts a Kuulo result into Polis's `math/pca2` shape, key for key. Its arrays are copies, unless `copy: false`:
 * then they are the result's own (for serializing at once: a 50k-participant result's copies cost ~10 MB of fresh memory).
 */
export function toPolisMath(result: KuuloResult, options: { copy?: boolean } = {}): PolisMath {
  const own = options.copy === false ? <T>(list: readonly T[]) => list as T[] : <T>(list: readonly T[]) => [...list];
  const tids = result.statements;
  const byTid = <T>(values: readonly T[]) => Object.fromEntries(tids.map((t, c) => [String(t), values[c]!]));
  // Read once: each read of a lazy result field goes through its getter (6,000 reads for 2,000 statements).
  const { agree, disagree, seen } = result.votesBase;
  const voteCounts = result.voteCounts;
  return {
    n: result.participants.length,
    'n-cmts': tids.length,
    tids: own(tids),
    'user-vote-counts': Object.fromEntries(result.participants.map((p, r) => [String(p), voteCounts[r]!])),
    'in-conv': own(result.inConv),
    'mod-out': own(result.modOut),
    'mod-in': own(result.modIn),
    'meta-tids': own(result.meta),
    pca: {
      center: own(result.pca.center),
      comps: result.pca.comps.map((v) => own(v)),
      'comment-projection': result.pca.statementProjection.map((v) => own(v)),
      'comment-extremity': own(result.pca.statementExtremity),
    },
    'base-clusters': {
      id: own(result.baseClusters.id),
      members: result.baseClusters.members.map((m) => own(m)),
      x: own(result.baseClusters.x),
      y: own(result.baseClusters.y),
      count: own(result.baseClusters.count),
    },
    'group-clusters': result.groups.map((g) => ({ id: g.id, members: own(g.baseClusters), center: [g.center[0], g.center[1]] })),
    'votes-base': Object.fromEntries(tids.map((t, k) => [String(t), { A: own(agree[k]!), D: own(disagree[k]!), S: own(seen[k]!) }])),
    'group-votes': Object.fromEntries(
      result.groups.map((g) => [
        String(g.id),
        {
          'n-members': g.size,
          votes: Object.fromEntries(tids.map((t, c) => [String(t), { A: g.tallies.agree[c]!, D: g.tallies.disagree[c]!, S: g.tallies.seen[c]! }])),
          id: g.id,
        },
      ]),
    ),
    repness: Object.fromEntries(result.groups.map((g) => [String(g.id), g.repness.map(polisRepness)])),
    consensus: { agree: result.consensus.agree.map(polisConsensus), disagree: result.consensus.disagree.map(polisConsensus) },
    'group-aware-consensus': byTid(result.groupAwareConsensus),
    'comment-priorities': byTid(result.priorities),
    lastVoteTimestamp: result.lastVoteTime,
    // A votes update always resets it in Polis (§16).
    lastModTimestamp: null,
    math_tick: result.tick,
  };
}

function polisConsensus(e: ConsensusEntry): Record<string, unknown> {
  return { tid: e.statement, 'n-success': e.nSuccess, 'n-trials': e.nTrials, 'p-success': e.pSuccess, 'p-test': e.pTest };
}

function polisRepness(e: RepnessEntry): Record<string, unknown> {
  const out: Record<string, unknown> = {
    tid: e.statement,
    'n-success': e.nSuccess,
    'n-trials': e.nTrials,
    'p-success': e.pSuccess,
    'p-test': e.pTest,
    repness: e.repness,
    'repness-test': e.repnessTest,
    'repful-for': e.repfulFor,
  };
  if (e.bestAgree) {
    out['n-agree'] = e.nAgree;
    out['best-agree'] = true;
  }
  return out;
}
