import { generateConversation } from '../../../bench/synthetic/generateConversation.js';

export interface SyntheticImport {
  /** JSON body of POST /api/v1/conversations/import (format polis-csv). */
  body: string;
  votes: number;
  participants: number;
  statements: number;
}

/**
 * A synthetic conversation (bench/synthetic, planted groups) as the body of a Polis CSV import. The
 * votes.csv leaves out Polis's `datetime` column (the importer treats it as optional), so 1 M votes
 * take ~27 MB and fit under the server's 50 MB import body limit; with it they would take ~53 MB.
 */
export function syntheticImportBody(options: { id: string; participants: number; statements: number; votes: number; seed: number }): SyntheticImport {
  const { participants, statements } = options;
  const density = options.votes / (participants * statements);
  if (!(density > 0 && density <= 1)) {
    throw new RangeError(`${options.votes} votes do not fit ${participants} participants × ${statements} statements (density ${density})`);
  }
  const c = generateConversation({ participants, comments: statements, density, seed: options.seed });
  const lines = ['timestamp,comment-id,voter-id,vote'];
  const agrees = new Int32Array(statements);
  const disagrees = new Int32Array(statements);
  for (let k = 0; k < c.vote.length; k++) {
    const v = c.vote[k]!;
    lines.push(`${Math.round(c.time[k]!)},${c.statement[k]},${c.participant[k]},${v}`);
    if (v === 1) agrees[c.statement[k]!]!++;
    else if (v === -1) disagrees[c.statement[k]!]!++;
  }
  const comments = ['timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body'];
  for (let j = 0; j < statements; j++) {
    comments.push(`${Math.round(c.statementTime[j]!)},${j},${c.statementAuthor[j]},${agrees[j]},${disagrees[j]},1,"Synthetic statement ${j}"`);
  }
  const body = JSON.stringify({
    id: options.id,
    topic: `Bench conversation ${options.id}`,
    format: 'polis-csv',
    files: { 'comments.csv': comments.join('\n') + '\n', 'votes.csv': lines.join('\n') + '\n' },
  });
  return { body, votes: c.vote.length, participants, statements };
}
