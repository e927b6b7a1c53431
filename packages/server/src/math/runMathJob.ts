import { Conversation, participantView, publishedPolisMath, publishResult, representativeness, toPolisMath, type ConversationState, type KuuloResult } from '@kuulo/core';
import type { MathJobInput, MathJobOutput, RepresentativenessJob } from './mathJob.js';
import { encodeParticipantPlaces } from './participantPlaces.js';

/** Restores or continues the conversation, adds the new votes and moderation, recomputes. */
export function runMathJob(job: MathJobInput, cached?: Conversation): { conversation: Conversation; output: MathJobOutput } {
  const t0 = performance.now();
  const { options } = job;
  let conversation: Conversation;
  if (job.base === 'cached') {
    if (!cached) throw new Error(`no cached state for conversation ${job.conversationId}`);
    // The service never sends a cached job across a settings change; a mismatch here is a bug, not data.
    if (cached.options.mode !== options.mode || cached.options.bridging !== options.bridging) {
      throw new Error(`cached state of conversation ${job.conversationId} has mode ${cached.options.mode}, bridging ${cached.options.bridging}; expected ${options.mode}, ${options.bridging}`);
    }
    conversation = cached;
  } else {
    const state = job.base.state === null ? null : (JSON.parse(job.base.state) as ConversationState);
    // A state that still places an excluded participant (the server stopped before the cold recompute) starts cold instead.
    const excluded = new Set(job.excluded ?? []);
    const placesExcluded = state !== null && excluded.size > 0 && state.participants.some((p) => excluded.has(p as number));
    // A state of the other mode must not warm-start this one (its row order, clusters and smoother differ).
    conversation =
      state !== null && !placesExcluded && state.options.mode === options.mode
        ? Conversation.restore({
            ...state,
            options: {
              ...state.options,
              bridging: options.bridging,
              strictModeration: options.strictModeration,
              pcaRefitShare: options.pcaRefitShare,
              ...(options.stableMinGroupSize !== undefined && { stableMinGroupSize: options.stableMinGroupSize }),
            },
          })
        : new Conversation(options);
  }
  conversation.moderate(job.moderation.map((m) => ({ statement: m.tid, moderation: m.moderation, isMeta: m.isMeta })));
  const { pid, tid, vote, time } = job.votes;
  if (pid.length > 0) conversation.addVoteColumns({ participant: pid, statement: tid, vote, time });
  const result = conversation.update();
  const priorities: Record<string, number> = {};
  result.statements.forEach((statement, i) => (priorities[String(statement)] = result.priorities[i]!));
  const published = publishResult(result, { floor: job.privacyFloor });
  const output: MathJobOutput = {
    result: JSON.stringify(result),
    polis: JSON.stringify(toPolisMath(result, { copy: false })),
    publicResult: JSON.stringify(published),
    publicPolis: JSON.stringify(publishedPolisMath(published)),
    state: JSON.stringify(conversation.serialize({ votes: false })),
    priorities: JSON.stringify(priorities),
    participantView: JSON.stringify(participantView(result, { privacyFloor: job.privacyFloor })),
    // A hidden group's members are placed without a group, as the published result has them.
    participantPlaces: encodeParticipantPlaces(published),
    representativeness: job.representativeness ? representativenessOf(conversation, result, job.representativeness, job.privacyFloor) : null,
    groups: result.groups.length,
    durationMs: performance.now() - t0,
  };
  return { conversation, output };
}

/** Core's representativeness section of this result as JSON; a failure is stored as `{ error }` rather than failing the math. */
function representativenessOf(conversation: Conversation, result: KuuloResult, job: RepresentativenessJob, floor: number): string {
  const { pid, question, answer } = job.answers;
  const answers = pid.map((p, i) => ({ participant: p, question: question[i]!, answer: answer[i]! }));
  try {
    return JSON.stringify(representativeness({ result, votes: conversation.voteMatrix(), questions: job.questions, answers, population: job.population }, { floor, metaQuestions: job.metaStatements }));
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
  }
}
