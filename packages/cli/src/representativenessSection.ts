import type { KuuloResult, QuestionReport, Representativeness, StatementId } from '@kuulo/core';
import { groupColor } from '@kuulo/viz';
import { escapeHtml } from './escapeHtml.js';
import type { ReportLocale } from './reportLanguage.js';
import { statementCell, table } from './reportTables.js';
import type { StatementRow } from './statementRows.js';

// The report's "Who took part" section: core's `representativeness`, in the report's language.
// Every value passes through escapeHtml (answers and question names are the researcher's text).

const num = (value: string | number) => `<td class="num">${escapeHtml(value)}</td>`;

/** The section's body: answers per question, weights, group shares, statements, majority opinions, consensus, warnings. */
export function representativenessBody(section: Representativeness, result: KuuloResult, rowsById: Map<string, StatementRow>, r: ReportLocale): string {
  const floor = r.int(section.floor);
  const fewer = r.t('cli.representativeness.fewerThan', { floor });
  const withheld = r.t('cli.representativeness.withheld');
  const share = (value: number | null, missing = '–') => (value === null ? missing : r.percent(value));
  const label = new Map(section.groups.map((g) => [g.group, g.label]));
  const metaIds = new Set(result.meta.map(String));
  const questionName = (id: string) => {
    const meta = metaQuestion(id, metaIds);
    if (meta === null) return id;
    const text = rowsById.get(meta)?.text;
    return text ? r.t('cli.representativeness.metaQuestion', { id: meta, text }) : r.t('cli.representativeness.metaQuestionId', { id: meta });
  };
  const weighted = section.weights !== null;
  const differsCell = (differs: boolean) => `<td class="differs">${differs ? `<strong>${r.h('cli.representativeness.differs')}</strong>` : ''}</td>`;

  const questionTable = (q: QuestionReport, i: number) => {
    const meta = metaQuestion(q.question, metaIds) !== null;
    const answerText = (answer: string) => (meta && (answer === 'agree' || answer === 'disagree') ? r.t('cli.vote.side', { side: answer }) : answer);
    const groups = q.groups.map((g) => ({ ...g, label: label.get(g.group) ?? String(g.group) }));
    const rows = q.answers.map((a, k) => {
      const perGroup = groups.map((g) => num(g.answered === null ? fewer : share(g.answers[k]!.share, withheld))).join('');
      return `<tr data-answer="${escapeHtml(a.answer)}"><th scope="row">${escapeHtml(answerText(a.answer))}</th>${num(a.n === null ? withheld : r.int(a.n))}${num(share(a.share, withheld))}${num(share(a.population))}${perGroup}</tr>`;
    });
    const headers = [
      r.t('cli.column.answer'),
      r.t('cli.column.participants'),
      r.t('cli.column.share'),
      r.t('cli.column.populationShare'),
      ...groups.map((g) => r.t('cli.column.groupLabel', { label: g.label })),
    ];
    const caption = r.t('cli.representativeness.questionCaption', { question: questionName(q.question), answered: q.answered === null ? fewer : r.int(q.answered) });
    return table(`representativeness-question-${i}`, caption, headers, rows, headers.map((_, c) => c).slice(1)).replace('<table ', `<table data-question="${escapeHtml(q.question)}" `);
  };

  const weights = section.weights;
  const weightsBody = weights
    ? `<dl class="numbers">${(
        [
          [r.t('cli.weights.method'), r.t('cli.weights.raking')],
          [r.t('cli.weights.questions'), weights.questions.map(questionName).join(', ')],
          [r.t('cli.overview.participants'), r.int(weights.participants)],
          [r.t('cli.weights.respondents'), r.int(weights.respondents)],
          [r.t('cli.weights.designEffect'), r.fixed(weights.designEffect, 2)],
          [r.t('cli.weights.effectiveSize'), r.fixed(weights.effectiveSampleSize, 1)],
          [
            r.t('cli.weights.converged'),
            r.t('cli.weights.convergedValue', { converged: weights.converged ? 'yes' : 'no', count: weights.iterations, iterations: r.int(weights.iterations), error: r.fixed(weights.maxError, 4) }),
          ],
        ] as [string, string][]
      )
        .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`)
        .join('')}</dl>`
    : `<p>${r.h('cli.representativeness.noWeights')}</p>`;

  const groupRows = section.groups.map(
    (g) =>
      `<tr data-group="${g.group}"><th scope="row"><span class="swatch" style="background:${groupColor(g.group)}"></span>${escapeHtml(g.label)}</th>${num(r.int(g.n))}${num(share(g.share))}${num(share(g.shareWeighted))}${differsCell(g.differs)}</tr>`,
  );
  const groupsTable = table(
    'representativeness-groups',
    r.t('cli.representativeness.groupsCaption'),
    [r.t('cli.column.group'), r.t('cli.column.participants'), r.t('cli.column.share'), r.t('cli.column.weightedShare'), r.t('cli.column.differs')],
    groupRows,
    [1, 2, 3],
  );

  const statementRows = section.statements.map(
    (s) =>
      `<tr data-statement="${escapeHtml(s.statement)}"${s.differs ? ' data-differs="true"' : ''}>${num(s.statement)}${statementCell(s.statement, rowsById.get(String(s.statement)), r)}${num(s.n === null ? fewer : r.int(s.n))}${num(share(s.agree))}${num(share(s.agreeWeighted))}${num(share(s.disagree))}${num(share(s.disagreeWeighted))}${differsCell(s.differs)}</tr>`,
  );
  const statementsTable = table(
    'representativeness-statements',
    r.t('cli.representativeness.statementsCaption'),
    [
      r.t('cli.column.id'),
      r.t('cli.column.statement'),
      r.t('cli.column.votesCast'),
      r.t('cli.column.agree'),
      r.t('cli.column.agreeWeighted'),
      r.t('cli.column.disagree'),
      r.t('cli.column.disagreeWeighted'),
      r.t('cli.column.differs'),
    ],
    statementRows,
    [0, 2, 3, 4, 5, 6],
  );

  const byId = new Map(section.statements.map((s) => [String(s.statement), s]));
  const m = section.majority;
  const majorityRows = (['agree', 'disagree'] as const).flatMap((side) => {
    const raw = side === 'agree' ? m.agree : m.disagree;
    const heavy = side === 'agree' ? m.agreeWeighted : m.disagreeWeighted;
    const rawSet = new Set(raw.map(String));
    const heavySet = new Set(heavy.map(String));
    const ids: StatementId[] = [...raw, ...heavy.filter((id) => !rawSet.has(String(id)))];
    return ids.map((id) => {
      const s = byId.get(String(id))!;
      const majority = rawSet.has(String(id)) && heavySet.has(String(id)) ? 'both' : rawSet.has(String(id)) ? 'raw' : 'weighted';
      const [plain, heavyShare] = side === 'agree' ? [s.agree, s.agreeWeighted] : [s.disagree, s.disagreeWeighted];
      return `<tr data-statement="${escapeHtml(id)}" data-side="${side}">${num(id)}${statementCell(id, rowsById.get(String(id)), r)}<td>${r.h('cli.vote.side', { side })}</td>${num(share(plain))}${num(share(heavyShare))}<td>${r.h('cli.representativeness.majority', { majority: weighted ? majority : 'raw' })}</td></tr>`;
    });
  });
  const majorityTable =
    majorityRows.length === 0
      ? `<p class="muted">${r.h('cli.representativeness.noMajority')}</p>`
      : table(
          'representativeness-majority',
          r.t('cli.representativeness.majorityCaption', { threshold: r.percent(m.threshold) }),
          [r.t('cli.column.id'), r.t('cli.column.statement'), r.t('cli.column.side'), r.t('cli.column.share'), r.t('cli.column.weightedShare'), r.t('cli.column.majority')],
          majorityRows,
          [0, 3, 4],
        );

  const c = section.consensus;
  const consensusRows = Array.from({ length: Math.max(c.raw.length, c.weighted.length) }, (_, k) => {
    const cells = (id: StatementId | undefined) => (id === undefined ? '<td></td><td></td>' : `${num(id)}${statementCell(id, rowsById.get(String(id)), r)}`);
    return `<tr>${num(r.int(k + 1))}${cells(c.raw[k])}${cells(c.weighted[k])}</tr>`;
  });
  const consensusTable =
    consensusRows.length === 0
      ? ''
      : table(
          'representativeness-consensus',
          r.t('cli.representativeness.consensusCaption', { count: r.int(consensusRows.length) }),
          [r.t('cli.column.rank'), r.t('cli.column.id'), r.t('cli.column.unweighted'), r.t('cli.column.id'), r.t('cli.column.weighted')],
          consensusRows,
          [0, 1, 3],
        );

  const warnings = section.warnings.length
    ? `<h3>${r.h('cli.representativeness.warnings')}</h3><ul class="warnings">${section.warnings
        .map((w) => `<li><strong>${escapeHtml(questionName(w.question))}</strong>${w.answer === undefined ? '' : ` · ${escapeHtml(w.answer)}`}: ${escapeHtml(warningText(w.message, r))}</li>`)
        .join('')}</ul>`
    : '';

  return [
    `<p>${r.h('cli.representativeness.intro')}</p>`,
    `<p class="clustering-note">${r.h('cli.representativeness.clustering')}</p>`,
    `<p class="muted">${r.h('cli.representativeness.privacy', { floor })}</p>`,
    ...section.questions.map(questionTable),
    `<h3>${r.h('cli.representativeness.weights')}</h3>`,
    weightsBody,
    weighted ? `<p class="muted">${r.h('cli.representativeness.differsNote', { material: r.percent(section.materialDifference) })}</p>` : '',
    groupsTable,
    statementsTable,
    majorityTable,
    consensusTable,
    warnings,
  ].join('');
}

/** The statement id of a meta question `meta:<id>` (core's `metaQuestions`), else null. */
function metaQuestion(question: string, metaIds: Set<string>): string | null {
  if (!question.startsWith('meta:')) return null;
  const id = question.slice('meta:'.length);
  return metaIds.has(id) ? id : null;
}

/** Core's warning messages in the report's language; one it does not know is shown as core wrote it. */
const warningKeys: [RegExp, string, (m: RegExpMatchArray, r: ReportLocale) => Record<string, string | number>][] = [
  [/^(an answer|the population) names a question that is not asked$/, 'cli.warning.unaskedQuestion', (m) => ({ source: m[1] === 'the population' ? 'population' : 'answer' })],
  [/^an answer that is not one of the question.s answers was left out$/, 'cli.warning.unofferedAnswer', () => ({})],
  [/^(\d+) answers to a question that is not asked were left out$/, 'cli.warning.unaskedAnswers', (m, r) => ({ count: Number(m[1]), n: r.int(Number(m[1])) })],
  [/^population figures for a question that is not asked were left out$/, 'cli.warning.unaskedPopulation', () => ({})],
  [/^a population figure for an answer the question does not offer was left out$/, 'cli.warning.unofferedPopulation', () => ({})],
  [/^no population figure: those who gave this answer are not weighted by this question$/, 'cli.warning.noFigure', () => ({})],
  [/^nobody gave this answer: its population share is left out of the weighting and the others scaled up$/, 'cli.warning.nobody', () => ({})],
  [/^population share 0: those who gave this answer are not weighted by this question$/, 'cli.warning.zeroShare', () => ({})],
  [/^fewer than (\d+) participants answered: no weights$/, 'cli.warning.tooFew', (m, r) => ({ floor: r.int(Number(m[1])) })],
];

function warningText(message: string, r: ReportLocale): string {
  for (const [pattern, key, values] of warningKeys) {
    const match = message.match(pattern);
    if (match) return r.t(key, values(match, r));
  }
  return message;
}
