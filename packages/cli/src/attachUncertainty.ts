import { bootstrap, withUncertainty, type BootstrapVotes, type Conversation, type KuuloResult } from '@kuulo/core';
import type { CliIo } from './cliIo.js';
import { createProgress } from './progress.js';

export interface AttachUncertaintyOptions {
  /** Bootstrap resamples. */
  resamples: number;
  /** Show a progress bar (terminal) or a line per 10 % on stderr. */
  progress: boolean;
}

/**
 * `result` with core's bootstrap uncertainty attached (`withUncertainty`): the votes behind it are
 * resampled `resamples` times and the same math (mode, options, seed) rerun on each. The resampling
 * seed is the result's own, which is `--seed`, so the same command gives the same bytes.
 */
export function attachUncertainty(result: KuuloResult, source: Conversation | BootstrapVotes, io: CliIo, options: AttachUncertaintyOptions): KuuloResult {
  const progress = createProgress(io, 'bootstrap resamples', options.resamples, { enabled: options.progress });
  try {
    const uncertainty = bootstrap(source, { resamples: options.resamples, seed: result.seed, reference: result, onProgress: ({ done }) => progress.update(done) });
    return withUncertainty(result, uncertainty);
  } finally {
    progress.stop();
  }
}
