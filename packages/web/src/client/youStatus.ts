import type { KuuloResult } from '@kuulo/core';

/** One sentence telling the participant where they are on the map (or why they are not on it yet). */
export function youStatus(result: KuuloResult | null, pid: number | undefined): string {
  if (!result || result.groups.length === 0) return 'The map appears once enough people have voted.';
  if (pid === undefined) return 'Vote on a few statements to see where you stand.';
  const row = result.participants.findIndex((p) => String(p) === String(pid));
  if (row < 0) return 'Thanks for voting: your place on the map appears with the next update.';
  const groupId = result.participantGroup[row];
  const group = result.groups.find((g) => g.id === groupId);
  if (!group) return 'You are on the map, not in a group yet: vote on more statements to join one.';
  const others = group.size - 1;
  const where = `You are in group ${group.label}, with ${others} other participant${others === 1 ? '' : 's'}.`;
  // With a bootstrap, say when the group itself is a close call for this person (under half the resamples).
  const confidence = result.uncertainty?.membershipConfidence[row];
  if (confidence === null || confidence === undefined || confidence >= 0.5) return where;
  return `${where} Your place is uncertain: when the groups were recomputed on resampled votes, you stayed in group ${group.label} only ${Math.round(100 * confidence)}% of the time.`;
}
