import type { AnswerCell, Representativeness, StatementId } from '@kuulo/core';
import type { Translator } from '@kuulo/viz';
import type { Question } from './apiTypes';
import { el, uniqueId, type Child } from './el';
import { localText } from './localText';
import { statementNumberView } from './statementNumber';

export interface WhoTookPartOptions {
  t: Translator;
  /** The conversation's languages, main first: where a question's text falls back to. */
  languages: readonly string[];
  /** A statement's text in the reader's language, if it is visible. */
  statementText: (id: StatementId) => string | undefined;
}

type Cell = Child | Child[];

/** A table with a caption, a header row and body rows; `rowHeader` makes each row's first cell its header. */
function table(caption: Child[], head: readonly string[], rows: readonly Cell[][], className = ''): HTMLElement {
  return el('div', { class: 'kuulo-table-scroll' }, [
    el('table', { class: `kuulo-who-table ${className}`.trim() }, [
      el('caption', {}, caption),
      el('thead', {}, [el('tr', {}, head.map((h) => el('th', { attrs: { scope: 'col' } }, [h])))]),
      el(
        'tbody',
        {},
        rows.map((row) => el('tr', {}, row.map((cell, i) => (i === 0 ? el('th', { attrs: { scope: 'row' } }, [cell].flat()) : el('td', {}, [cell].flat()))))),
      ),
    ]),
  ]);
}

/**
 * The report's "Who took part": per participant question the share of each answer overall and per
 * published group beside the population's; with population figures, the raking weights and the
 * weighted figures beside the raw ones. Withheld cells (below the privacy floor, or one that would reveal such a cell) say "not shown".
 */
export function whoTookPart(r: Representativeness, questions: readonly Question[], options: WhoTookPartOptions): HTMLElement[] {
  const { t, languages } = options;
  // Not "fewer than N": a second cell withheld so a row total does not reveal the first may be larger.
  const withheld = t.t('who.withheld');
  const share = (value: number | null): string => (value === null ? withheld : t.percent(value));
  const count = (value: number | null): string => (value === null ? withheld : t.number(value));
  const groupLabel = (id: number): string => t.t('who.group', { label: r.groups.find((g) => g.group === id)?.label ?? String(id) });
  const metaId = (key: string): number | null => (key.startsWith('meta:') ? Number(key.slice(5)) : null);
  const statement = (id: StatementId): Child[] => [statementNumberView(id), options.statementText(id) ?? ''];

  const questionCaption = (key: string): Child[] => {
    const meta = metaId(key);
    if (meta !== null) return [t.t('who.metaQuestion'), ' ', ...statement(meta)];
    const question = questions.find((q) => q.key === key);
    if (!question) return [key];
    const shown = localText(question.text, t.lang, languages);
    return [el('span', { attrs: { ...(shown.lang && shown.lang !== t.lang && { lang: shown.lang }) } }, [shown.text])];
  };
  const answerLabel = (key: string, answer: string): Child => {
    if (metaId(key) !== null) return t.t(answer === 'agree' ? 'who.metaAgree' : 'who.metaDisagree');
    const found = questions.find((q) => q.key === key)?.answers.find((a) => a.key === answer);
    if (!found) return answer;
    const shown = localText(found.text, t.lang, languages);
    return shown.lang && shown.lang !== t.lang ? el('span', { attrs: { lang: shown.lang } }, [shown.text]) : shown.text;
  };

  const breakdowns = r.questions.map((q) => {
    const byGroup = (answer: string, cells: readonly AnswerCell[]): string => share(cells.find((c) => c.answer === answer)?.share ?? null);
    const rows = q.answers.map((a) => [answerLabel(q.question, a.answer), count(a.n), share(a.share), a.population === null ? '–' : t.percent(a.population), ...q.groups.map((g) => byGroup(a.answer, g.answers))]);
    return el('div', { class: 'kuulo-who-question', attrs: { 'data-question': q.question } }, [
      table(
        questionCaption(q.question),
        [t.t('who.answer'), t.t('who.n'), t.t('who.share'), t.t('who.population'), ...q.groups.map((g) => groupLabel(g.group))],
        rows,
      ),
      el('p', { class: 'kuulo-hint' }, [q.answered === null ? t.t('who.answeredWithheld', { floor: r.floor }) : t.t('who.answered', { count: q.answered })]),
    ]);
  });

  const parts: HTMLElement[] = [el('p', { class: 'kuulo-hint' }, [t.t('who.intro', { floor: r.floor })]), ...breakdowns];
  const w = r.weights;
  if (!w) {
    parts.push(el('p', { class: 'kuulo-muted', attrs: { 'data-who': 'unweighted' } }, [t.t('who.noWeights')]));
    return parts;
  }

  const differs = (yes: boolean): Child => (yes ? el('strong', { class: 'kuulo-differs' }, [t.t('who.differs')]) : '');
  const weightedBy = t.list(w.questions.map((key) => questionCaption(key).map((c) => (c instanceof Node ? (c.textContent ?? '') : String(c ?? ''))).join('')));
  const summary: [string, string, string][] = [
    ['questions', t.t('who.weights.questions'), weightedBy],
    ['respondents', t.t('who.weights.respondents'), t.t('who.weights.respondentsOf', { respondents: w.respondents, participants: w.participants })],
    ['design-effect', t.t('who.weights.designEffect'), t.number(w.designEffect, { minimumFractionDigits: 2, maximumFractionDigits: 2 })],
    ['effective', t.t('who.weights.effective'), t.number(Math.round(w.effectiveSampleSize))],
    ['converged', t.t('who.weights.converged'), t.t(w.converged ? 'who.weights.convergedYes' : 'who.weights.convergedNo', { iterations: w.iterations })],
  ];
  const weightedHeading = uniqueId('who-weighted');
  parts.push(
    el('h3', { class: 'kuulo-who-subtitle', attrs: { id: weightedHeading } }, [t.t('who.weighted')]),
    el('p', { class: 'kuulo-hint', attrs: { 'data-who': 'clustering' } }, [t.t('who.clustering')]),
    el(
      'dl',
      { class: 'kuulo-who-weights' },
      summary.map(([key, label, value]) => el('div', { attrs: { 'data-weights': key } }, [el('dt', {}, [label]), el('dd', {}, [value])])),
    ),
  );
  if (r.groups.length > 0) {
    parts.push(
      table(
        [t.t('who.groupsCaption')],
        [t.t('who.groupColumn'), t.t('who.n'), t.t('who.raw'), t.t('who.weightedShare'), t.t('who.difference')],
        r.groups.map((g) => [groupLabel(g.group), t.number(g.n), t.percent(g.share), share(g.shareWeighted), differs(g.differs)]),
        'kuulo-who-groups',
      ),
    );
  }

  // Majority opinions: every statement that is one in either count, with the share on its side raw and weighted.
  const byId = new Map(r.statements.map((s) => [String(s.statement), s]));
  const m = r.majority;
  const majorityRows: Cell[][] = [];
  for (const side of ['agree', 'disagree'] as const) {
    const raw = side === 'agree' ? m.agree : m.disagree;
    const weighted = side === 'agree' ? m.agreeWeighted : m.disagreeWeighted;
    const ids = [...raw, ...weighted.filter((id) => !raw.some((x) => String(x) === String(id)))];
    for (const id of ids) {
      const s = byId.get(String(id));
      const inRaw = raw.some((x) => String(x) === String(id));
      const inWeighted = weighted.some((x) => String(x) === String(id));
      majorityRows.push([
        statement(id),
        t.t(side === 'agree' ? 'who.side.agree' : 'who.side.disagree'),
        share(s ? (side === 'agree' ? s.agree : s.disagree) : null),
        share(s ? (side === 'agree' ? s.agreeWeighted : s.disagreeWeighted) : null),
        t.t(inRaw && inWeighted ? 'who.majority.both' : inRaw ? 'who.majority.rawOnly' : 'who.majority.weightedOnly'),
      ]);
    }
  }
  parts.push(
    majorityRows.length === 0
      ? el('p', { class: 'kuulo-muted' }, [t.t('who.majority.none', { threshold: t.percent(m.threshold) })])
      : table(
          [t.t('who.majority.caption', { threshold: t.percent(m.threshold) })],
          [t.t('who.statement'), t.t('who.side'), t.t('who.raw'), t.t('who.weightedShare'), t.t('who.majority.in')],
          majorityRows,
          'kuulo-who-majority',
        ),
  );

  const shown = r.statements.filter((s) => s.n !== null && options.statementText(s.statement) !== undefined);
  parts.push(
    table(
      [t.t('who.statementsCaption')],
      [t.t('who.statement'), t.t('who.votes'), t.t('who.agree'), t.t('who.agreeWeighted'), t.t('who.disagree'), t.t('who.disagreeWeighted'), t.t('who.difference')],
      shown.map((s) => [statement(s.statement), count(s.n), share(s.agree), share(s.agreeWeighted), share(s.disagree), share(s.disagreeWeighted), differs(s.differs)]),
      'kuulo-who-statements',
    ),
    el('p', { class: 'kuulo-hint' }, [t.t('who.differsNote', { points: Math.round(r.materialDifference * 100) })]),
  );
  return parts;
}
