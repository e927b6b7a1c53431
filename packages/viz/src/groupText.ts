import type { Translator } from './i18n';
import { formatShare } from './numberText';
import type { GroupStability } from './uncertaintyIndex';

/** What the maps' and panel's texts need of a group: its label and size. */
interface NamedGroup {
  id: number;
  label: string;
  size: number;
}

/** "A 0.91, B 0.62 (unstable)": each group's bootstrap stability, "A unknown" for one without. */
export function groupVerdicts(t: Translator, groups: readonly NamedGroup[], stabilityOf: (id: number) => GroupStability | undefined): string {
  return t.list(
    groups.map((g) => {
      const s = stabilityOf(g.id);
      return t.t('chart.groupVerdict', { label: g.label, state: s ? (s.unstable ? 'unstable' : 'stable') : 'unknown', stability: s ? formatShare(t, s.stability) : '' });
    }),
    'unit',
  );
}

/** Table cell of a group's stability: "0.62 (unstable)", "0.91", or "–" when unknown. */
export function stabilityCell(t: Translator, s: GroupStability | undefined): string {
  return s ? t.t('chart.stabilityValue', { state: s.unstable ? 'unstable' : 'stable', stability: formatShare(t, s.stability) }) : '–';
}

/** The dashed-outline sentence: how many groups fall below `threshold`, or that all reach it. */
export function unstableSentence(t: Translator, unstable: number, threshold: number): string {
  return unstable > 0 ? t.t('chart.unstableGroups', { count: unstable, threshold }) : t.t('chart.allGroupsStable', { threshold });
}

/** A map's first sentence: how many participants, in which groups of what size. */
export function mapOverview(t: Translator, participants: number, groups: readonly NamedGroup[]): string {
  if (groups.length === 0) return t.t('chart.map.desc.noGroups', { count: participants });
  const sizes = t.list(groups.map((g) => t.t('chart.map.groupSize', { label: g.label, size: g.size })), 'unit');
  return t.t('chart.map.desc.groups', { count: participants, groupCount: groups.length, groups: sizes });
}

/** Where "You" are, for a map's description. */
export function youSentence(t: Translator, you: { groupLabel: string | null } | null): string {
  return t.t('chart.you.desc', { state: you === null ? 'absent' : you.groupLabel === null ? 'ungrouped' : 'group', label: you?.groupLabel ?? '' });
}

/** A group's hull name: "Group A: 12 participants", with its stability when known. */
export function hullLabel(t: Translator, group: { label: string; size: number }, s: GroupStability | undefined): string {
  return t.t('chart.map.hull', { label: group.label, size: group.size, state: s ? (s.unstable ? 'unstable' : 'stable') : 'none', stability: s ? formatShare(t, s.stability) : '' });
}
