import type { StatementId } from '@kuulo/core';

/** Statement texts: a function of the id, or a Map from id to text. */
export type StatementText = ((id: StatementId) => string | undefined | null) | ReadonlyMap<StatementId, string>;

/**
 * Normalizes the `statementText` option once into a function. Unknown ids (and no option)
 * fall back to "Statement <id>", because KuuloResult carries no texts.
 */
export function statementLabeler(statementText: StatementText | undefined): (id: StatementId) => string {
  if (statementText === undefined) return (id) => `Statement ${id}`;
  if (typeof statementText === 'function') return (id) => statementText(id) ?? `Statement ${id}`;
  if (statementText instanceof Map) {
    const map = statementText;
    return (id) => map.get(id) ?? map.get(String(id)) ?? `Statement ${id}`;
  }
  throw new Error(`statementText must be a function or a Map, got ${typeof statementText}`);
}
