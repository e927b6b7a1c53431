import type { Translator } from '@kuulo/viz';
import type { ParticipantMathReply } from './apiTypes';
import { votesToJoin, type VoteProgress } from './groupJoin';
import { viewPrivacy } from './viewPrivacy';

/** Why there is no map yet, in one sentence: too few voters (with the count), groups below the privacy floor, or no math. */
export function noMapStatus(reply: ParticipantMathReply | null, t: Translator): string {
  const privacy = reply && viewPrivacy(reply.view);
  if (privacy && !privacy.published) return t.t('participant.map.notYet', { minimum: privacy.mapMinimum, count: privacy.participants });
  if (privacy && privacy.hiddenGroups > 0) return t.t('participant.map.groupsTooSmall', { floor: privacy.floor });
  return t.t('participant.you.noMap');
}

/**
 * One sentence telling the participant where they are on the map (or why they are not on it yet).
 * With `progress` (their own votes), an ungrouped participant learns whether the next update will
 * place them or their group is too small to show.
 */
export function youStatus(reply: ParticipantMathReply | null, pid: number | undefined, t: Translator, progress?: VoteProgress): string {
  if (!reply || reply.view.groups.length === 0) return noMapStatus(reply, t);
  if (pid === undefined) return t.t('participant.you.notVoted');
  const you = reply.you;
  if (!you || you.pid !== pid) return t.t('participant.you.pending');
  const group = reply.view.groups.find((g) => g.id === you.group);
  if (!group) return ungrouped(reply, t, progress);
  const where = t.t('participant.you.inGroup', { label: group.label, others: group.size - 1 });
  // With a bootstrap, say when the group itself is a close call for this person (under half the resamples).
  const confidence = you.confidence;
  if (confidence === null || confidence === undefined || confidence >= 0.5) return where;
  return t.t('participant.you.uncertain', { where, label: group.label, share: t.percent(Math.round(100 * confidence) / 100) });
}

function ungrouped(reply: ParticipantMathReply, t: Translator, progress: VoteProgress | undefined): string {
  if (!progress) return t.t('participant.you.noGroup');
  const need = votesToJoin(progress);
  // How many more votes it takes is said once, in the legend under the map.
  if (need > 0) return t.t('participant.you.ungrouped');
  // Enough votes: either in a group the floor hides, or the math has not caught up with them yet.
  const privacy = viewPrivacy(reply.view);
  if (privacy && privacy.hiddenParticipants > 0) return t.t('participant.you.hiddenGroup', { floor: privacy.floor });
  return t.t('participant.you.pending');
}
