import type { KuuloResult, GroupResult } from '@kuulo/core';
import { privacyOf } from './headlineSupport';
import type { Translator } from './i18n';
import type { BlockRow } from './marks/statementBlock';
import { tallyAt } from './tally';

/**
 * One bar per group (by id) for statement column `j`, labelled "Group A" in the group's colour. A tally
 * the privacy floor dropped (null in a published result) reads "fewer than 5 votes", never 0.
 */
export function groupRows(t: Translator, result: KuuloResult, j: number, color: (g: GroupResult) => string): BlockRow[] {
  const floor = privacyOf(result)?.floor;
  return [...result.groups]
    .sort((a, b) => a.id - b.id)
    .map((g) => {
      const hidden = (g.tallies.seen as readonly (number | null)[])[j] === null;
      return { label: t.t('chart.group', { label: g.label }), color: color(g), tally: tallyAt(g.tallies, j), ...(hidden && { hidden: t.t('chart.fewerVotes', { floor: floor ?? 0 }) }) };
    });
}
