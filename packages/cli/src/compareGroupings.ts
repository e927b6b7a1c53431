import { adjustedRandIndex } from '@kuulo/core';
// Not yet in core's public index; the lead is asked to export it (see the CLI README).
import { matchGroupIds } from '@kuulo/core';
import type { Grouping } from './readGrouping.js';

/** Overlap of two statement sets. */
export interface StatementOverlap {
  a: string[];
  b: string[];
  shared: string[];
  /** |a ∩ b| / |a ∪ b|; null when both are empty. */
  jaccard: number | null;
}

export interface GroupPair {
  a: { id: number; name: string };
  b: { id: number; name: string };
  /** Group sizes counted over the participants grouped in both files. */
  aSize: number;
  bSize: number;
  shared: number;
  /** shared / (aSize + bSize − shared). */
  jaccard: number;
  /** Representative statements of the two groups; null unless both files have them. */
  repness: StatementOverlap | null;
}

/** How two partitions of the same conversation agree (JSON-safe: `kuulo compare --json`). */
export interface Comparison {
  a: ComparedSide;
  b: ComparedSide;
  /** Participants in a group in both files: everything below is computed over them. */
  participants: number;
  onlyA: number;
  onlyB: number;
  /** Agreement on who is clustered (Polis in-conv): |grouped in both| / |grouped in either|, 1 when neither groups anyone. */
  groupedJaccard: number;
  adjustedRandIndex: number;
  /** Optimal one-to-one pairing of groups by shared participants (Hungarian algorithm). */
  matched: GroupPair[];
  unmatchedA: number[];
  unmatchedB: number[];
  /** Participants per (a group, b group): rows in `a.groups` order, columns in `b.groups` order. */
  overlap: number[][];
  /** Overlap of consensus statements; null unless both files have them. */
  consensus: { agree: StatementOverlap; disagree: StatementOverlap } | null;
}

/** One side of a comparison; `polisEra` is set for a Kuulo replay run with core's `polisEra`. */
export interface ComparedSide {
  source: string;
  kind: Grouping['kind'];
  grouped: number;
  groups: { id: number; name: string; size: number }[];
  polisEra?: string;
}

/**
 * Compares two groupings of the same participants: adjusted Rand index over the participants grouped
 * in both, the pairing of groups that shares the most participants, the full overlap table, and how
 * far the paired groups' representative statements (and consensus) coincide.
 */
export function compareGroupings(a: Grouping, b: Grouping): Comparison {
  const both = [...a.groupOf.keys()].filter((p) => b.groupOf.has(p));
  const labelsA = both.map((p) => a.groupOf.get(p)!);
  const labelsB = both.map((p) => b.groupOf.get(p)!);
  const rowOf = new Map(a.groups.map((g, i) => [g.id, i]));
  const colOf = new Map(b.groups.map((g, j) => [g.id, j]));
  const overlap = a.groups.map(() => new Array<number>(b.groups.length).fill(0));
  both.forEach((_, k) => overlap[rowOf.get(labelsA[k]!)!]![colOf.get(labelsB[k]!)!]!++);

  const membersOf = (labels: number[], id: number) => labels.flatMap((g, k) => (g === id ? [k] : []));
  const mapping = matchGroupIds(
    b.groups.map((g) => ({ id: g.id, participants: membersOf(labelsB, g.id) })),
    a.groups.map((g) => ({ id: g.id, participants: membersOf(labelsA, g.id) })),
  );
  const matched: GroupPair[] = [];
  for (const gb of b.groups) {
    const target = mapping.get(gb.id);
    const i = target === undefined ? undefined : rowOf.get(target);
    // matchGroupIds gives unpaired groups fresh ids; a pair is real only when it shares someone.
    if (i === undefined || overlap[i]![colOf.get(gb.id)!]! === 0) continue;
    const ga = a.groups[i]!;
    const shared = overlap[i]![colOf.get(gb.id)!]!;
    const aSize = sum(overlap[i]!);
    const bSize = sum(overlap.map((row) => row[colOf.get(gb.id)!]!));
    matched.push({
      a: { id: ga.id, name: ga.name },
      b: { id: gb.id, name: gb.name },
      aSize,
      bSize,
      shared,
      jaccard: shared / (aSize + bSize - shared),
      repness: a.repness && b.repness ? statementOverlap(a.repness.get(ga.id) ?? [], b.repness.get(gb.id) ?? []) : null,
    });
  }
  matched.sort((x, y) => x.a.id - y.a.id);
  const pairedA = new Set(matched.map((m) => m.a.id));
  const pairedB = new Set(matched.map((m) => m.b.id));
  const summary = (g: Grouping): ComparedSide => ({ source: g.source, kind: g.kind, grouped: g.groupOf.size, groups: g.groups, ...(g.polisEra === undefined ? {} : { polisEra: g.polisEra }) });
  const either = a.groupOf.size + b.groupOf.size - both.length;
  return {
    a: summary(a),
    b: summary(b),
    participants: both.length,
    onlyA: a.groupOf.size - both.length,
    onlyB: b.groupOf.size - both.length,
    groupedJaccard: either === 0 ? 1 : both.length / either,
    adjustedRandIndex: adjustedRandIndex(labelsA, labelsB),
    matched,
    unmatchedA: a.groups.filter((g) => !pairedA.has(g.id)).map((g) => g.id),
    unmatchedB: b.groups.filter((g) => !pairedB.has(g.id)).map((g) => g.id),
    overlap,
    consensus:
      a.consensus && b.consensus
        ? { agree: statementOverlap(a.consensus.agree, b.consensus.agree), disagree: statementOverlap(a.consensus.disagree, b.consensus.disagree) }
        : null,
  };
}

function statementOverlap(a: readonly string[], b: readonly string[]): StatementOverlap {
  const inB = new Set(b);
  const shared = [...new Set(a)].filter((s) => inB.has(s));
  const union = new Set([...a, ...b]).size;
  return { a: [...a], b: [...b], shared, jaccard: union === 0 ? null : shared.length / union };
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
