import type { KuuloResult, GroupResult } from '@kuulo/core';
import type { Translator } from './i18n';
import type { BlockRow } from './marks/statementBlock';
import { tallyAt } from './tally';

/** One bar per group (by id) for statement column `j`, labelled "Group A" in the group's colour. */
export function groupRows(t: Translator, result: KuuloResult, j: number, color: (g: GroupResult) => string): BlockRow[] {
  return [...result.groups].sort((a, b) => a.id - b.id).map((g) => ({ label: t.t('chart.group', { label: g.label }), color: color(g), tally: tallyAt(g.tallies, j) }));
}
