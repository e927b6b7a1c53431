import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { KuuloResult } from '@kuulo/core';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { loadInput, timedVotes, type InputOptions } from './loadInput.js';
import { createProgress } from './progress.js';
import { replaySteps } from '@kuulo/core';

export interface ReplayGroupsOptions extends InputOptions {
  /** Votes per update, in time order. Required. */
  every: number;
  /** Add each participant's group to every line. Default false. */
  members?: boolean;
  /** End with Polis's restart tick as one more line (`"restart": true`). Default false. */
  finalRestart?: boolean;
  /** Core's `polisEra` ('auto': Polis's code of each update's date). Default 'off'. */
  polisEra?: 'auto' | 'off';
  /** Output file. Default stdout. */
  out?: string;
}

/** One line of `kuulo replay`: the groups after `votes` votes. */
export interface GroupsSnapshot {
  votes: number;
  participants: number;
  /** Clustered participants (Polis in-conv). */
  clustered: number;
  tick: number;
  lastVoteTime: number;
  /** Groups shown after smoothing, and the best k of this update alone. */
  k: number;
  bestK: number;
  restart?: true;
  groups: { id: number; label: string; size: number }[];
  /** Participant id → group id (null when not in a group); with --members only. */
  participantGroup?: Record<string, number | null>;
}

/**
 * `kuulo replay --every N`: replays the votes in time order, N per update (core's replay protocol,
 * without the final restart unless asked), and writes the groups after each update as a JSON line.
 */
export async function replayGroups(votesPath: string, options: ReplayGroupsOptions, io: CliIo): Promise<void> {
  const input = await loadInput(votesPath, options, io);
  const votes = timedVotes(input, 'kuulo replay');
  const steps = replaySteps(votes, {
    ...input.conversationOptions,
    moderation: input.moderation,
    batchSize: options.every,
    finalRestart: options.finalRestart ?? false,
    ...(options.polisEra === undefined ? {} : { polisEra: options.polisEra }),
  });
  const file = options.out === undefined ? null : await openOutput(options.out);
  const write = async (text: string) => {
    if (file === null) io.stdout.write(text);
    else if (!file.write(text)) await once(file, 'drain');
  };
  const progress = createProgress(io, 'replaying votes', votes.length, { enabled: !options.quiet && (io.stderr.isTTY === true || input.long) });
  try {
    for (const step of steps) {
      progress.update(step.votes);
      await write(`${JSON.stringify(snapshot(step.result, step.votes, step.restart, options.members ?? false))}\n`);
    }
  } finally {
    progress.stop();
    if (file !== null) {
      file.end();
      await once(file, 'close');
    }
  }
  input.say(`wrote ${Math.ceil(votes.length / options.every)} lines${options.out === undefined ? '' : ` to ${options.out}`}`);
}

async function openOutput(path: string) {
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  }
  return file;
}

/** The groups of one update, JSON-safe. */
export function snapshot(result: KuuloResult, votes: number, restart: boolean, members: boolean): GroupsSnapshot {
  const line: GroupsSnapshot = {
    votes,
    participants: result.participants.length,
    clustered: result.inConv.length,
    tick: result.tick,
    lastVoteTime: result.lastVoteTime,
    k: result.k.chosen,
    bestK: result.k.best,
    groups: result.groups.map((g) => ({ id: g.id, label: g.label, size: g.size })),
  };
  if (restart) line.restart = true;
  if (members) line.participantGroup = Object.fromEntries(result.participants.map((p, r) => [String(p), result.participantGroup[r] ?? null]));
  return line;
}
