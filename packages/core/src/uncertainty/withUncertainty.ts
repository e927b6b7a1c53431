import type { KuuloResult, Uncertainty } from '../types.js';

/**
 * A copy of `result` carrying `uncertainty` (from `bootstrap` on that result), after checking that the two
 * line up: one confidence per participant and the same groups in the same order.
 */
export function withUncertainty(result: KuuloResult, uncertainty: Uncertainty): KuuloResult {
  if (uncertainty?.format !== 'kuulo-uncertainty@1') throw new TypeError(`withUncertainty: uncertainty.format must be "kuulo-uncertainty@1", got ${JSON.stringify(uncertainty?.format)}`);
  if (uncertainty.membershipConfidence.length !== result.participants.length) {
    throw new RangeError(`withUncertainty: uncertainty has ${uncertainty.membershipConfidence.length} participants but the result has ${result.participants.length}`);
  }
  const ids = result.groups.map((g) => g.id).join(',');
  const theirs = uncertainty.groups.map((g) => g.id).join(',');
  if (ids !== theirs) throw new RangeError(`withUncertainty: uncertainty is for groups [${theirs}] but the result has groups [${ids}]`);
  return { ...result, uncertainty };
}
