import type { VoteBatch } from './mathJob.js';

/** One bootstrap request for a worker thread: the stored result and exactly the votes it was computed from. */
export interface UncertaintyJobInput {
  conversationId: number;
  /** The math tick the result belongs to. */
  tick: number;
  /** The stored KuuloResult JSON (the reference the resamples are matched to). */
  reference: string;
  /** Every vote history row up to the result's last vote (latest per cell wins in core). */
  votes: VoteBatch;
  moderation: { tid: number; moderation: -1 | 0 | 1; isMeta: boolean }[];
  /** Resamples to run; seed null means the result's own seed. */
  options: { resamples: number; seed: number | null; unit: 'participants' | 'votes' };
}

/** What the worker answers: the Uncertainty as JSON, already checked against the reference. */
export interface UncertaintyJobOutput {
  uncertainty: string;
  /** The seed the resampling used (the result's seed unless one was given). */
  seed: number;
  durationMs: number;
}

export type ToUncertaintyWorker = { type: 'bootstrap'; id: number; job: UncertaintyJobInput };
export type FromUncertaintyWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'bootstrapped'; id: number; output: UncertaintyJobOutput }
  | { type: 'failed'; id: number; message: string };
