import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  adjustedRandIndex,
  parsePolisCommentsCsv,
  parsePolisParticipantsVotesCsv,
  parsePolisVotesCsv,
  replay,
  type KuuloResult,
  type PolisParticipantsVotes,
} from '@kuulo/core';

/** One conversation's agreement with the groups Polis published. */
export interface PolisAgreement {
  conversation: string;
  /** Participants Polis and the replayed Kuulo run both put in a group. */
  participants: number;
  polisGroups: number;
  groups: number;
  /** ARI of the replayed run (time order, `batches` updates, then Polis's restart tick). */
  ari: number;
  /** ARI of a single cold update over all votes (what `kuulo analyze` does without --replay). */
  coldAri: number;
}

export interface CompareOptions {
  /** Updates the replay is split into. Default 500 (core's replay default). */
  batches?: number;
  /** Seed of every random choice. Default 0. */
  seed?: number;
}

/**
 * Reads an open-data export folder (votes.csv, comments.csv, participants-votes.csv), runs Kuulo
 * twice, replayed and in one update, and measures each against Polis's `group-id` column.
 */
export function compareWithPolis(dir: string, conversation: string, options: CompareOptions = {}): PolisAgreement {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const votes = parsePolisVotesCsv(read('votes.csv'), { source: join(dir, 'votes.csv') });
  const comments = parsePolisCommentsCsv(read('comments.csv'), { source: join(dir, 'comments.csv') });
  const polis = parsePolisParticipantsVotesCsv(read('participants-votes.csv'), { source: join(dir, 'participants-votes.csv') });
  const common = { seed: options.seed ?? 0, moderation: comments.moderation };
  const replayed = replay(votes, { ...common, batches: options.batches ?? 500 });
  // One batch: every vote in (statement, participant, time) order, Polis's reload order, one update.
  const cold = replay(votes, { ...common, batches: 1, finalRestart: false });
  const agreement = ari(replayed, polis);
  return {
    conversation,
    participants: agreement.participants,
    polisGroups: new Set(polis.participants.flatMap((p) => (p.groupId === null ? [] : [p.groupId]))).size,
    groups: replayed.groups.length,
    ari: agreement.ari,
    coldAri: ari(cold, polis).ari,
  };
}

/** ARI over the participants both sides put in a group. */
function ari(result: KuuloResult, polis: PolisParticipantsVotes): { ari: number; participants: number } {
  const ours = new Map(result.participants.map((p, r) => [String(p), result.participantGroup[r]]));
  const both = polis.participants.filter((p) => p.groupId !== null && ours.get(String(p.id)) != null);
  return {
    ari: adjustedRandIndex(both.map((p) => ours.get(String(p.id))!), both.map((p) => p.groupId!)),
    participants: both.length,
  };
}
