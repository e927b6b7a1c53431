import type { Db } from '../db/db.js';
import { answerColumns, listQuestions } from '../repositories/participantQuestions.js';
import type { RepresentativenessJob } from './mathJob.js';

/** The question id core uses for a meta statement's question. */
export const metaQuestionId = (tid: number): string => `meta:${tid}`;

/**
 * The questions, answers and population shares for the worker, or null when the conversation asks none.
 * Reads every answer (at most participants × questions small rows) on each computation, off the request path.
 */
export async function representativenessJob(db: Db, conversationId: number): Promise<RepresentativenessJob | null> {
  const questions = await listQuestions(db, conversationId);
  if (questions.length === 0) return null;
  const asked = questions.filter((q) => q.meta === null);
  const population: RepresentativenessJob['population'] = [];
  for (const q of questions) {
    const id = q.meta === null ? q.key : metaQuestionId(q.meta);
    for (const a of q.answers) if (a.population !== null) population.push({ question: id, answer: a.key, share: a.population });
  }
  return {
    questions: asked.map((q) => ({ id: q.key, answers: q.answers.map((a) => a.key) })),
    metaStatements: questions.flatMap((q) => (q.meta === null ? [] : [q.meta])),
    answers: await answerColumns(db, conversationId),
    population,
  };
}
