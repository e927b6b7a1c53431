import type { ConversationState } from '../conversation/conversationState.js';
import type { KuuloResult, Uncertainty } from '../types.js';
import { bootstrap, type BootstrapOptions } from './bootstrap.js';

/** A bootstrap request that can cross a worker boundary: plain data, or JSON strings of it. */
export interface BootstrapJob {
  /** The conversation saved with its votes (`serialize()`), as an object or JSON. */
  state: ConversationState | string;
  /** The result to judge, as an object or JSON. Default: one update on the restored state. */
  reference?: KuuloResult | string | null;
  options?: Omit<BootstrapOptions, 'reference' | 'onProgress'>;
}

/** What a bootstrap worker reports: progress after every resample, then the answer. */
export type BootstrapMessage = { type: 'progress'; done: number; total: number } | { type: 'done'; uncertainty: Uncertainty };

/**
 * Worker entry for `bootstrap`: takes serialisable input, posts a progress message after each resample and
 * the result at the end through `post` (e.g. `parentPort.postMessage` in a worker thread), and returns the
 * uncertainty too. Core has no worker code of its own so that it runs in browsers and Node alike:
 *
 *   // worker.js
 *   parentPort.on('message', (job) => bootstrapJob(job, (m) => parentPort.postMessage(m)));
 */
export function bootstrapJob(job: BootstrapJob, post: (message: BootstrapMessage) => void = () => {}): Uncertainty {
  const state = typeof job.state === 'string' ? (JSON.parse(job.state) as ConversationState) : job.state;
  const reference = typeof job.reference === 'string' ? (JSON.parse(job.reference) as KuuloResult) : (job.reference ?? undefined);
  const uncertainty = bootstrap(state, { ...job.options, reference, onProgress: ({ done, total }) => post({ type: 'progress', done, total }) });
  post({ type: 'done', uncertainty });
  return uncertainty;
}
