import type { KuuloResult } from '@kuulo/core';

function sameLength(where: string, field: string, actual: unknown, expected: number, of: string): void {
  const n = Array.isArray(actual) ? actual.length : undefined;
  if (n !== expected) {
    throw new Error(`${where}: result.${field} has ${n ?? typeof actual} entries, expected ${expected} (one per ${of})`);
  }
}

/**
 * Checks, once at the chart boundary, the parts of a KuuloResult the charts index into, so
 * drawing code can trust them. Errors name the chart, the field and the bad value.
 */
export function validateResult(result: KuuloResult, where: string): void {
  if (result === null || typeof result !== 'object') throw new Error(`${where}: result must be a KuuloResult object, got ${result === null ? 'null' : typeof result}`);
  if (result.format !== 'kuulo-result@1') throw new Error(`${where}: result.format must be 'kuulo-result@1', got ${JSON.stringify(result.format)}`);
  const nP = result.participants.length;
  const nS = result.statements.length;
  sameLength(where, 'participantProjection.x', result.participantProjection?.x, nP, 'participant');
  sameLength(where, 'participantProjection.y', result.participantProjection?.y, nP, 'participant');
  sameLength(where, 'participantGroup', result.participantGroup, nP, 'participant');
  sameLength(where, 'groupAwareConsensus', result.groupAwareConsensus, nS, 'statement');
  sameLength(where, 'pca.statementProjection[0]', result.pca?.statementProjection?.[0], nS, 'statement');
  sameLength(where, 'pca.statementProjection[1]', result.pca?.statementProjection?.[1], nS, 'statement');
  const ids = new Set<number>();
  result.groups.forEach((g, i) => {
    if (!Number.isInteger(g.id) || g.id < 0) throw new Error(`${where}: result.groups[${i}].id must be a non-negative integer, got ${g.id}`);
    if (ids.has(g.id)) throw new Error(`${where}: result.groups[${i}].id ${g.id} is used by two groups`);
    ids.add(g.id);
    for (const k of ['agree', 'disagree', 'seen'] as const) sameLength(where, `groups[${i}].tallies.${k}`, g.tallies?.[k], nS, 'statement');
  });
  result.participantGroup.forEach((g, i) => {
    if (g !== null && !ids.has(g)) throw new Error(`${where}: result.participantGroup[${i}] is ${g}, which is not the id of any group in result.groups`);
  });
  if (result.bridging !== undefined && result.bridging !== null) sameLength(where, 'bridging', result.bridging, nS, 'statement');
  validateUncertainty(result, where);
}

/** An attached bootstrap must line up with the result it describes, or every lookup would be off. */
function validateUncertainty(result: KuuloResult, where: string): void {
  const u = result.uncertainty;
  if (u === undefined || u === null) return;
  if (u.format !== 'kuulo-uncertainty@1') throw new Error(`${where}: result.uncertainty.format must be 'kuulo-uncertainty@1', got ${JSON.stringify(u.format)}`);
  sameLength(where, 'uncertainty.membershipConfidence', u.membershipConfidence, result.participants.length, 'participant');
  const mine = result.groups.map((g) => g.id).join(', ');
  const theirs = Array.isArray(u.groups) ? u.groups.map((g) => g.id).join(', ') : String(u.groups);
  if (mine !== theirs) throw new Error(`${where}: result.uncertainty.groups are for groups [${theirs}], but result.groups are [${mine}]`);
  if (u.bridging) {
    sameLength(where, 'uncertainty.bridging.low', u.bridging.low, result.statements.length, 'statement');
    sameLength(where, 'uncertainty.bridging.high', u.bridging.high, result.statements.length, 'statement');
  }
}
