import type { KuuloResult, Representativeness } from '@kuulo/core';
import { csvLine } from './csvCell.js';
import type { StatementRow } from './statementRows.js';

/**
 * participants.csv: one row per participant who voted, in the result's row order: id, group id
 * (empty when not in a group), group label, map position, number of votes, whether they are
 * clustered (1/0, Polis `in-conv`), and with `--bootstrap` their membership confidence.
 */
export function participantsCsv(result: KuuloResult): string {
  const label = new Map(result.groups.map((g) => [g.id, g.label]));
  const inConv = new Set(result.inConv.map(String));
  const confidence = result.uncertainty?.membershipConfidence;
  const lines = [csvLine(['participant', 'group', 'group-label', 'x', 'y', 'n-votes', 'in-conv', ...(confidence ? ['membership-confidence'] : [])])];
  result.participants.forEach((p, r) => {
    const group = result.participantGroup[r] ?? null;
    lines.push(
      csvLine([
        p,
        group,
        group === null ? null : label.get(group),
        result.participantProjection.x[r],
        result.participantProjection.y[r],
        result.voteCounts[r],
        inConv.has(String(p)),
        ...(confidence ? [confidence[r] ?? null] : []),
      ]),
    );
  });
  return `${lines.join('\n')}\n`;
}

/**
 * statements.csv: one row per statement with text, moderation, overall agree / disagree / pass,
 * the same per group (columns `group-<id>-agree` …), group-aware consensus, PCA extremity and
 * Polis comment priority; then the bridging score when the result has one, and its bootstrap
 * 5th and 95th percentiles with `--bootstrap`.
 */
export function statementsCsv(result: KuuloResult, rows: readonly StatementRow[]): string {
  const groupColumns = result.groups.flatMap((g) => ['agree', 'disagree', 'pass'].map((v) => `group-${g.id}-${v}`));
  const bridging = result.bridging;
  const interval = result.uncertainty?.bridging ?? null;
  const header = [
    'statement', 'text', 'moderation', 'is-meta', 'agree', 'disagree', 'pass', ...groupColumns, 'group-aware-consensus', 'extremity', 'priority',
    ...(bridging ? ['bridging'] : []),
    ...(interval ? ['bridging-low', 'bridging-high'] : []),
  ];
  const lines = [csvLine(header)];
  for (const [j, row] of rows.entries()) {
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
        ...(bridging ? [bridging[j] ?? null] : []),
        ...(interval ? [interval.low[j] ?? null, interval.high[j] ?? null] : []),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * representativeness.csv: one row per statement of the representativeness section (moderated-out
 * and meta statements have none): votes cast (pass included), and the agree and disagree shares of
 * them raw and weighted to the population, whether weighting changes them materially (1/0).
 * Cells the privacy floor withholds, and weighted cells without population figures, are empty.
 */
export function representativenessCsv(section: Representativeness): string {
  const lines = [csvLine(['statement', 'n', 'agree', 'agree-weighted', 'disagree', 'disagree-weighted', 'differs'])];
  for (const s of section.statements) lines.push(csvLine([s.statement, s.n, s.agree, s.agreeWeighted, s.disagree, s.disagreeWeighted, s.differs]));
  return `${lines.join('\n')}\n`;
}
