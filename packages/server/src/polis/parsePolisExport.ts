import {
  checkSignConvention,
  parsePolisCommentsCsv,
  parsePolisCommentsJson,
  parsePolisConversationJson,
  parsePolisSummaryCsv,
  parsePolisVotesCsv,
  parsePolisVotesJson,
  PolisDataError,
  type PolisStatement,
  type Vote,
} from '@kuulo/core';

/** The files of a Polis export, as text. */
export type PolisExportFiles =
  | { format: 'polis-csv'; files: { 'comments.csv': string; 'votes.csv': string; 'summary.csv'?: string } }
  | { format: 'polis-json'; files: { 'comments.json': string; 'votes.json': string; 'conversation.json'?: string } };

/** A parsed export, public vote sign (agree = +1). */
export interface PolisExport {
  topic?: string;
  description?: string;
  strictModeration?: boolean;
  /** Math mode from a Kuulo export's summary.csv (`math-mode` row); Polis exports have none. */
  mode?: 'polis' | 'stable';
  statements: PolisStatement[];
  votes: Vote[];
  /** Whether the votes were negated (they used Polis's internal sign, agree = −1). */
  negated: boolean;
}

/**
 * Parses an open-data CSV export or a Polis API JSON export. With sign 'auto' the vote sign is
 * taken from whichever convention reproduces the comments' agree / disagree counts. Throws
 * PolisDataError naming file, line and field.
 */
export function parsePolisExport(input: PolisExportFiles, sign: 'auto' | 'export' | 'internal' = 'auto'): PolisExport {
  const out: PolisExport = { statements: [], votes: [], negated: false };
  let parseVotes: (s: 'export' | 'internal') => Vote[];
  let votesSource: string;
  let statementsSource: string;
  if (input.format === 'polis-csv') {
    const f = input.files;
    out.statements = parsePolisCommentsCsv(f['comments.csv']).statements;
    parseVotes = (s) => parsePolisVotesCsv(f['votes.csv'], { sign: s });
    [votesSource, statementsSource] = ['votes.csv', 'comments.csv'];
    if (f['summary.csv'] !== undefined) {
      const summary = parsePolisSummaryCsv(f['summary.csv']);
      if (summary.topic) out.topic = summary.topic;
      if (summary['conversation-description']) out.description = summary['conversation-description'];
      const mode = summary['math-mode'];
      if (mode !== undefined && mode !== '') {
        if (mode !== 'polis' && mode !== 'stable') throw new PolisDataError('expected polis or stable', { source: 'summary.csv', field: 'math-mode', value: mode });
        out.mode = mode;
      }
    }
  } else {
    const f = input.files;
    out.statements = parsePolisCommentsJson(f['comments.json']).statements;
    parseVotes = (s) => parsePolisVotesJson(f['votes.json'], { sign: s });
    [votesSource, statementsSource] = ['votes.json', 'comments.json'];
    if (f['conversation.json'] !== undefined) {
      const info = parsePolisConversationJson(f['conversation.json']);
      out.strictModeration = info.strictModeration;
      if (info.topic !== undefined) out.topic = info.topic;
      if (info.description !== undefined) out.description = info.description;
    }
  }
  if (sign !== 'auto') {
    out.votes = parseVotes(sign);
    out.negated = sign === 'internal';
  } else {
    out.votes = parseVotes('export');
    try {
      checkSignConvention(out.votes, out.statements, { votesSource, statementsSource });
    } catch (error) {
      if (!(error instanceof PolisDataError)) throw error;
      out.votes = parseVotes('internal');
      out.negated = true;
    }
  }
  const known = new Set(out.statements.map((s) => s.id));
  const seen = new Set<unknown>();
  for (const s of out.statements) {
    if (seen.has(s.id)) throw new PolisDataError(`statement ${String(s.id)} appears twice`, { source: statementsSource, field: 'comment-id' });
    seen.add(s.id);
  }
  const orphan = out.votes.find((v) => !known.has(v.statement));
  if (orphan) {
    throw new PolisDataError(`vote on statement ${String(orphan.statement)}, which ${statementsSource} does not list`, { source: votesSource, field: 'comment-id', value: String(orphan.statement) });
  }
  return out;
}
