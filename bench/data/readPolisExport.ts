import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parsePolisCommentsCsv, parsePolisParticipantsVotesCsv, type StatementModeration } from '../../packages/core/src/index.js';
import { readVotesFile } from '../pipeline/readVotesFile.js';
import type { VoteColumns } from './voteColumns.js';

/** Reference groups to score against: Polis's `group-id`, or the planted truth of a synthetic export. */
export interface ReferenceGroups {
  source: 'polis group-id' | 'planted';
  /** Participant ids, with `group[i]` the group of `participant[i]` (−1 = not clustered). */
  participant: Int32Array;
  group: Int32Array;
  /** Number of distinct groups (the k a baseline is given). */
  k: number;
}

export interface PolisExport {
  name: string;
  votes: VoteColumns;
  /** Moderation per statement from comments.csv (`moderated`: −1 out, 0 unmoderated, 1 in). */
  moderation: StatementModeration[];
  reference: ReferenceGroups | null;
}

/**
 * Read a Polis open-data export folder with core's loaders: `votes.csv` (required), `comments.csv`
 * (moderation, optional), and the groups to score against from `participants-votes.csv`
 * (`group-id`) or else `truth.json` (written by `writePolisExport`).
 */
export function readPolisExport(dir: string): PolisExport {
  const votesPath = join(dir, 'votes.csv');
  if (!existsSync(votesPath)) throw new Error(`no votes.csv in ${dir}`);
  const votes = readVotesFile(votesPath);
  return { name: basename(dir), votes, moderation: readModeration(dir), reference: readReference(dir) };
}

function readModeration(dir: string): StatementModeration[] {
  const path = join(dir, 'comments.csv');
  if (!existsSync(path)) return [];
  return parsePolisCommentsCsv(readFileSync(path, 'utf8'), { source: path }).moderation;
}

function readReference(dir: string): ReferenceGroups | null {
  const polisPath = join(dir, 'participants-votes.csv');
  if (existsSync(polisPath)) {
    const { participants } = parsePolisParticipantsVotesCsv(readFileSync(polisPath, 'utf8'), { source: polisPath });
    const participant = Int32Array.from(participants, (p) => p.id);
    const group = Int32Array.from(participants, (p) => p.groupId ?? -1);
    return { source: 'polis group-id', participant, group, k: new Set(group.filter((g) => g >= 0)).size };
  }
  const truthPath = join(dir, 'truth.json');
  if (existsSync(truthPath)) {
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as { participantGroup?: number[] };
    if (!Array.isArray(truth.participantGroup)) throw new Error(`${truthPath}: missing participantGroup array`);
    const group = Int32Array.from(truth.participantGroup);
    const participant = Int32Array.from(group, (_, i) => i);
    return { source: 'planted', participant, group, k: new Set(group).size };
  }
  return null;
}
