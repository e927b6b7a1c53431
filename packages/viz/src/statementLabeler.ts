import type { StatementId } from '@kuulo/core';
import type { Translator } from './i18n';

/** Statement texts: a function of the id, or a Map from id to text. */
export type StatementText = ((id: StatementId) => string | undefined | null) | ReadonlyMap<StatementId, string>;

/**
 * Normalizes the `statementText` option once into a function. Unknown ids (and no option)
 * fall back to "Statement <id>" in the chart's language, because KuuloResult carries no texts.
 */
export function statementLabeler(statementText: StatementText | undefined, t: Translator): (id: StatementId) => string {
  const fallback = (id: StatementId): string => t.t('chart.statement', { id: String(id) });
  if (statementText === undefined) return fallback;
  if (typeof statementText === 'function') return (id) => statementText(id) ?? fallback(id);
  if (statementText instanceof Map) {
    const map = statementText;
    return (id) => map.get(id) ?? map.get(String(id)) ?? fallback(id);
  }
  throw new Error(`statementText must be a function or a Map, got ${typeof statementText}`);
}
