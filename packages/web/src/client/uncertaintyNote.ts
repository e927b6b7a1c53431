import type { KuuloResult } from '@kuulo/core';
import { confidenceSummary, type Translator } from '@kuulo/viz';
import { stabilityVerdict } from './stabilityVerdict';

/**
 * One or two sentences for under the opinion map when the math carries a bootstrap: how stable
 * each group is, how many people are sure of their group, and how the map shows it (faded dots,
 * dashed outlines). Null without uncertainty. Uses the map's own threshold, so words and drawing agree.
 */
export function uncertaintyNote(result: KuuloResult, t: Translator): string | null {
  const u = result.uncertainty;
  const summary = confidenceSummary(result);
  if (!u || !summary || result.groups.length === 0) return null;
  const groups = result.groups.map((g, i) => ({ label: g.label, stability: u.groups[i]?.stability ?? 0 }));
  const share = summary.measured > 0 ? Math.round((100 * summary.confident) / summary.measured) / 100 : 0;
  return t.t('participant.uncertaintyNote', { verdict: stabilityVerdict(groups, u.resamples, t), share: t.percent(share) });
}
