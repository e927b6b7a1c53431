import type { KuuloResult, StatementId } from '@kuulo/core';

/** Column index of each statement id, for reading the per-statement arrays of a result. */
export function statementIndex(result: KuuloResult): Map<StatementId, number> {
  return new Map(result.statements.map((id, i) => [id, i]));
}
