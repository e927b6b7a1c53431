import type { CsrMatrix } from '../matrix/csrMatrix.js';
import type { ResolvedOptions } from '../options.js';
import { ratioToDouble } from '../clojure/ratio.js';
import { pca, type PcaResult } from '../pca/pca.js';
import { projectParticipants } from '../pca/projectParticipants.js';
import { canonicalSign } from './canonicalSign.js';
import { stageRandom } from './stageRandom.js';

/** The map of a canonical matrix: components with canonical signs and every participant's projection. */
export interface StableGeometry {
  geometry: PcaResult;
  /** x0, y0, x1, y1, … in row order. */
  projection: Float64Array;
}

/**
 * Polis's PCA and sparsity-aware projection (§6, §7) of a matrix already in canonical order, cold-started
 * from a generator seeded by `seed` alone (no previous components), each component's sign then fixed by
 * `canonicalSign`. The map is then a function of the votes and the seed.
 */
export function stableGeometry(matrix: CsrMatrix, modOut: Uint8Array, options: ResolvedOptions): StableGeometry {
  const geometry = pca(
    matrix,
    modOut,
    {
      iterations: options.pcaIterations,
      tolerance: options.pcaTolerance,
      coldStart: options.pcaColdStart,
      solver: options.pcaSolver,
      random: stageRandom(options.seed, 'pca'),
      toDouble: options.polisNumerics ? ratioToDouble : undefined,
    },
    null,
  );
  for (const k of [0, 1] as const) {
    if (canonicalSign(geometry.comps[k]) > 0) continue;
    geometry.comps[k] = geometry.comps[k].map((x) => -x);
    geometry.statementProjection[k] = geometry.statementProjection[k].map((x) => -x);
  }
  const projection = projectParticipants(matrix, geometry.center, geometry.comps, modOut);
  return { geometry, projection };
}
