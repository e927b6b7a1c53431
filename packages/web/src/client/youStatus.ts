import type { ParticipantMathReply } from './apiTypes';

/** One sentence telling the participant where they are on the map (or why they are not on it yet). */
export function youStatus(reply: ParticipantMathReply | null, pid: number | undefined): string {
  if (!reply || reply.view.groups.length === 0) return 'The map appears once enough people have voted.';
  if (pid === undefined) return 'Vote on a few statements to see where you stand.';
  const you = reply.you;
  if (!you || you.pid !== pid) return 'Thanks for voting: your place on the map appears with the next update.';
  const group = reply.view.groups.find((g) => g.id === you.group);
  if (!group) return 'You are on the map, not in a group yet: vote on more statements to join one.';
  const others = group.size - 1;
  const where = `You are in group ${group.label}, with ${others} other participant${others === 1 ? '' : 's'}.`;
  // With a bootstrap, say when the group itself is a close call for this person (under half the resamples).
  const confidence = you.confidence;
  if (confidence === null || confidence === undefined || confidence >= 0.5) return where;
  return `${where} Your place is uncertain: when the groups were recomputed on resampled votes, you stayed in group ${group.label} only ${Math.round(100 * confidence)}% of the time.`;
}
