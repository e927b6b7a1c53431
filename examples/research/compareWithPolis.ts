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
  /** ARI of the replay with `polisEra: 'auto'` (Polis's code of each tick's date). */
  eraAri: number;
  /** ARI of the era replay with the 2017–2018 vote-count rule (`inConvCountsModeratedOut`) switched off. */
  eraNoCountAri: number;
  /** Jaccard of the participants Polis put in a group and those the replay did, without and with the era rules. */
  inConv: number;
  eraInConv: number;
}

export interface CompareOptions {
  /** Updates the replay is split into. Default 500 (core's replay default). */
  batches?: number;
  /** Seed of every random choice. Default 0. */
  seed?: number;
}

/**
 * Reads an open-data export folder (votes.csv, comments.csv, participants-votes.csv), runs Kuulo
 * three times (replayed, replayed with Polis's code eras, in one update) and measures each against
 * Polis's `group-id` column.
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
  const era = replay(votes, { ...common, batches: options.batches ?? 500, polisEra: 'auto' });
  // Exports carry only the final moderation, applied from the first tick: that rule then over-counts early on.
  const eraNoCount = replay(votes, { ...common, batches: options.batches ?? 500, polisEra: { rules: { inConvCountsModeratedOut: false } } });
  const agreement = ari(replayed, polis);
  return {
    conversation,
    participants: agreement.participants,
    polisGroups: new Set(polis.participants.flatMap((p) => (p.groupId === null ? [] : [p.groupId]))).size,
    groups: replayed.groups.length,
    ari: agreement.ari,
    coldAri: ari(cold, polis).ari,
    eraAri: ari(era, polis).ari,
    eraNoCountAri: ari(eraNoCount, polis).ari,
    inConv: groupedJaccard(replayed, polis),
    eraInConv: groupedJaccard(era, polis),
  };
}

/** Jaccard of the sets of participants each side put in a group (1 when both are empty). */
function groupedJaccard(result: KuuloResult, polis: PolisParticipantsVotes): number {
  const ours = new Set(result.participants.filter((_, r) => result.participantGroup[r] != null).map(String));
  const theirs = new Set(polis.participants.filter((p) => p.groupId !== null).map((p) => String(p.id)));
  let shared = 0;
  for (const id of ours) if (theirs.has(id)) shared++;
  const union = ours.size + theirs.size - shared;
  return union === 0 ? 1 : shared / union;
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
