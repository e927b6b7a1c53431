import { defaultOptions, type ConsensusEntry, type GroupResult, type KuuloResult, type StatementId } from '@kuulo/core';
import { groupColor } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import type { StatementRow, Tally } from './statementRows.js';
import { consensusSupport, repnessSupport, robustCell } from './robustCell.js';

// HTML tables of the report. Every value passes through escapeHtml; ids are echoed in data attributes.

const num = (value: string | number) => `<td class="num">${escapeHtml(value)}</td>`;
const fixed = (value: number, digits = 3) => num(Number.isFinite(value) ? value.toFixed(digits) : '');
const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–');

/** Text of a statement (or a placeholder), escaped, prefixed with its id. */
export function statementCell(id: StatementId, text: string | null): string {
  return `<td class="text">${text === null ? `<span class="muted">Statement ${escapeHtml(id)}</span>` : escapeHtml(text)}</td>`;
}

export function swatch(group: GroupResult): string {
  return `<span class="swatch" style="background:${groupColor(group.id)}"></span>`;
}

/** One row per group: label, size, share of clustered participants, base clusters. */
export function groupsTable(result: KuuloResult): string {
  const clustered = result.inConv.length;
  const rows = result.groups.map(
    (g) =>
      `<tr data-group="${g.id}"><th scope="row">${swatch(g)}${escapeHtml(g.label)}</th>${num(g.id)}${num(g.size)}${num(percent(g.size, clustered))}${num(g.baseClusters.length)}${num(g.repness.length)}</tr>`,
  );
  return table('groups', 'Opinion groups', ['Group', 'Id', 'Participants', 'Share of clustered', 'Base clusters', 'Representative statements'], rows, [1, 2, 3, 4, 5]);
}

/** A group's representative statements with the group's and everyone else's votes. */
export function repnessTable(result: KuuloResult, group: GroupResult, rowsById: Map<string, StatementRow>): string {
  const others = result.groups.filter((o) => o.id !== group.id);
  const u = result.uncertainty;
  const index = new Map(result.statements.map((s, j) => [String(s), j]));
  const rows = group.repness.map((entry) => {
    const row = rowsById.get(String(entry.statement));
    const j = index.get(String(entry.statement))!;
    const mine = tallyOf(group, j);
    const rest = others.map((o) => tallyOf(o, j)).reduce(addTally, { agree: 0, disagree: 0, pass: 0 });
    const robust = u ? robustCell(repnessSupport(u, group.id, entry.statement, entry.repfulFor), u) : '';
    return `<tr data-statement="${escapeHtml(entry.statement)}">${num(entry.statement)}${statementCell(entry.statement, row?.text ?? null)}<td>${entry.repfulFor}</td>${num(tallyText(mine))}${num(tallyText(rest))}${num(`${entry.nSuccess}/${entry.nTrials}`)}${fixed(entry.repness)}${fixed(entry.repnessTest)}${robust}</tr>`;
  });
  const headers = ['Id', 'Statement', 'Repful for', `Group ${group.label} (agree/disagree/pass)`, 'Everyone else', 'Success/trials', 'Repness', 'Repness test', ...(u ? ['Robust (support)'] : [])];
  return rows.length === 0 ? '<p class="muted">No statement sets this group apart.</p>' : table(`repness-${group.id}`, `Group ${group.label}: representative statements`, headers, rows, [0, 3, 4, 5, 6, 7, 8]);
}

/** Consensus statements (agree, disagree) and the top group-aware consensus statements. */
export function consensusTables(result: KuuloResult, rowsById: Map<string, StatementRow>, count: number): string {
  const u = result.uncertainty;
  const side = (name: 'agree' | 'disagree', entries: ConsensusEntry[]) =>
    table(
      `consensus-${name}`,
      `Most participants ${name}`,
      ['Id', 'Statement', 'Success/trials', 'P(success)', 'P test', ...(u ? ['Robust (support)'] : [])],
      entries.map(
        (e) =>
          `<tr data-statement="${escapeHtml(e.statement)}">${num(e.statement)}${statementCell(e.statement, rowsById.get(String(e.statement))?.text ?? null)}${num(`${e.nSuccess}/${e.nTrials}`)}${fixed(e.pSuccess)}${fixed(e.pTest)}${u ? robustCell(consensusSupport(u, name, e.statement), u) : ''}</tr>`,
      ),
      [0, 2, 3, 4, 5],
    );
  const ranked = [...rowsById.values()].filter((r) => r.moderation !== -1 && !r.meta).sort((a, b) => b.groupAwareConsensus - a.groupAwareConsensus).slice(0, count);
  const aware = table(
    'group-aware-consensus',
    `Agreed across groups (group-aware consensus, top ${count})`,
    ['Id', 'Statement', ...result.groups.map((g) => `Group ${g.label} agree`), 'Group-aware consensus'],
    ranked.map((r) => `<tr data-statement="${escapeHtml(r.statement)}">${num(r.statement)}${statementCell(r.statement, r.text)}${r.groups.map((t) => num(percent(t.agree, t.agree + t.disagree + t.pass))).join('')}${fixed(r.groupAwareConsensus, 4)}</tr>`),
    [0, ...result.groups.map((_, i) => i + 2), result.groups.length + 2],
  );
  return (result.consensus.agree.length ? side('agree', result.consensus.agree) : '') + (result.consensus.disagree.length ? side('disagree', result.consensus.disagree) : '') + aware;
}

/** Every statement: moderation, overall and per-group votes, group-aware consensus, extremity, priority. */
export function statementsTable(result: KuuloResult, rows: readonly StatementRow[]): string {
  const moderation = (r: StatementRow) => (r.meta ? 'meta' : r.moderation === 1 ? 'in' : r.moderation === -1 ? 'out' : '–');
  const body = rows.map(
    (r) =>
      `<tr data-statement="${escapeHtml(r.statement)}">${num(r.statement)}${statementCell(r.statement, r.text)}<td>${moderation(r)}</td>${num(tallyText(r.overall))}${r.groups.map((t) => num(tallyText(t))).join('')}${fixed(r.groupAwareConsensus, 4)}${fixed(r.extremity)}${fixed(r.priority)}</tr>`,
  );
  const headers = ['Id', 'Statement', 'Moderation', 'Everyone', ...result.groups.map((g) => `Group ${g.label}`), 'Group-aware consensus', 'Extremity', 'Priority'];
  const numeric = headers.map((_, i) => i).filter((i) => i === 0 || i >= 3);
  return table('statements', `All ${rows.length} statements with votes (votes as agree/disagree/pass)`, headers, body, numeric);
}

/** The options in force, with Polis/Kuulo defaults alongside so changed ones stand out. */
export function optionsTable(result: KuuloResult): string {
  const defaults = defaultOptions as unknown as Record<string, unknown>;
  const rows = Object.keys(result.options)
    .sort()
    .map((key) => {
      const value = JSON.stringify(result.options[key]);
      const byDefault = key in defaults ? JSON.stringify(defaults[key]) : '';
      return `<tr data-option="${escapeHtml(key)}"><th scope="row"><code>${escapeHtml(key)}</code></th><td><code>${escapeHtml(value ?? '')}</code></td><td><code>${escapeHtml(byDefault)}</code></td><td>${value === byDefault ? '' : 'changed'}</td></tr>`;
    });
  return table('options', 'Options in force', ['Option', 'Value', 'Default', ''], rows, []);
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
function tallyText(t: Tally): string {
  return `${t.agree}/${t.disagree}/${t.pass}`;
}
