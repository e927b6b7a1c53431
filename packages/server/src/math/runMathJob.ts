import { Conversation, toPolisMath, type ConversationState } from '@kuulo/core';
import type { MathJobInput, MathJobOutput } from './mathJob.js';

/** Restores or continues the conversation, adds the new votes and moderation, recomputes. */
export function runMathJob(job: MathJobInput, cached?: Conversation): { conversation: Conversation; output: MathJobOutput } {
  const t0 = performance.now();
  let conversation: Conversation;
  if (job.base === 'cached') {
    if (!cached) throw new Error(`no cached state for conversation ${job.conversationId}`);
    conversation = cached;
  } else if (job.base.state !== null) {
    conversation = Conversation.restore(JSON.parse(job.base.state) as ConversationState);
  } else {
    conversation = new Conversation({ seed: job.options.seed, strictModeration: job.options.strictModeration });
  }
  conversation.moderate(job.moderation.map((m) => ({ statement: m.tid, moderation: m.moderation, isMeta: m.isMeta })));
  const { pid, tid, vote, time } = job.votes;
  if (pid.length > 0) conversation.addVoteColumns({ participant: pid, statement: tid, vote, time });
  const result = conversation.update();
  const priorities: Record<string, number> = {};
  result.statements.forEach((statement, i) => (priorities[String(statement)] = result.priorities[i]!));
  const output: MathJobOutput = {
    result: JSON.stringify(result),
    polis: JSON.stringify(toPolisMath(result)),
    state: JSON.stringify(conversation.serialize({ votes: false })),
    priorities: JSON.stringify(priorities),
    groups: result.groups.length,
    durationMs: performance.now() - t0,
  };
  return { conversation, output };
}
