import type { KuuloResult, Uncertainty } from '@kuulo/core';
import { confidenceSummary, defaultStabilityThreshold } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import type { ReportLocale } from './reportLanguage.js';
import { statementCell, swatch, table } from './reportTables.js';
import type { StatementRow } from './statementRows.js';

// The report's bootstrap and bridging parts, in the report's language. Every value passes through escapeHtml.

/** Stability below which a group dissolves (Hennig), as the report explains it. */
const dissolves = 0.6;
/** Membership confidence the report counts members at or above. */
export const confidentLevel = 0.9;

/** A right-aligned cell of a number with fixed decimals, '–' when there is none. */
const fixedCell =
  (r: ReportLocale) =>
  (value: number | null | undefined, digits = 3): string =>
    `<td class="num">${value === null || value === undefined || !Number.isFinite(value) ? '–' : escapeHtml(r.fixed(value, digits))}</td>`;

/**
 * How sure the bootstrap is of the groups: stability per group (unstable below 0.75, as the
 * charts mark it), members' confidence, the spread of k and of the ARI, and how many
 * representative and consensus statements are robust.
 */
export function uncertaintyBody(result: KuuloResult, u: Uncertainty, r: ReportLocale): string {
  const summary = confidenceSummary(result)!;
  const threshold = defaultStabilityThreshold;
  const fixed = fixedCell(r);
  const verdict = (s: number) => r.h('cli.stability.verdict', { verdict: s < dissolves ? 'dissolves' : s < threshold ? 'unstable' : s > 0.85 ? 'high' : 'stable', dissolve: r.number(dissolves) });
  const partOf = (part: number, whole: number) => r.h('cli.common.partOf', { part: r.int(part), whole: r.int(whole) });
  const rows = result.groups.map((g, i) => {
    const s = u.groups[i]!.stability;
    const c = summary.groups[i]!;
    return `<tr data-group="${g.id}"${s < threshold ? ' class="unstable"' : ''}><th scope="row">${swatch(g)}${escapeHtml(g.label)}</th><td class="num">${r.int(g.size)}</td>${fixed(s, 2)}<td>${verdict(s)}</td><td class="num">${partOf(c.confident, c.measured)}</td>${fixed(c.median, 2)}</tr>`;
  });
  const headers = [
    r.t('cli.column.group'),
    r.t('cli.column.participants'),
    r.t('cli.column.stability'),
    r.t('cli.column.verdict'),
    r.t('cli.common.confidentMembers', { level: r.number(confidentLevel) }),
    r.t('cli.column.medianConfidence'),
  ];
  const groups = table('stability', r.t('cli.stability.caption', { resamples: r.int(u.resamples) }), headers, rows, [1, 2, 4, 5]);
  const ari = [...u.ari].sort((a, b) => a - b);
  const medianAri = ari.length ? ari[Math.floor((ari.length - 1) / 2)]! : null;
  const robust = (list: { robust: boolean }[]) => partOf(list.filter((e) => e.robust).length, list.length);
  // Joined with commas, not the language's "and": an enumeration of data, as in the other languages' reports.
  const ks = Object.entries(u.k).map(([k, share]) => r.t('cli.uncertainty.groupCount', { k, share: r.percent(share) })).join(', ');
  const share = summary.measured > 0 ? r.percent(summary.confident / summary.measured) : '–';
  const confident = r.h('cli.common.confidentMembersOf', { level: r.number(confidentLevel), confident: r.int(summary.confident), measured: r.int(summary.measured) });
  const intro = r.t('cli.uncertainty.intro', {
    resamples: r.int(u.resamples),
    unit: u.unit,
    seed: r.int(u.seed),
    mode: escapeHtml(u.mode),
    threshold: r.number(threshold),
    dissolve: r.number(dissolves),
  });
  return [
    // The message carries <strong> markup (the catalog is ours); its values are numbers and an escaped mode.
    `<p>${intro}</p>`,
    `<dl class="numbers"><div><dt>${confident}</dt><dd>${escapeHtml(share)}</dd></div><div><dt>${r.h('cli.uncertainty.medianAri')}</dt><dd>${medianAri === null ? '–' : r.fixed(medianAri)}</dd></div><div><dt>${r.h('cli.uncertainty.robustRepness')}</dt><dd>${robust(u.repness)}</dd></div><div><dt>${r.h('cli.uncertainty.robustConsensus')}</dt><dd>${robust(u.consensus)}</dd></div></dl>`,
    groups,
    ks ? `<p>${r.h('cli.uncertainty.groupCounts', { list: ks })}</p>` : '',
    `<p>${r.t('cli.uncertainty.robustNote', { threshold: r.percent(u.robustThreshold) })}</p>`,
  ].join('');
}

/**
 * The top statements by bridging score beside their group-aware consensus, with both ranks and,
 * with `--bootstrap`, the bridging score's 5th–95th percentile; plus the two rankings' Spearman
 * correlation over every statement that has both.
 */
export function bridgingTable(result: KuuloResult, rows: readonly StatementRow[], count: number, r: ReportLocale): string {
  const bridging = result.bridging!;
  const interval = result.uncertainty?.bridging ?? null;
  const eligible = rows.map((row, j) => ({ row, j, b: bridging[j] ?? null })).filter((e) => e.row.moderation !== -1 && !e.row.meta && e.b !== null);
  const rank = (score: (e: (typeof eligible)[number]) => number) => {
    const order = [...eligible].sort((a, b) => score(b) - score(a) || a.j - b.j);
    return new Map(order.map((e, k) => [e.j, k + 1]));
  };
  const byBridging = rank((e) => e.b!);
  const byGac = rank((e) => e.row.groupAwareConsensus);
  const fixed = fixedCell(r);
  const top = [...eligible].sort((a, b) => byBridging.get(a.j)! - byBridging.get(b.j)!).slice(0, count);
  const body = top.map(
    (e) =>
      `<tr data-statement="${escapeHtml(e.row.statement)}"><td class="num">${escapeHtml(e.row.statement)}</td>${statementCell(e.row.statement, e.row, r)}${fixed(e.b)}<td class="num">${r.int(byBridging.get(e.j)!)}</td>${interval ? fixed(interval.low[e.j]) + fixed(interval.high[e.j]) : ''}${fixed(e.row.groupAwareConsensus, 4)}<td class="num">${r.int(byGac.get(e.j)!)}</td></tr>`,
  );
  const headers = [
    r.t('cli.column.id'),
    r.t('cli.column.statement'),
    r.t('cli.column.bridging'),
    r.t('cli.column.rank'),
    ...(interval ? [r.t('cli.column.bridgingLow'), r.t('cli.column.bridgingHigh')] : []),
    r.t('cli.column.groupAware'),
    r.t('cli.column.rank'),
  ];
  const numeric = headers.map((_, i) => i).filter((i) => i !== 1);
  const rho = spearman(eligible.map((e) => byBridging.get(e.j)!), eligible.map((e) => byGac.get(e.j)!));
  return (
    table('bridging-table', r.t('cli.bridging.caption', { count: top.length, n: r.int(top.length) }), headers, body, numeric) +
    (rho === null ? '' : `<p>${r.h('cli.bridging.spearman', { n: r.int(eligible.length), rho: r.fixed(rho) })}</p>`)
  );
}

/** Spearman's ρ of two rankings without ties (1 − 6Σd² / (n(n² − 1))); null under 3 items. */
function spearman(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n < 3) return null;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (a[i]! - b[i]!) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}
