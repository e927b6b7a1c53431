import type { KuuloResult } from '@kuulo/core';
import { csvLine } from './csvCell.js';
import type { StatementRow } from './statementRows.js';

/**
 * participants.csv: one row per participant who voted, in the result's row order: id, group id
 * (empty when not in a group), group label, map position, number of votes, and whether they are
 * clustered (1/0, Polis `in-conv`).
 */
export function participantsCsv(result: KuuloResult): string {
  const label = new Map(result.groups.map((g) => [g.id, g.label]));
  const inConv = new Set(result.inConv.map(String));
  const lines = [csvLine(['participant', 'group', 'group-label', 'x', 'y', 'n-votes', 'in-conv'])];
  result.participants.forEach((p, r) => {
    const group = result.participantGroup[r] ?? null;
    lines.push(
      csvLine([p, group, group === null ? null : label.get(group), result.participantProjection.x[r], result.participantProjection.y[r], result.voteCounts[r], inConv.has(String(p))]),
    );
  });
  return `${lines.join('\n')}\n`;
}

/**
 * statements.csv: one row per statement with text, moderation, overall agree / disagree / pass,
 * the same per group (columns `group-<id>-agree` …), group-aware consensus, PCA extremity and
 * Polis comment priority.
 */
export function statementsCsv(result: KuuloResult, rows: readonly StatementRow[]): string {
  const groupColumns = result.groups.flatMap((g) => ['agree', 'disagree', 'pass'].map((v) => `group-${g.id}-${v}`));
  const header = ['statement', 'text', 'moderation', 'is-meta', 'agree', 'disagree', 'pass', ...groupColumns, 'group-aware-consensus', 'extremity', 'priority'];
  const lines = [csvLine(header)];
  for (const row of rows) {
    lines.push(
      csvLine([
        row.statement,
        row.text,
        row.moderation,
        row.meta,
        row.overall.agree,
        row.overall.disagree,
        row.overall.pass,
        ...row.groups.flatMap((t) => [t.agree, t.disagree, t.pass]),
        row.groupAwareConsensus,
        row.extremity,
        row.priority,
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}
