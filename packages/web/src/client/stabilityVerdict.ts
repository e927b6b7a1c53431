import { defaultStabilityThreshold } from '@kuulo/viz';

/**
 * One sentence on how the groups held when the votes were resampled `resamples` times: all of them,
 * or which came out differently often enough to get a dashed outline. Uses the map's own threshold,
 * so words and drawing agree.
 */
export function stabilityVerdict(groups: readonly { label: string; stability: number }[], resamples: number): string {
  const unstable = groups.filter((g) => g.stability < defaultStabilityThreshold);
  return unstable.length === 0
    ? `All ${groups.length} groups held together when the votes were resampled ${resamples} times.`
    : `Resampling the votes ${resamples} times, ${unstable.map((g) => `group ${g.label}`).join(' and ')} often came out differently (stability ${unstable.map((g) => g.stability.toFixed(2)).join(', ')}), so ${unstable.length === 1 ? 'it has' : 'they have'} a dashed outline.`;
}
