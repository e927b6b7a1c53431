import { describe, expect, it } from 'vitest';
import { clojureHashOrder } from '../../src/clojure/hashOrder.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { buildResult, groupLabel, ResultMemory, type ResultInput } from '../../src/conversation/buildResult.js';
import type { ModerationRecord } from '../../src/conversation/moderationMasks.js';
import { resolveOptions } from '../../src/options.js';
import { lcg } from '../../src/random/lcg.js';
import type { Tallies } from '../../src/stats/tallies.js';
import type { KuuloResult, ParticipantId, StatementId } from '../../src/types.js';

// The plain Array.from/map formulation buildResult had before it was tuned for 100k participants: the oracle.
function referenceResult(input: ResultInput): KuuloResult {
  const { options, store, geometry, shown } = input;
  const participants = [...store.participantIds];
  const statements = [...store.statementIds];
  const hashOrdered = <T extends string | number>(ids: T[]): T[] =>
    ids.every((id) => typeof id === 'number' && Number.isSafeInteger(id)) ? (clojureHashOrder(ids as number[]) as T[]) : ids;
  const moderated = (test: (m: ModerationRecord) => boolean) => hashOrdered([...input.moderation].filter(([, m]) => test(m)).map(([id]) => id));
  const strictOut = options.strictModeration && options.strictExcludesUnmoderated;
  const talliesOf = (t: Tallies, g: number) => {
    const [from, to] = [g * t.nCols, (g + 1) * t.nCols];
    return { agree: Array.from(t.agree.subarray(from, to)), disagree: Array.from(t.disagree.subarray(from, to)), seen: Array.from(t.seen.subarray(from, to)) };
  };
  const pick = (t: Tallies, a: Int32Array) => Array.from({ length: t.nCols }, (_, c) => Array.from({ length: t.nGroups }, (_, b) => a[b * t.nCols + c]!));
  const withStatement = <R extends { col: number }>({ col, ...rest }: R) => ({ statement: statements[col]!, ...rest });
  return {
    format: 'kuulo-result@1',
    seed: options.seed,
    options: { ...options },
    replay: null,
    tick: input.tick,
    lastVoteTime: store.lastVoteTime,
    statements,
    participants,
    voteCounts: Array.from(input.voteCounts),
    inConv: hashOrdered(participants.filter((_, r) => input.inConv[r])),
    modOut: moderated((m) => m.isMeta || m.moderation === -1 || (strictOut && m.moderation === 0)),
    modIn: moderated((m) => m.isMeta || m.moderation === 1),
    meta: moderated((m) => m.isMeta),
    pca: {
      center: Array.from(geometry.center),
      comps: [Array.from(geometry.comps[0]), Array.from(geometry.comps[1])],
      statementProjection: [Array.from(geometry.statementProjection[0]), Array.from(geometry.statementProjection[1])],
      statementExtremity: Array.from(geometry.statementExtremity),
    },
    participantProjection: {
      x: Array.from({ length: participants.length }, (_, r) => input.projection[2 * r]!),
      y: Array.from({ length: participants.length }, (_, r) => input.projection[2 * r + 1]!),
    },
    participantGroup: Array.from(input.rowGroup, (g) => (g < 0 ? null : shown[g]!.id)),
    baseClusters: {
      id: input.base.map((b) => b.id),
      members: input.base.map((b) => b.members.map((r) => participants[r]!)),
      x: input.base.map((b) => b.center[0]),
      y: input.base.map((b) => b.center[1]),
      count: input.base.map((b) => b.members.length),
    },
    groups: shown.map((g, gi) => ({
      id: g.id,
      label: groupLabel(gi),
      baseClusters: g.baseIds,
      center: g.center,
      size: g.rows.length,
      tallies: talliesOf(input.groupTallies, gi),
      repness: (input.repness[gi] ?? []).map(withStatement),
    })),
    k: { silhouettes: Object.fromEntries(input.k.silhouettes), best: input.k.best, chosen: input.k.chosen },
    votesBase: { agree: pick(input.baseTallies, input.baseTallies.agree), disagree: pick(input.baseTallies, input.baseTallies.disagree), seen: pick(input.baseTallies, input.baseTallies.seen) },
    consensus: { agree: input.consensus.agree.map(withStatement), disagree: input.consensus.disagree.map(withStatement) },
    groupAwareConsensus: Array.from(input.groupAwareConsensus),
    priorities: Array.from(input.priorities),
  } as KuuloResult;
}

type IdKind = 'integers' | 'strings' | 'mixed';

/** A random but consistent update: base clusters partition the clustered rows, groups partition the base clusters. */
function randomInput(seed: number, n: number, m: number, ids: IdKind): ResultInput {
  const random = lcg(seed);
  const int = (below: number) => Math.floor(random() * below);
  const participantIds: ParticipantId[] = Array.from({ length: n }, (_, r) => {
    const asString = ids === 'strings' || (ids === 'mixed' && random() < 0.3);
    return asString ? `p${r}` : (random() < 0.2 ? -1 : 1) * (r * 7919 + int(2 ** 40));
  });
  const statementIds: StatementId[] = Array.from({ length: m }, (_, c) => (ids === 'strings' ? `s${c}` : c * 3));
  const inConv = Uint8Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
  const nBase = 1 + int(12);
  const base: Cluster[] = Array.from({ length: nBase }, (_, b) => ({ id: b * 2 + 1, members: [], center: [random(), random()] }));
  for (let r = 0; r < n; r++) if (inConv[r]) base[int(nBase)]!.members.push(r);
  const nGroups = 1 + int(Math.min(4, nBase));
  const shown = Array.from({ length: nGroups }, (_, g) => ({ id: g + int(3), baseIds: [] as number[], center: [random(), random()] as [number, number], rows: new Int32Array(0) }));
  const rowGroup = new Int32Array(n).fill(-1);
  base.forEach((b, bi) => shown[bi % nGroups]!.baseIds.push(b.id));
  shown.forEach((g, gi) => {
    g.rows = Int32Array.from(g.baseIds.flatMap((id) => base.find((b) => b.id === id)!.members));
    g.rows.forEach((r) => (rowGroup[r] = gi));
  });
  const tallies = (k: number): Tallies => {
    const array = () => Int32Array.from({ length: k * m }, () => int(50));
    return { nGroups: k, nCols: m, agree: array(), disagree: array(), seen: array() };
  };
  const floats = () => Float64Array.from({ length: m }, () => random() - 0.5);
  const moderation = new Map<StatementId, ModerationRecord>();
  for (const id of statementIds) if (random() < 0.3) moderation.set(id, { moderation: ([-1, 0, 1] as const)[int(3)]!, isMeta: random() < 0.2 });
  const repnessRow = (col: number) => ({ col, repness: random(), repnessTest: random(), pSuccess: random(), pTest: random(), nSuccess: int(9), nTrials: 9, repfulFor: 'agree' as const, best: random() < 0.5 });
  return {
    options: resolveOptions({ seed, strictModeration: random() < 0.5 }),
    tick: 1 + int(9),
    store: { participantIds, statementIds, lastVoteTime: int(1e12) },
    moderation,
    masks: { modOut: new Uint8Array(m), modIn: new Uint8Array(m), meta: new Uint8Array(m) },
    voteCounts: Int32Array.from({ length: n }, () => int(m + 1)),
    inConv,
    geometry: { center: floats(), comps: [floats(), floats()], statementProjection: [floats(), floats()], statementExtremity: floats(), products: [3, 0] },
    projection: Float64Array.from({ length: 2 * n }, () => random() * 4 - 2),
    base,
    shown,
    rowGroup,
    k: { best: 2, chosen: nGroups, silhouettes: new Map([[2, random()], [3, random()]]) },
    groupTallies: tallies(nGroups),
    baseTallies: tallies(nBase),
    repness: shown.map(() => Array.from({ length: int(4) }, () => repnessRow(int(m)))),
    consensus: { agree: [{ col: int(m), pSuccess: random(), pTest: random() }], disagree: [] },
    groupAwareConsensus: floats(),
    priorities: floats(),
  } as unknown as ResultInput;
}

describe('buildResult(input)', () => {
  it('equals the plain Array.from formulation on random updates, to the byte', () => {
    const kinds: IdKind[] = ['integers', 'strings', 'mixed'];
    for (let seed = 1; seed <= 30; seed++) {
      const input = randomInput(seed, [0, 1, 9, 40, 300, 5000][seed % 6]!, 1 + (seed % 7) * 5, kinds[seed % 3]!);
      const result = buildResult(input);
      const expected = referenceResult(input);
      expect(result).toStrictEqual(expected);
      expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
    }
  });

  it('returns arrays it does not share with its input', () => {
    const input = randomInput(3, 50, 6, 'integers');
    const result = buildResult(input);
    expect(result.participants).not.toBe(input.store.participantIds);
    expect(result.statements).not.toBe(input.store.statementIds);
  });
});

// The first `n` rows of `full`, with a few projections and vote counts changed (seeded): one step of a growing conversation.
// The store's id list is one array between steps that add no participant (the memory shares by identity).
const idLists = new Map<string, ParticipantId[]>();
function prefixStep(full: ResultInput, n: number, seed: number): ResultInput {
  const random = lcg(seed);
  const keep = (rows: ArrayLike<number>) => Int32Array.from(Array.from(rows).filter((r) => r < n));
  const base = full.base.map((b) => ({ ...b, members: b.members.filter((r) => r < n) }));
  const shown = full.shown.map((g) => ({ ...g, rows: keep(g.rows) }));
  const projection = full.projection.slice(0, 2 * n);
  const voteCounts = full.voteCounts.slice(0, n);
  for (let i = 0; i < 3 && n > 0; i++) {
    const r = Math.floor(random() * n);
    projection[2 * r + (i % 2)] = [0, -0, NaN, random()][Math.floor(random() * 4)]!;
    voteCounts[r]! += 1;
  }
  return { ...full, store: { ...full.store, participantIds: idList(full, n) }, base, shown, projection, voteCounts, inConv: full.inConv.slice(0, n), rowGroup: full.rowGroup.slice(0, n) };
}

function idList(full: ResultInput, n: number): ParticipantId[] {
  const key = `${String(full.store.participantIds[0])}:${n}`;
  if (!idLists.has(key)) idLists.set(key, full.store.participantIds.slice(0, n));
  return idLists.get(key)!;
}

describe('buildResult(input, memory)', () => {
  it('equals the result built without memory at every step of a growing conversation, and never changes an earlier one', () => {
    for (const ids of ['integers', 'strings'] as IdKind[]) {
      const full = randomInput(11, 9000, 12, ids);
      const memory = new ResultMemory();
      let previous: KuuloResult | null = null;
      let previousJson = '';
      let sharedChunks = 0;
      let previousChunks: readonly Float64Array[] = [];
      // Steps that add no row (5200 twice) share whole arrays; 4096 and 8192 sit on chunk edges.
      for (const [step, n] of [1, 4096, 4100, 5200, 5200, 8192, 9000].entries()) {
        const input = prefixStep(full, n, step);
        const result = buildResult(input, memory);
        const expected = referenceResult(input);
        expect(result, `${ids} step ${step}`).toEqual(expected);
        expect(JSON.stringify(result), `${ids} step ${step}`).toBe(JSON.stringify(expected));
        expect(structuredClone(result), `${ids} step ${step}: cloned`).toEqual(expected);
        if (previous) {
          expect(JSON.stringify(previous), `${ids} step ${step}: the previous result changed`).toBe(previousJson);
          if (previous.participants.length === n) expect(result.participants).toBe(previous.participants);
          sharedChunks += memory.columns!.x.chunks.filter((chunk, c) => chunk === previousChunks[c]).length;
        }
        previous = result;
        previousJson = JSON.stringify(result);
        previousChunks = memory.columns!.x.chunks;
      }
      expect(sharedChunks, ids).toBeGreaterThan(0);
    }
  });

  it('keeps per-participant arrays enumerable and assignable, like any plain result', () => {
    const input = randomInput(4, 300, 5, 'integers');
    const memory = new ResultMemory();
    const result = buildResult(input, memory);
    expect(Object.keys(result)).toEqual(Object.keys(buildResult(input)));
    result.participants = ['replaced'];
    expect(result.participants).toEqual(['replaced']);
    expect({ ...result.participantProjection }.x).toHaveLength(300);
  });
});
