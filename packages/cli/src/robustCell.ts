import type { StatementId, Uncertainty } from '@kuulo/core';
import { escapeHtml } from './escapeHtml.js';

// The report's "Robust (support)" cells of representative and consensus statements.

type Support = { support: number; robust: boolean } | undefined;

const pct = (share: number) => `${Math.round(100 * share)}%`;

/** A representative statement's bootstrap support for its group and side, if it was judged. */
export function repnessSupport(u: Uncertainty, group: number, statement: StatementId, side: 'agree' | 'disagree'): Support {
  return u.repness.find((e) => e.group === group && e.repfulFor === side && String(e.statement) === String(statement));
}

/** A consensus statement's bootstrap support on its side, if it was judged. */
export function consensusSupport(u: Uncertainty, side: 'agree' | 'disagree', statement: StatementId): Support {
  return u.consensus.find((e) => e.side === side && String(e.statement) === String(statement));
}

/** "yes (92%)", or a flagged "⚠ no (45%)" whose title says what the share means. */
export function robustCell(support: Support, u: Uncertainty): string {
  if (!support) return '<td class="num">–</td>';
  if (support.robust) return `<td class="num">yes (${pct(support.support)})</td>`;
  const title = `Not robust: held in ${pct(support.support)} of ${u.resamples} bootstrap resamples, below the ${pct(u.robustThreshold)} needed`;
  return `<td class="num not-robust" title="${escapeHtml(title)}">⚠ no (${pct(support.support)})</td>`;
}
