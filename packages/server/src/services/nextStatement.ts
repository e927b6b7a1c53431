import { lcg, pickNextStatement } from '@kuulo/core';
import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ConversationRow } from '../repositories/conversations.js';
import { countStatements, findStatement, type StatementRow } from '../repositories/statements.js';
import { unvotedStatementIds } from '../repositories/statements.js';

export interface NextStatement {
  statement: StatementRow | null;
  remaining: number;
  total: number;
}

/** 32-bit FNV-1a of the text: mixes conversation seed, participant and progress into one LCG seed. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The next statement for a participant: a draw weighted by the latest comment priorities among the
 * visible statements they have not voted on (Polis §14.2). The draw is seeded by the conversation,
 * the participant and how many statements they have left, so it is reproducible; anonymous
 * visitors get an unseeded draw. With `languages`, only statements written in one of them (or in an
 * unknown language) are drawn and counted.
 */
export async function nextStatement(
  request: FastifyRequest,
  conversation: ConversationRow,
  pid: number | null,
  without: readonly number[] = [],
  languages?: readonly string[],
): Promise<NextStatement> {
  const db = request.server.db;
  const open = await unvotedStatementIds(db, conversation.id, pid, conversation.strictModeration, languages);
  const total = await countStatements(db, conversation.id, conversation.strictModeration ? 'visible-strict' : 'visible', languages);
  const skip = new Set(without);
  const candidates = open.filter((tid) => !skip.has(tid));
  const priorities = await request.server.kuulo.math.priorities(conversation.id);
  const seed = pid === null ? randomInt(2 ** 31) : seedOf(`${conversation.seed}:${pid}:${open.length}`);
  const tid = pickNextStatement(candidates, (t) => priorities?.get(t), lcg(seed));
  return { statement: tid === null ? null : (await findStatement(db, conversation.id, tid) ?? null), remaining: open.length, total };
}
