import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KuuloResult, RepnessEntry } from '../../src/kuuloTypes';

/** Folder of the Polis math fixtures, read from the repo so tests pass on a fresh clone. */
export const fixturesDir = fileURLToPath(new URL('../../../core/test/fixtures/polis-math-fixtures/', import.meta.url));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function readJson(conversation: string, file: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(`${fixturesDir}${conversation}/${file}`, 'utf8'));
}

/** Statement texts of a fixture conversation (Polis comments.json), keyed by tid. */
export function fixtureStatementTexts(conversation: string): Map<number, string> {
  const comments = readJson(conversation, 'comments.json') as { tid: number; txt: string }[];
  return new Map(comments.map((c) => [c.tid, c.txt]));
}

/**
 * A KuuloResult built from Polis's own math output (math-pca2.json) plus the votes, standing in
 * until core's Conversation can produce one. Participant positions are not in pca2, so they are
 * recomputed with Polis's sparsity-aware projection (polis-math.md §7.1) from the latest votes.
 */
export function polisFixtureResult(conversation: string): KuuloResult {
  const m: Json = readJson(conversation, 'math-pca2.json');
  const votes = readJson(conversation, 'votes.json') as { pid: number; tid: number; vote: number; modified: string }[];
  const tids: number[] = m.tids;
  const column = new Map(tids.map((t, j) => [t, j]));
  const modOut = new Set<number>(m['mod-out']);
  // Latest vote per cell wins.
  const cells = new Map<number, Map<number, { vote: number; time: number }>>();
  for (const v of votes) {
    const row = cells.get(v.pid) ?? new Map();
    cells.set(v.pid, row);
    const prev = row.get(v.tid);
    if (!prev || Number(v.modified) >= prev.time) row.set(v.tid, { vote: v.vote, time: Number(v.modified) });
  }
  const participants = Object.keys(m['user-vote-counts']).map(Number).sort((a, b) => a - b);
  const center: number[] = m.pca.center;
  const [pc1, pc2]: number[][] = m.pca.comps;
  const x: number[] = [];
  const y: number[] = [];
  for (const pid of participants) {
    const row = cells.get(pid) ?? new Map();
    let sx = 0, sy = 0, count = 0;
    tids.forEach((t, j) => {
      const cell = row.get(t);
      // Moderated-out columns count as a 0 vote for everyone (polis-math.md §3.3); internal sign is agree = −1.
      const value = modOut.has(t) ? 0 : cell ? -cell.vote : undefined;
      if (value === undefined) return;
      count++;
      sx += (value - center[j]!) * pc1![j]!;
      sy += (value - center[j]!) * pc2![j]!;
    });
    const scale = Math.sqrt(tids.length / Math.max(count, 1));
    x.push(sx * scale);
    y.push(sy * scale);
  }
  const base = m['base-clusters'];
  const baseOf = new Map<number, number>();
  base.id.forEach((bid: number, b: number) => base.members[b].forEach((pid: number) => baseOf.set(pid, bid)));
  const groupOfBase = new Map<number, number>();
  for (const g of m['group-clusters']) for (const bid of g.members) groupOfBase.set(bid, g.id);
  const participantGroup = participants.map((pid) => {
    const bid = baseOf.get(pid);
    return bid === undefined ? null : (groupOfBase.get(bid) ?? null);
  });
  const camelRepness = (e: Json): RepnessEntry => ({
    statement: e.tid,
    nSuccess: e['n-success'],
    nTrials: e['n-trials'],
    pSuccess: e['p-success'],
    pTest: e['p-test'],
    repness: e.repness,
    repnessTest: e['repness-test'],
    repfulFor: e['repful-for'],
    ...(e['best-agree'] ? { nAgree: e['n-agree'], bestAgree: true as const } : {}),
  });
  const groups = (m['group-clusters'] as Json[]).map((g) => {
    const gv = m['group-votes'][String(g.id)].votes;
    const tally = (k: 'A' | 'D' | 'S'): number[] => tids.map((t) => gv[String(t)]?.[k] ?? 0);
    return {
      id: g.id as number,
      label: String.fromCharCode(65 + (g.id as number)),
      baseClusters: [...g.members].sort((a: number, b: number) => a - b),
      center: g.center as [number, number],
      size: participantGroup.filter((gid) => gid === g.id).length,
      tallies: { agree: tally('A'), disagree: tally('D'), seen: tally('S') },
      repness: (m.repness[String(g.id)] ?? []).map(camelRepness),
    };
  });
  const consensus = (list: Json[]) => list.map((e) => ({ statement: e.tid, nSuccess: e['n-success'], nTrials: e['n-trials'], pSuccess: e['p-success'], pTest: e['p-test'] }));
  const perBase = (k: 'A' | 'D' | 'S'): number[][] => tids.map((t) => m['votes-base'][String(t)][k]);
  return {
    format: 'kuulo-result@1',
    seed: 0,
    options: {},
    replay: null,
    tick: m.math_tick,
    lastVoteTime: m.lastVoteTimestamp,
    statements: tids,
    participants,
    voteCounts: participants.map((pid) => m['user-vote-counts'][String(pid)]),
    inConv: m['in-conv'],
    modOut: m['mod-out'],
    modIn: m['mod-in'],
    meta: m['meta-tids'],
    pca: { center, comps: [pc1!, pc2!], statementProjection: m.pca['comment-projection'], statementExtremity: m.pca['comment-extremity'] },
    participantProjection: { x, y },
    participantGroup,
    baseClusters: { id: base.id, members: base.members, x: base.x, y: base.y, count: base.count },
    groups,
    k: { silhouettes: {}, best: groups.length, chosen: groups.length },
    votesBase: { agree: perBase('A'), disagree: perBase('D'), seen: perBase('S') },
    consensus: { agree: consensus(m.consensus.agree), disagree: consensus(m.consensus.disagree) },
    groupAwareConsensus: tids.map((t) => m['group-aware-consensus'][String(t)]),
    priorities: tids.map((t) => m['comment-priorities'][String(t)]),
  };
}
