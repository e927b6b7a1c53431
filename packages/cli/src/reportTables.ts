import { defaultOptions, type ConsensusEntry, type GroupResult, type KuuloResult, type StatementId } from '@kuulo/core';
import { groupColor } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import type { ReportLocale } from './reportLanguage.js';
import { consensusSupport, repnessSupport, robustCell } from './robustCell.js';
import type { StatementRow, Tally } from './statementRows.js';

// HTML tables of the report, in the report's language. Every value passes through escapeHtml; ids are echoed in data attributes.

const num = (value: string | number) => `<td class="num">${escapeHtml(value)}</td>`;

/** Text of a statement in the language it is shown in (marked with `lang` when known), or a placeholder with its id. */
export function statementCell(id: StatementId, row: StatementRow | undefined, r: ReportLocale): string {
  if (!row || row.text === null) return `<td class="text"><span class="muted">${r.h('cli.statement.placeholder', { id: String(id) })}</span></td>`;
  return `<td class="text"${row.lang ? ` lang="${escapeHtml(row.lang)}"` : ''}>${escapeHtml(row.text)}</td>`;
}

export function swatch(group: GroupResult): string {
  return `<span class="swatch" style="background:${groupColor(group.id)}"></span>`;
}

/** One row per group: label, size, share of clustered participants, base clusters. */
export function groupsTable(result: KuuloResult, r: ReportLocale): string {
  const clustered = result.inConv.length;
  const rows = result.groups.map(
    (g) =>
      `<tr data-group="${g.id}"><th scope="row">${swatch(g)}${escapeHtml(g.label)}</th>${num(g.id)}${num(r.int(g.size))}${num(r.percentOf(g.size, clustered))}${num(r.int(g.baseClusters.length))}${num(r.int(g.repness.length))}</tr>`,
  );
  const headers = ['cli.column.group', 'cli.column.id', 'cli.column.participants', 'cli.column.shareOfClustered', 'cli.column.baseClusters', 'cli.column.representative'].map((key) => r.t(key));
  return table('groups', r.t('cli.common.opinionGroups'), headers, rows, [1, 2, 3, 4, 5]);
}

/** A group's representative statements with the group's and everyone else's votes. */
export function repnessTable(result: KuuloResult, group: GroupResult, rowsById: Map<string, StatementRow>, r: ReportLocale): string {
  const others = result.groups.filter((o) => o.id !== group.id);
  const u = result.uncertainty;
  const index = new Map(result.statements.map((s, j) => [String(s), j]));
  const rows = group.repness.map((entry) => {
    const j = index.get(String(entry.statement))!;
    const mine = tallyOf(group, j);
    const rest = others.map((o) => tallyOf(o, j)).reduce(addTally, { agree: 0, disagree: 0, pass: 0 });
    const robust = u ? robustCell(repnessSupport(u, group.id, entry.statement, entry.repfulFor), u, r) : '';
    return `<tr data-statement="${escapeHtml(entry.statement)}">${num(entry.statement)}${statementCell(entry.statement, rowsById.get(String(entry.statement)), r)}<td>${r.h('cli.vote.side', { side: entry.repfulFor })}</td>${num(tallyText(mine, r))}${num(tallyText(rest, r))}${num(`${r.int(entry.nSuccess)}/${r.int(entry.nTrials)}`)}${num(r.fixed(entry.repness))}${num(r.fixed(entry.repnessTest))}${robust}</tr>`;
  });
  const headers = [
    r.t('cli.column.id'),
    r.t('cli.column.statement'),
    r.t('cli.column.repfulFor'),
    r.t('cli.column.groupVotes', { label: group.label }),
    r.t('cli.column.everyoneElse'),
    r.t('cli.column.successTrials'),
    r.t('cli.column.repness'),
    r.t('cli.column.repnessTest'),
    ...(u ? [r.t('cli.column.robust')] : []),
  ];
  return rows.length === 0 ? `<p class="muted">${r.h('cli.repness.none')}</p>` : table(`repness-${group.id}`, r.t('cli.repness.caption', { label: group.label }), headers, rows, [0, 3, 4, 5, 6, 7, 8]);
}

/** Consensus statements (agree, disagree) and the top group-aware consensus statements. */
export function consensusTables(result: KuuloResult, rowsById: Map<string, StatementRow>, count: number, r: ReportLocale): string {
  const u = result.uncertainty;
  const side = (name: 'agree' | 'disagree', entries: ConsensusEntry[]) =>
    table(
      `consensus-${name}`,
      r.t('cli.consensus.caption', { side: name }),
      [r.t('cli.column.id'), r.t('cli.column.statement'), r.t('cli.column.successTrials'), r.t('cli.column.pSuccess'), r.t('cli.column.pTest'), ...(u ? [r.t('cli.column.robust')] : [])],
      entries.map(
        (e) =>
          `<tr data-statement="${escapeHtml(e.statement)}">${num(e.statement)}${statementCell(e.statement, rowsById.get(String(e.statement)), r)}${num(`${r.int(e.nSuccess)}/${r.int(e.nTrials)}`)}${num(r.fixed(e.pSuccess))}${num(r.fixed(e.pTest))}${u ? robustCell(consensusSupport(u, name, e.statement), u, r) : ''}</tr>`,
      ),
      [0, 2, 3, 4, 5],
    );
  const ranked = [...rowsById.values()].filter((row) => row.moderation !== -1 && !row.meta).sort((a, b) => b.groupAwareConsensus - a.groupAwareConsensus).slice(0, count);
  const aware = table(
    'group-aware-consensus',
    r.t('cli.consensus.awareCaption', { count: r.int(count) }),
    [r.t('cli.column.id'), r.t('cli.column.statement'), ...result.groups.map((g) => r.t('cli.column.groupAgree', { label: g.label })), r.t('cli.column.groupAware')],
    ranked.map((row) => `<tr data-statement="${escapeHtml(row.statement)}">${num(row.statement)}${statementCell(row.statement, row, r)}${row.groups.map((t) => num(r.percentOf(t.agree, t.agree + t.disagree + t.pass))).join('')}${num(r.fixed(row.groupAwareConsensus, 4))}</tr>`),
    [0, ...result.groups.map((_, i) => i + 2), result.groups.length + 2],
  );
  return (result.consensus.agree.length ? side('agree', result.consensus.agree) : '') + (result.consensus.disagree.length ? side('disagree', result.consensus.disagree) : '') + aware;
}

/** Every statement: moderation, overall and per-group votes, group-aware consensus, extremity, priority. */
export function statementsTable(result: KuuloResult, rows: readonly StatementRow[], r: ReportLocale): string {
  const moderation = (row: StatementRow) => r.h('cli.moderation.state', { state: row.meta ? 'meta' : row.moderation === 1 ? 'in' : row.moderation === -1 ? 'out' : 'none' });
  const body = rows.map(
    (row) =>
      `<tr data-statement="${escapeHtml(row.statement)}">${num(row.statement)}${statementCell(row.statement, row, r)}<td>${moderation(row)}</td>${num(tallyText(row.overall, r))}${row.groups.map((t) => num(tallyText(t, r))).join('')}${num(r.fixed(row.groupAwareConsensus, 4))}${num(r.fixed(row.extremity))}${num(r.fixed(row.priority))}</tr>`,
  );
  const headers = [
    r.t('cli.column.id'),
    r.t('cli.column.statement'),
    r.t('cli.column.moderation'),
    r.t('cli.column.everyone'),
    ...result.groups.map((g) => r.t('cli.column.groupLabel', { label: g.label })),
    r.t('cli.column.groupAware'),
    r.t('cli.column.extremity'),
    r.t('cli.column.priority'),
  ];
  const numeric = headers.map((_, i) => i).filter((i) => i === 0 || i >= 3);
  return table('statements', r.t('cli.statements.caption', { statementCount: rows.length, statements: r.int(rows.length) }), headers, body, numeric);
}

/** The options in force, with Polis/Kuulo defaults alongside so changed ones stand out. */
export function optionsTable(result: KuuloResult, r: ReportLocale): string {
  const defaults = defaultOptions as unknown as Record<string, unknown>;
  const rows = Object.keys(result.options)
    .sort()
    .map((key) => {
      const value = JSON.stringify(result.options[key]);
      const byDefault = key in defaults ? JSON.stringify(defaults[key]) : '';
      return `<tr data-option="${escapeHtml(key)}"><th scope="row"><code>${escapeHtml(key)}</code></th><td><code>${escapeHtml(value ?? '')}</code></td><td><code>${escapeHtml(byDefault)}</code></td><td>${value === byDefault ? '' : r.h('cli.options.changed')}</td></tr>`;
    });
  return table('options', r.t('cli.options.caption'), [r.t('cli.column.option'), r.t('cli.column.value'), r.t('cli.column.default'), ''], rows, []);
}

/** A captioned table with `scope`d headers; `numeric` columns are right-aligned. */
export function table(id: string, caption: string, headers: string[], rows: string[], numeric: number[]): string {
  const head = headers.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  return `<div class="table-wrap"><table id="${id}"><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function tallyOf(group: GroupResult, j: number): Tally {
  const agree = group.tallies.agree[j] ?? 0;
  const disagree = group.tallies.disagree[j] ?? 0;
  return { agree, disagree, pass: (group.tallies.seen[j] ?? 0) - agree - disagree };
}

function addTally(a: Tally, b: Tally): Tally {
  return { agree: a.agree + b.agree, disagree: a.disagree + b.disagree, pass: a.pass + b.pass };
}

/** "12/3/1" agree/disagree/pass counts. */
function tallyText(t: Tally, r: ReportLocale): string {
  return `${r.int(t.agree)}/${r.int(t.disagree)}/${r.int(t.pass)}`;
}
