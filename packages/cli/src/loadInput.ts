import { extname } from 'node:path';
import {
  checkSignConvention,
  parsePolisCommentsCsv,
  parsePolisCommentsJson,
  parsePolisConversationJson,
  PolisDataError,
  type ConversationOptions,
  type PolisComments,
  type PolisVoteColumns,
  type StatementModeration,
  type StatementVoteCounts,
  type Vote,
} from '@kuulo/core';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { companionFiles } from './companionFiles.js';
import { longInputBytes, readText, readVotes, statFile, type LoadedVotes } from './readVotes.js';

/** The input options shared by `kuulo analyze` and `kuulo replay`. */
export interface InputOptions {
  /** Comments file; undefined looks beside the votes file, false uses none. */
  comments?: string | boolean;
  /** conversation.json; undefined looks beside the votes file, false uses none. */
  conversation?: string | boolean;
  /** Overrides conversation.json's strict_moderation. */
  strictModeration?: boolean;
  /** Seed of every random choice. Default 0. */
  seed?: number;
  /** Clustering mode. Default 'polis'. */
  mode?: 'polis' | 'stable';
  /** Sign convention of the votes file. Default 'export'. */
  sign?: 'export' | 'internal';
  /** Compare votes with the comments' agree/disagree counts. Default true. */
  signCheck?: boolean;
  quiet?: boolean;
  /** 1: everything on this thread; 2 (default on two cores): a big votes.csv is parsed, and the PCA of over 4 M votes computed, on two. */
  threads?: 1 | 2;
}

/** A votes file with its companion files read, checked and turned into conversation settings. */
export interface LoadedInput {
  votesPath: string;
  loaded: LoadedVotes;
  /** Number of vote rows in the file. */
  count: number;
  /** Votes file size in bytes. */
  bytes: number;
  /** At least `longInputBytes`, and not --quiet: worth progress messages. */
  long: boolean;
  comments: PolisComments | null;
  commentsPath: string | null;
  conversationPath: string | null;
  conversationOptions: ConversationOptions & { seed: number; strictModeration: boolean };
  moderation: StatementModeration[];
  /** Writes `kuulo: text` on stderr for long inputs only. */
  say: (text: string) => void;
  /**
   * The sign check still to run, when `loadInput` was asked to defer it for a votes.csv (the caller
   * counts the latest votes from the conversation's matrix, which costs far less than from the raw
   * columns); null when it ran already or does not apply.
   */
  signCheck: ((votes: readonly Vote[] | PolisVoteColumns | StatementVoteCounts) => void) | null;
}

/**
 * Reads a votes file and its comments / conversation files (given or found beside it), checks the
 * vote sign against the comments' counts, and resolves seed and strict moderation.
 */
export async function loadInput(votesPath: string, options: InputOptions, io: CliIo, load: { deferSignCheck?: boolean } = {}): Promise<LoadedInput> {
  const started = performance.now();
  const bytes = (await statFile(votesPath)).size;
  const long = !options.quiet && bytes >= longInputBytes;
  const say = (text: string) => {
    if (long) io.stderr.write(`kuulo: ${text}\n`);
  };
  const files = companionFiles(votesPath, options);
  // Read while this thread waits for the other's part of the votes (any error is reported after the votes' own).
  let commentsRead: Promise<PolisComments> | null = null;
  const readCommentsOnce = (path: string) => (commentsRead ??= readComments(path));
  const whileWaiting = files.comments === null ? undefined : () => void readCommentsOnce(files.comments!).catch(() => {});
  const loaded = await readVotes(votesPath, io, { sign: options.sign ?? 'export', progress: long, whileWaiting, ...(options.threads === 1 ? { parallelBytes: Infinity } : {}) });
  const count = loaded.format === 'json' ? loaded.votes.length : loaded.length;
  say(`read ${count} votes from ${votesPath} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const comments = files.comments === null ? null : await readCommentsOnce(files.comments);
  const signCheck =
    comments === null || options.signCheck === false
      ? null
      : (votes: readonly Vote[] | PolisVoteColumns | StatementVoteCounts) => {
          try {
            checkSignConvention(votes, comments.statements, { votesSource: votesPath, statementsSource: files.comments as string });
          } catch (error) {
            if (!(error instanceof PolisDataError)) throw error;
            throw new CliError(`${error.message.replace("pass sign: 'internal'", 'pass --sign internal')} (or --no-sign-check)`);
          }
        };
  const deferred = signCheck !== null && load.deferSignCheck === true && loaded.format === 'csv';
  if (signCheck !== null && !deferred) signCheck(loaded.format === 'json' ? loaded.votes : loaded.columns);
  const strict = files.conversation === null ? false : parsePolisConversationJson(await readText(files.conversation), { source: files.conversation }).strictModeration;
  return {
    votesPath,
    loaded,
    count,
    bytes,
    long,
    comments,
    commentsPath: files.comments,
    conversationPath: files.conversation,
    conversationOptions: { seed: options.seed ?? 0, mode: options.mode ?? 'polis', strictModeration: options.strictModeration ?? strict },
    moderation: comments?.moderation ?? [],
    say,
    signCheck: deferred ? signCheck : null,
  };
}

/** The votes as `Vote` objects (columns from a votes.csv are expanded; NaN time means none). */
export function votesOf(loaded: LoadedVotes): Vote[] {
  if (loaded.format === 'json') return loaded.votes;
  const c = loaded.columns;
  return Array.from({ length: c.length }, (_, i) => {
    const vote: Vote = { participant: c.participant[i]!, statement: c.statement[i]!, vote: c.vote[i] as Vote['vote'] };
    const t = c.time[i]!;
    if (t === t) vote.time = t;
    return vote;
  });
}

/** Votes with a time each, as replays need; the error names the file. */
export function timedVotes(input: LoadedInput, flag: string): Vote[] {
  const votes = votesOf(input.loaded);
  if (votes.some((v) => v.time === undefined)) throw new CliError(`${flag} needs vote times, and ${input.votesPath} has votes without one`);
  return votes;
}

async function readComments(path: string): Promise<PolisComments> {
  const text = await readText(path);
  const ext = extname(path).toLowerCase();
  const json = ext === '.json' || (ext !== '.csv' && text.trimStart().startsWith('['));
  return json ? parsePolisCommentsJson(text, { source: path }) : parsePolisCommentsCsv(text, { source: path });
}
