import type { KuuloResult, Uncertainty } from '@kuulo/core';
import { confidenceSummary, defaultStabilityThreshold } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import { statementCell, swatch, table } from './reportTables.js';
import type { StatementRow } from './statementRows.js';

// The report's bootstrap and bridging parts. Every value passes through escapeHtml.

const pct = (share: number) => `${Math.round(100 * share)}%`;
const fixed = (value: number | null | undefined, digits = 3) => `<td class="num">${value === null || value === undefined || !Number.isFinite(value) ? '–' : escapeHtml(value.toFixed(digits))}</td>`;

/**
 * How sure the bootstrap is of the groups: stability per group (unstable below 0.75, as the
 * charts mark it), members' confidence, the spread of k and of the ARI, and how many
 * representative and consensus statements are robust.
 */
export function uncertaintyBody(result: KuuloResult, u: Uncertainty): string {
  const summary = confidenceSummary(result)!;
  const threshold = defaultStabilityThreshold;
  const verdict = (s: number) => (s < 0.6 ? 'unstable (dissolves, below 0.6)' : s < threshold ? 'unstable' : s > 0.85 ? 'highly stable' : 'stable');
  const rows = result.groups.map((g, i) => {
    const s = u.groups[i]!.stability;
    const c = summary.groups[i]!;
    return `<tr data-group="${g.id}"${s < threshold ? ' class="unstable"' : ''}><th scope="row">${swatch(g)}${escapeHtml(g.label)}</th><td class="num">${g.size}</td>${fixed(s, 2)}<td>${verdict(s)}</td><td class="num">${c.confident} of ${c.measured}</td>${fixed(c.median, 2)}</tr>`;
  });
  const groups = table('stability', `Group stability over ${u.resamples} bootstrap resamples`, ['Group', 'Participants', 'Stability', 'Verdict', 'Members with confidence ≥ 0.9', 'Median confidence'], rows, [1, 2, 4, 5]);
  const ari = [...u.ari].sort((a, b) => a - b);
  const medianAri = ari.length ? ari[Math.floor((ari.length - 1) / 2)]! : null;
  const robust = (list: { robust: boolean }[]) => `${list.filter((e) => e.robust).length} of ${list.length}`;
  const ks = Object.entries(u.k).map(([k, share]) => `${escapeHtml(k)} groups in ${pct(share)}`).join(', ');
  const share = summary.measured > 0 ? pct(summary.confident / summary.measured) : '–';
  return [
    `<p>The votes were resampled ${u.resamples} times (${u.unit === 'participants' ? 'participants drawn with replacement' : 'each vote kept with probability 1 − 1/e'}, seed ${u.seed}) and the same ${escapeHtml(u.mode)}-mode math rerun on each. A group's <strong>stability</strong> is the mean Jaccard similarity of its best match in the resamples: below ${threshold} it is called unstable (Hennig; below 0.6 it dissolves), and the charts draw its outline dashed. A participant's <strong>membership confidence</strong> is the share of the resamples containing them in which they stayed in their group; the map fades participants with low confidence.</p>`,
    `<dl class="numbers"><div><dt>Members with confidence ≥ 0.9 (${summary.confident} of ${summary.measured})</dt><dd>${share}</dd></div><div><dt>Median ARI with the resamples</dt><dd>${medianAri === null ? '–' : medianAri.toFixed(3)}</dd></div><div><dt>Robust representative statements</dt><dd>${robust(u.repness)}</dd></div><div><dt>Robust consensus statements</dt><dd>${robust(u.consensus)}</dd></div></dl>`,
    groups,
    ks ? `<p>Number of groups across the resamples: ${ks}.</p>` : '',
    `<p>A statement is <strong>robust</strong> when its test still passes for the matched group (representative statements) or overall (consensus), on the same side, in at least ${pct(u.robustThreshold)} of the resamples; the others are marked ⚠ in the tables and charts.</p>`,
  ].join('');
}

/**
 * The top statements by bridging score beside their group-aware consensus, with both ranks and,
 * with `--bootstrap`, the bridging score's 5th–95th percentile; plus the two rankings' Spearman
 * correlation over every statement that has both.
 */
export function bridgingTable(result: KuuloResult, rows: readonly StatementRow[], count: number): string {
  const bridging = result.bridging!;
  const interval = result.uncertainty?.bridging ?? null;
  const eligible = rows.map((r, j) => ({ r, j, b: bridging[j] ?? null })).filter((e) => e.r.moderation !== -1 && !e.r.meta && e.b !== null);
  const rank = (score: (e: (typeof eligible)[number]) => number) => {
    const order = [...eligible].sort((a, b) => score(b) - score(a) || a.j - b.j);
    return new Map(order.map((e, k) => [e.j, k + 1]));
  };
  const byBridging = rank((e) => e.b!);
  const byGac = rank((e) => e.r.groupAwareConsensus);
  const top = [...eligible].sort((a, b) => byBridging.get(a.j)! - byBridging.get(b.j)!).slice(0, count);
  const body = top.map(
    (e) =>
      `<tr data-statement="${escapeHtml(e.r.statement)}"><td class="num">${escapeHtml(e.r.statement)}</td>${statementCell(e.r.statement, e.r.text)}${fixed(e.b)}<td class="num">${byBridging.get(e.j)}</td>${interval ? fixed(interval.low[e.j]) + fixed(interval.high[e.j]) : ''}${fixed(e.r.groupAwareConsensus, 4)}<td class="num">${byGac.get(e.j)}</td></tr>`,
  );
  const headers = ['Id', 'Statement', 'Bridging', 'Rank', ...(interval ? ['Bridging 5th pct', 'Bridging 95th pct'] : []), 'Group-aware consensus', 'Rank'];
  const numeric = headers.map((_, i) => i).filter((i) => i !== 1);
  const rho = spearman(eligible.map((e) => byBridging.get(e.j)!), eligible.map((e) => byGac.get(e.j)!));
  return (
    table('bridging-table', `Top ${top.length} statements by bridging score, beside group-aware consensus`, headers, body, numeric) +
    (rho === null ? '' : `<p>Spearman rank correlation of bridging and group-aware consensus over ${eligible.length} statements: ${rho.toFixed(3)}.</p>`)
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
