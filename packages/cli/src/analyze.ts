import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  checkSignConvention,
  Conversation,
  parsePolisCommentsCsv,
  parsePolisCommentsJson,
  parsePolisConversationJson,
  PolisDataError,
  replay,
  toPolisMath,
  type ConversationOptions,
  type KuuloResult,
  type PolisComments,
  type Vote,
} from '@kuulo/core';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { companionFiles } from './companionFiles.js';
import { reloadOrderColumns, reloadOrderVotes } from './reloadOrder.js';
import { longInputBytes, readText, readVotes, statFile, type LoadedVotes } from './readVotes.js';

export interface AnalyzeOptions {
  /** Comments file; undefined looks beside the votes file, false uses none. */
  comments?: string | boolean;
  /** conversation.json; undefined looks beside the votes file, false uses none. */
  conversation?: string | boolean;
  /** Overrides conversation.json's strict_moderation. */
  strictModeration?: boolean;
  /** Re-run the conversation in time-ordered batches (see core `replay`) instead of one update. */
  replay?: boolean;
  batchSize?: number;
  batches?: number;
  batchMs?: number;
  finalRestart?: boolean;
  seed?: number;
  format?: 'kuulo' | 'polis';
  sign?: 'export' | 'internal';
  /** Compare votes with the comments' agree/disagree counts. Default true. */
  signCheck?: boolean;
  out?: string;
  pretty?: boolean;
  quiet?: boolean;
}

/** `kuulo analyze`: load a Polis export, run the math, write the result as JSON. */
export async function analyze(votesPath: string, options: AnalyzeOptions, io: CliIo): Promise<void> {
  const started = performance.now();
  const long = !options.quiet && (await statFile(votesPath)).size >= longInputBytes;
  const say = (text: string) => long && io.stderr.write(`kuulo: ${text}\n`);
  if (!options.replay && (options.batchSize !== undefined || options.batches !== undefined || options.batchMs !== undefined)) {
    throw new CliError('--batch-size, --batches and --batch-ms need --replay');
  }

  const loaded = await readVotes(votesPath, io, { sign: options.sign ?? 'export', progress: long });
  const count = loaded.format === 'json' ? loaded.votes.length : loaded.columns.length;
  say(`read ${count} votes from ${votesPath} in ${seconds(started)}`);

  const files = companionFiles(votesPath, options);
  const comments = files.comments === null ? null : await readComments(files.comments);
  if (comments !== null && options.signCheck !== false) {
    try {
      checkSignConvention(loaded.format === 'json' ? loaded.votes : loaded.columns, comments.statements, {
        votesSource: votesPath,
        statementsSource: files.comments as string,
      });
    } catch (error) {
      if (!(error instanceof PolisDataError)) throw error;
      throw new CliError(`${error.message.replace("pass sign: 'internal'", 'pass --sign internal')} (or --no-sign-check)`);
    }
  }
  const strict = files.conversation === null ? false : parsePolisConversationJson(await readText(files.conversation), { source: files.conversation }).strictModeration;
  const conversationOptions: ConversationOptions = { seed: options.seed ?? 0, strictModeration: options.strictModeration ?? strict };
  const moderation = comments?.moderation ?? [];

  say(options.replay ? `replaying ${count} votes` : `computing groups from ${count} votes`);
  const result = options.replay ? runReplay(votesPath, loaded, moderation, conversationOptions, options) : runOnce(loaded, moderation, conversationOptions);
  say(`${result.participants.length} participants × ${result.statements.length} statements, ${result.groups.length} groups, ${seconds(started)} in all`);

  const json = `${JSON.stringify(options.format === 'polis' ? toPolisMath(result) : result, null, options.pretty ? 2 : undefined)}\n`;
  if (options.out === undefined) io.stdout.write(json);
  else {
    await writeFile(options.out, json);
    say(`wrote ${options.out}`);
  }
}

function runOnce(loaded: LoadedVotes, moderation: PolisComments['moderation'], options: ConversationOptions): KuuloResult {
  const conversation = new Conversation(options);
  conversation.moderate(moderation);
  if (loaded.format === 'json') conversation.addVotes(reloadOrderVotes(loaded.votes));
  else {
    const { participant, statement, vote, time } = reloadOrderColumns(loaded.columns);
    conversation.addVoteColumns({ participant, statement, vote, time });
  }
  return conversation.update();
}

function runReplay(
  votesPath: string,
  loaded: LoadedVotes,
  moderation: PolisComments['moderation'],
  conversationOptions: ConversationOptions,
  options: AnalyzeOptions,
): KuuloResult {
  const votes = loaded.format === 'json' ? loaded.votes : columnsToVotes(loaded.columns);
  if (votes.some((v) => v.time === undefined)) throw new CliError(`--replay needs vote times, and ${votesPath} has votes without one`);
  return replay(votes, {
    ...conversationOptions,
    moderation,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.batches === undefined ? {} : { batches: options.batches }),
    ...(options.batchMs === undefined ? {} : { batchMs: options.batchMs }),
    finalRestart: options.finalRestart ?? true,
  });
}

function columnsToVotes(c: Extract<LoadedVotes, { format: 'csv' }>['columns']): Vote[] {
  return Array.from({ length: c.length }, (_, i) => {
    const vote: Vote = { participant: c.participant[i]!, statement: c.statement[i]!, vote: c.vote[i] as Vote['vote'] };
    const t = c.time[i]!;
    if (t === t) vote.time = t;
    return vote;
  });
}

async function readComments(path: string): Promise<PolisComments> {
  const text = await readText(path);
  const ext = extname(path).toLowerCase();
  const json = ext === '.json' || (ext !== '.csv' && text.trimStart().startsWith('['));
  return json ? parsePolisCommentsJson(text, { source: path }) : parsePolisCommentsCsv(text, { source: path });
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
