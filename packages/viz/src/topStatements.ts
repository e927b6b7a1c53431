import type { KuuloResult } from '@kuulo/core';

/**
 * Column indices of the `count` highest-scoring statements with score > `min`, moderated-out and
 * meta statements excluded; ties keep column order so output is deterministic.
 */
export function topStatements(result: KuuloResult, scores: readonly number[], count: number, min = -Infinity): number[] {
  const hidden = new Set([...result.modOut, ...result.meta]);
  return result.statements
    .map((id, j) => ({ id, j, s: scores[j] ?? -Infinity }))
    .filter((d) => !hidden.has(d.id) && Number.isFinite(d.s) && d.s > min)
    .sort((a, b) => b.s - a.s || a.j - b.j)
    .slice(0, count)
    .map((d) => d.j);
}
