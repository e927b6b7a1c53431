import type { ParticipantId, StatementId } from '../types.js';

/**
 * Total order on participant / statement ids used as stable mode's canonical order: numbers first,
 * ascending, then strings by UTF-16 code units. Independent of locale, so every platform agrees.
 */
export function compareIds(a: ParticipantId | StatementId, b: ParticipantId | StatementId): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
