import { defaultStabilityThreshold, type Translator } from '@kuulo/viz';

/**
 * One sentence on how the groups held when the votes were resampled `resamples` times: all of them,
 * or which came out differently often enough to get a dashed outline. Uses the map's own threshold,
 * so words and drawing agree.
 */
export function stabilityVerdict(groups: readonly { label: string; stability: number }[], resamples: number, t: Translator): string {
  const unstable = groups.filter((g) => g.stability < defaultStabilityThreshold);
  return unstable.length === 0
    ? t.t('participant.stability.allHeld', { count: groups.length, resamples })
    : t.t('participant.stability.unstable', {
        resamples,
        count: unstable.length,
        groups: t.list(unstable.map((g) => t.t('participant.stability.group', { label: g.label }))),
        // A plain comma list of decimals is ambiguous where the decimal mark is a comma (0,50, 0,70): join those with "and".
        stabilities: t.list(unstable.map((g) => t.number(g.stability, { minimumFractionDigits: 2, maximumFractionDigits: 2 })), t.number(0.5).includes(',') ? 'conjunction' : 'unit'),
      });
}
