import { bootstrap, Conversation, withUncertainty, type ConversationOptions, type KuuloResult } from '@kuulo/core';
import type { UncertaintyJobInput, UncertaintyJobOutput } from './uncertaintyJob.js';

/**
 * Bootstraps a stored result: rebuilds the conversation from the votes the result saw, under the
 * result's own options (mode, seed, bridging), and runs core's `bootstrap` against it as reference.
 */
export function runUncertaintyJob(job: UncertaintyJobInput, onProgress: (done: number, total: number) => void = () => {}): UncertaintyJobOutput {
  const t0 = performance.now();
  const reference = JSON.parse(job.reference) as KuuloResult;
  const conversation = new Conversation(reference.options as ConversationOptions);
  conversation.moderate(job.moderation.map((m) => ({ statement: m.tid, moderation: m.moderation, isMeta: m.isMeta })));
  const { pid, tid, vote, time } = job.votes;
  if (pid.length > 0) conversation.addVoteColumns({ participant: pid, statement: tid, vote, time });
  const uncertainty = bootstrap(conversation, {
    reference,
    resamples: job.options.resamples,
    unit: job.options.unit,
    ...(job.options.seed !== null && { seed: job.options.seed }),
    onProgress: ({ done, total }) => onProgress(done, total),
  });
  // withUncertainty checks the alignment (one confidence per participant, same groups) once, here, so the server can attach the stored JSON as is.
  const checked = withUncertainty(reference, uncertainty).uncertainty!;
  return { uncertainty: JSON.stringify(checked), seed: checked.seed, durationMs: performance.now() - t0 };
}
