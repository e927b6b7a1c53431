import type { Comparison, StatementOverlap } from './compareGroupings.js';
import { describeKind } from './readGrouping.js';

/** `kuulo compare`'s human-readable report: plain text with aligned columns. */
export function formatComparison(c: Comparison): string {
  const nameA = new Map(c.a.groups.map((g) => [g.id, g.name]));
  const nameB = new Map(c.b.groups.map((g) => [g.id, g.name]));
  const side = (key: 'a' | 'b', s: Comparison['a']) =>
    `${key}: ${s.source} (${describeKind(s.kind)}${s.polisEra === undefined ? '' : `, Polis era ${s.polisEra}`}, ${s.groups.length} groups, ${s.grouped} participants in groups)`;
  const lines = [
    side('a', c.a),
    side('b', c.b),
    `participants in groups in both: ${c.participants} (only in a: ${c.onlyA}, only in b: ${c.onlyB})`,
    `agreement on who is in a group (in-conv), Jaccard: ${c.groupedJaccard.toFixed(4)}`,
    `adjusted Rand index: ${c.adjustedRandIndex.toFixed(4)}`,
    '',
    'matched groups (pairing with the most shared participants):',
  ];
  const hasRepness = c.matched.some((m) => m.repness !== null);
  const header = ['a group', 'b group', 'a size', 'b size', 'shared', 'Jaccard', ...(hasRepness ? ['repness shared', 'repness Jaccard'] : [])];
  const rows = c.matched.map((m) => [
    m.a.name,
    m.b.name,
    String(m.aSize),
    String(m.bSize),
    String(m.shared),
    m.jaccard.toFixed(3),
    ...(hasRepness ? [m.repness ? `${m.repness.shared.length} of ${m.repness.a.length}/${m.repness.b.length}` : '', jaccardText(m.repness)] : []),
  ]);
  lines.push(...columns([header, ...rows]));
  if (c.unmatchedA.length) lines.push(`unmatched in a: ${c.unmatchedA.map((id) => nameA.get(id)).join(', ')}`);
  if (c.unmatchedB.length) lines.push(`unmatched in b: ${c.unmatchedB.map((id) => nameB.get(id)).join(', ')}`);
  lines.push('', 'participants per group (rows: a, columns: b):');
  lines.push(...columns([['', ...c.b.groups.map((g) => g.name)], ...c.a.groups.map((g, i) => [g.name, ...c.overlap[i]!.map(String)])]));
  if (c.consensus) {
    lines.push('', `consensus shared: agree ${overlapText(c.consensus.agree)}, disagree ${overlapText(c.consensus.disagree)}`);
  }
  return `${lines.join('\n')}\n`;
}

function jaccardText(o: StatementOverlap | null): string {
  return o === null || o.jaccard === null ? '' : o.jaccard.toFixed(3);
}

function overlapText(o: StatementOverlap): string {
  return `${o.shared.length} of ${o.a.length}/${o.b.length}${o.jaccard === null ? '' : ` (Jaccard ${o.jaccard.toFixed(3)})`}`;
}

/** Rows as space-aligned columns: the first column left-aligned, the others right-aligned. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`.trimEnd());
}
