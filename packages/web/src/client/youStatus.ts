import type { Translator } from '@kuulo/viz';
import type { ParticipantMathReply } from './apiTypes';

/** One sentence telling the participant where they are on the map (or why they are not on it yet). */
export function youStatus(reply: ParticipantMathReply | null, pid: number | undefined, t: Translator): string {
  if (!reply || reply.view.groups.length === 0) return t.t('participant.you.noMap');
  if (pid === undefined) return t.t('participant.you.notVoted');
  const you = reply.you;
  if (!you || you.pid !== pid) return t.t('participant.you.pending');
  const group = reply.view.groups.find((g) => g.id === you.group);
  if (!group) return t.t('participant.you.noGroup');
  const where = t.t('participant.you.inGroup', { label: group.label, others: group.size - 1 });
  // With a bootstrap, say when the group itself is a close call for this person (under half the resamples).
  const confidence = you.confidence;
  if (confidence === null || confidence === undefined || confidence >= 0.5) return where;
  return t.t('participant.you.uncertain', { where, label: group.label, share: t.percent(Math.round(100 * confidence) / 100) });
}
