import { participantView, type KuuloResult } from '@kuulo/core';
import type { ParticipantMathReply } from '../../src/client/apiTypes.js';

/** What GET …/math/participant answers participant `pid` for `result` (as the server builds it), for unit tests. */
export function participantReply(result: KuuloResult, pid: number | undefined, tick = 1): ParticipantMathReply {
  const row = pid === undefined ? -1 : result.participants.findIndex((p) => String(p) === String(pid));
  const confidence = result.uncertainty?.membershipConfidence[row];
  return {
    tick,
    computedAt: 0,
    view: participantView(result),
    you:
      row < 0
        ? null
        : {
            pid: pid!,
            x: result.participantProjection.x[row]!,
            y: result.participantProjection.y[row]!,
            group: result.participantGroup[row] ?? null,
            ...(result.uncertainty && { confidence: confidence ?? null }),
          },
    ...(result.uncertainty && {
      uncertainty: { resamples: result.uncertainty.resamples, groups: result.uncertainty.groups.map((g) => ({ id: g.id, stability: g.stability })).sort((a, b) => a.id - b.id) },
    }),
  };
}
