import type { StatementId, Uncertainty } from '@kuulo/core';
import type { ReportLocale } from './reportLanguage.js';

// The report's "Robust (support)" cells of representative and consensus statements.

type Support = { support: number; robust: boolean } | undefined;

/** A representative statement's bootstrap support for its group and side, if it was judged. */
export function repnessSupport(u: Uncertainty, group: number, statement: StatementId, side: 'agree' | 'disagree'): Support {
  return u.repness.find((e) => e.group === group && e.repfulFor === side && String(e.statement) === String(statement));
}

/** A consensus statement's bootstrap support on its side, if it was judged. */
export function consensusSupport(u: Uncertainty, side: 'agree' | 'disagree', statement: StatementId): Support {
  return u.consensus.find((e) => e.side === side && String(e.statement) === String(statement));
}

/** "yes (92%)", or a flagged "⚠ no (45%)" whose title says what the share means. */
export function robustCell(support: Support, u: Uncertainty, r: ReportLocale): string {
  if (!support) return '<td class="num">–</td>';
  const share = r.percent(support.support);
  if (support.robust) return `<td class="num">${r.h('cli.robust.yes', { support: share })}</td>`;
  const title = r.h('cli.robust.notRobust', { support: share, resamples: r.int(u.resamples), threshold: r.percent(u.robustThreshold) });
  return `<td class="num not-robust" title="${title}">${r.h('cli.robust.no', { support: share })}</td>`;
}
