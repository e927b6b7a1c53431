import type { CsrMatrix } from '../matrix/csrMatrix.js';
import { checkPrivacyFloor, defaultPrivacyFloor, privacyOf } from '../privacy/privacyOf.js';
import type { KuuloResult, ParticipantId, StatementId } from '../types.js';
import { designEffect, rake, type RakeOptions, type RakingMargin } from './rake.js';

/** A participant question and its answers in display order. */
export interface RepresentativenessQuestion {
  id: string;
  answers: readonly string[];
}

/** One participant's answer to one question. */
export interface ParticipantAnswer {
  participant: ParticipantId;
  question: string;
  answer: string;
}

/** The population's share of one answer (a margin row: question, answer, share). */
export interface PopulationShare {
  question: string;
  answer: string;
  share: number;
}

/** What `representativeness` reads. */
export interface RepresentativenessInput {
  /** The raw (unpublished) result: its groups are published here under the floor. */
  result: KuuloResult;
  /** The votes the result was computed from, in Polis's internal sign (agree = −1), as `Conversation.voteMatrix()` gives them. */
  votes: { participants: readonly ParticipantId[]; statements: readonly StatementId[]; matrix: CsrMatrix };
  /** Questions in display order; absent: every question and answer in `answers` and `population`, in first-seen order. */
  questions?: readonly RepresentativenessQuestion[];
  answers: Iterable<ParticipantAnswer>;
  /** Population shares per question; absent or empty: no weighting, only the breakdowns. */
  population?: Iterable<PopulationShare>;
}

/** Options of `representativeness`; each states its default. */
export interface RepresentativenessOptions extends RakeOptions {
  /** Privacy floor: no published number describes fewer participants. Default 5. */
  floor?: number;
  /** Treat meta statements (all with `true`, or those listed) as questions `meta:<statement>` answered by their votes (agree / disagree; pass is no answer), as for Polis imports. Default false. */
  metaQuestions?: boolean | readonly StatementId[];
  /** Share of votes cast on one side that makes a statement a majority opinion. Default 0.6. */
  majority?: number;
  /** Weighted and raw figures differ materially when they are this far apart (a share, 0..1), or when a majority opinion appears or disappears. Default 0.05. */
  materialDifference?: number;
  /** How many statements each consensus list names. Default 5. */
  consensusCount?: number;
}

/** One answer's cell: null where fewer than the floor gave it (or where it would reveal such a cell). */
export interface AnswerCell {
  answer: string;
  n: number | null;
  /** Share of those in the row who answered the question. */
  share: number | null;
}

/** One question's answers overall and per published group, beside the population's shares. */
export interface QuestionReport {
  question: string;
  /** Participants (with votes) who answered; null below the floor. */
  answered: number | null;
  answers: (AnswerCell & { population: number | null })[];
  /** Per published group: its members' answers (all withheld where the ungrouped participants' counts, overall minus the groups, would be below the floor). */
  groups: { group: number; answered: number | null; answers: AnswerCell[] }[];
}

/** How the raking weights came out: what they match, how they converged and what they cost in precision. */
export interface WeightsSummary {
  method: 'raking';
  /** Questions with population figures that the weights match. */
  questions: string[];
  participants: number;
  /** Participants who answered at least one of those questions; the others keep weight 1. */
  respondents: number;
  iterations: number;
  converged: boolean;
  maxError: number;
  /** Kish's design effect n·Σw²/(Σw)²: how much the weighting widens uncertainty. */
  designEffect: number;
  /** participants / designEffect: as many unweighted participants would be this precise. */
  effectiveSampleSize: number;
}

/** One statement's shares of votes cast and consensus, raw and weighted. */
export interface StatementRepresentativeness {
  statement: StatementId;
  /** Votes cast (pass included); null below the floor, and then so is every share. */
  n: number | null;
  agree: number | null;
  agreeWeighted: number | null;
  disagree: number | null;
  disagreeWeighted: number | null;
  /** Polis group-aware consensus over the published groups, raw and with members weighted within their group. */
  consensus: number | null;
  consensusWeighted: number | null;
  /** The weighted figures differ materially from the raw ones. */
  differs: boolean;
}

/** The `representativeness` section of a report: who took part, and the picture weighted to the population. */
export interface Representativeness {
  format: 'kuulo-representativeness@1';
  floor: number;
  /** Groups are found from unweighted votes; only the figures named …Weighted use the weights. */
  clusteringWeighted: false;
  questions: QuestionReport[];
  /** Null without usable population figures. */
  weights: WeightsSummary | null;
  /** Published groups' shares of the grouped participants, raw and weighted. */
  groups: { group: number; label: string; n: number; share: number; shareWeighted: number | null; differs: boolean }[];
  statements: StatementRepresentativeness[];
  /** Statements where at least `threshold` of the votes cast are on one side, raw and weighted. */
  majority: { threshold: number; agree: StatementId[]; agreeWeighted: StatementId[]; disagree: StatementId[]; disagreeWeighted: StatementId[] };
  /** The statements with the highest group-aware consensus, raw and weighted. */
  consensus: { raw: StatementId[]; weighted: StatementId[] };
  materialDifference: number;
  /** Some weighted figure differs materially from its raw one. */
  differs: boolean;
  /** Problems met in the answers or population figures, each naming the question and answer. */
  warnings: { question: string; answer?: string; message: string }[];
}

const metaAnswers = ['agree', 'disagree'] as const;

/**
 * Who took part and how the results look weighted to the population. Breaks participants' answers down
 * overall and per published group, compares them with the population's shares, computes raking weights
 * (`rake`) and reports the majority opinions, consensus, group shares and per-statement shares weighted
 * beside raw. Clustering is untouched. Every count below `floor` is withheld, with a second cell where one
 * withheld cell could be worked out from the row's total. Pure.
 */
export function representativeness(input: RepresentativenessInput, options: RepresentativenessOptions = {}): Representativeness {
  const floor = checkPrivacyFloor('representativeness', options.floor ?? defaultPrivacyFloor);
  const threshold = checkShare('majority', options.majority ?? 0.6);
  const material = checkShare('materialDifference', options.materialDifference ?? 0.05);
  const consensusCount = options.consensusCount ?? 5;
  const { result, votes } = input;
  const { matrix } = votes;
  if (votes.participants.length !== matrix.nRows || votes.statements.length !== matrix.nCols) {
    throw new RangeError(`representativeness: votes has ${votes.participants.length} participants × ${votes.statements.length} statements but a ${matrix.nRows} × ${matrix.nCols} matrix`);
  }
  const nRows = matrix.nRows;
  const rowOf = new Map(votes.participants.map((p, r) => [p, r]));
  const colOf = new Map(votes.statements.map((s, c) => [s, c]));
  const warnings: Representativeness['warnings'] = [];
  const warned = new Set<string>();
  const warn = (w: Representativeness['warnings'][number]) => {
    const key = JSON.stringify(w);
    if (!warned.has(key)) (warned.add(key), warnings.push(w));
  };

  // Questions and each participant's answer index per question (−1: none).
  const questions: { id: string; answers: string[] }[] = (input.questions ?? []).map((q) => ({ id: q.id, answers: [...q.answers] }));
  const questionIndex = new Map(questions.map((q, i) => [q.id, i]));
  const given = input.questions !== undefined;
  const questionOf = (id: string, where: string): number | undefined => {
    let q = questionIndex.get(id);
    if (q === undefined && !given) {
      q = questions.push({ id, answers: [] }) - 1;
      questionIndex.set(id, q);
    }
    if (q === undefined) warn({ question: id, message: `${where} names a question that is not asked` });
    return q;
  };
  const answerOf = (q: number, answer: string): number => {
    const list = questions[q]!.answers;
    let a = list.indexOf(answer);
    if (a === -1 && !given) a = list.push(answer) - 1;
    return a;
  };
  const rawAnswers: { row: number; q: number; a: number }[] = [];
  const unknown = new Map<string, number>();
  for (const x of input.answers) {
    const row = rowOf.get(x.participant);
    const q = questionIndex.get(x.question) ?? (given ? undefined : questionOf(x.question, 'an answer'));
    if (q === undefined) {
      unknown.set(x.question, (unknown.get(x.question) ?? 0) + 1);
      continue;
    }
    const a = answerOf(q, x.answer);
    if (a === -1) {
      warn({ question: x.question, answer: x.answer, message: 'an answer that is not one of the question’s answers was left out' });
      continue;
    }
    if (row !== undefined) rawAnswers.push({ row, q, a });
  }
  for (const [question, count] of unknown) warn({ question, message: `${count} answers to a question that is not asked were left out` });
  if (options.metaQuestions) {
    const wanted = options.metaQuestions === true ? null : new Set(options.metaQuestions);
    for (const s of result.meta) {
      if (wanted && !wanted.has(s)) continue;
      const col = colOf.get(s);
      if (col === undefined) continue;
      const q = questions.push({ id: `meta:${s}`, answers: [...metaAnswers] }) - 1;
      questionIndex.set(`meta:${s}`, q);
      for (let r = 0; r < nRows; r++) {
        for (let k = matrix.rowPtr[r]!; k < matrix.rowPtr[r + 1]!; k++) {
          // Polis's internal sign: agree is −1.
          if (matrix.colIdx[k] === col && matrix.values[k] !== 0) rawAnswers.push({ row: r, q, a: matrix.values[k]! < 0 ? 0 : 1 });
        }
      }
    }
  }
  const answerRows = questions.map(() => new Int32Array(nRows).fill(-1));
  for (const { row, q, a } of rawAnswers) answerRows[q]![row] = a;

  // Population shares per question, in the question's answer order.
  const population = questions.map(() => null as (number | null)[] | null);
  for (const p of input.population ?? []) {
    if (typeof p.share !== 'number' || !(p.share >= 0 && p.share <= 1)) {
      throw new RangeError(`representativeness: population share of question ${JSON.stringify(p.question)} answer ${JSON.stringify(p.answer)} must be a number from 0 to 1, got ${JSON.stringify(p.share)}`);
    }
    const q = questionIndex.get(p.question) ?? (given ? undefined : questionOf(p.question, 'the population'));
    if (q === undefined) {
      warn({ question: p.question, message: 'population figures for a question that is not asked were left out' });
      continue;
    }
    const a = answerOf(q, p.answer);
    if (a === -1) {
      warn({ question: p.question, answer: p.answer, message: 'a population figure for an answer the question does not offer was left out' });
      continue;
    }
    const row = (population[q] ??= []);
    if (row[a] != null) throw new RangeError(`representativeness: population share of question ${JSON.stringify(p.question)} answer ${JSON.stringify(p.answer)} is given twice`);
    row[a] = p.share;
  }
  for (let q = 0; q < questions.length; q++) {
    const row = population[q];
    if (!row) continue;
    const sum = row.reduce<number>((s, v) => s + (v ?? 0), 0);
    if (Math.abs(sum - 1) > 0.02) throw new RangeError(`representativeness: population shares of question ${JSON.stringify(questions[q]!.id)} sum to ${round(sum)}, not 1 (within 0.02)`);
  }

  // Published groups, indexed by vote row.
  const { visible } = privacyOf(result, floor);
  const groups = result.groups.filter((g) => visible.has(g.id));
  const groupOfRow = new Int32Array(nRows).fill(-1);
  result.participants.forEach((p, i) => {
    const g = result.participantGroup[i];
    const row = rowOf.get(p);
    if (g != null && visible.has(g) && row !== undefined) groupOfRow[row] = groups.findIndex((x) => x.id === g);
  });

  // Raking over the questions with population figures; answers outside them, or figures nobody matches, are left out with a warning.
  const margins: RakingMargin[] = [];
  const weightedQuestions: string[] = [];
  population.forEach((row, q) => {
    if (!row) return;
    const id = questions[q]!.id;
    const counts = new Int32Array(questions[q]!.answers.length);
    for (let r = 0; r < nRows; r++) if (answerRows[q]![r]! >= 0) counts[answerRows[q]![r]!]!++;
    const kept: number[] = [];
    questions[q]!.answers.forEach((answer, a) => {
      const share = row[a];
      if (share == null) {
        if (counts[a]! > 0) warn({ question: id, answer, message: 'no population figure: those who gave this answer are not weighted by this question' });
      } else if (share > 0 && counts[a] === 0) warn({ question: id, answer, message: 'nobody gave this answer: its population share is left out of the weighting and the others scaled up' });
      else if (share > 0) kept.push(a);
      else if (counts[a]! > 0) warn({ question: id, answer, message: 'population share 0: those who gave this answer are not weighted by this question' });
    });
    const total = kept.reduce((s, a) => s + row[a]!, 0);
    if (kept.length === 0 || total === 0) return;
    const position = new Map(kept.map((a, i) => [a, i]));
    const answer = Int32Array.from(answerRows[q]!, (a) => position.get(a) ?? -1);
    margins.push({ answer, targets: kept.map((a) => row[a]! / total) });
    weightedQuestions.push(id);
  });
  let weights: Float64Array | null = null;
  let summary: WeightsSummary | null = null;
  if (margins.length > 0) {
    const raked = rake(nRows, margins, options);
    if (raked.respondents < floor) warn({ question: weightedQuestions.join(', '), message: `fewer than ${floor} participants answered: no weights` });
    else {
      weights = raked.weights;
      const deff = designEffect(weights);
      summary = {
        method: 'raking',
        questions: weightedQuestions,
        participants: nRows,
        respondents: raked.respondents,
        iterations: raked.iterations,
        converged: raked.converged,
        maxError: raked.maxError,
        designEffect: deff,
        effectiveSampleSize: nRows / deff,
      };
    }
  }

  // Answer breakdowns, overall and per group.
  const cells = (counts: Int32Array, answered: number, answers: readonly string[]): { answered: number | null; cells: AnswerCell[] } => {
    if (answered < floor) return { answered: null, cells: answers.map((answer) => ({ answer, n: null, share: null })) };
    const shown = withhold([...counts], floor);
    return { answered, cells: answers.map((answer, a) => ({ answer, n: shown[a]!, share: shown[a] === null ? null : shown[a]! / answered })) };
  };
  const questionReports: QuestionReport[] = questions.map((question, q) => {
    const k = question.answers.length;
    const counts = new Int32Array(k);
    const byGroup = groups.map(() => new Int32Array(k));
    for (let r = 0; r < nRows; r++) {
      const a = answerRows[q]![r]!;
      if (a < 0) continue;
      counts[a]!++;
      if (groupOfRow[r]! >= 0) byGroup[groupOfRow[r]!]![a]!++;
    }
    const overall = cells(counts, sum(counts), question.answers);
    // Overall minus the groups gives the ungrouped participants' counts: where one is small, no group breakdown is published.
    const ungroupedSmall = counts.some((n, a) => {
      const u = n - byGroup.reduce((s, g) => s + g[a]!, 0);
      return u > 0 && u < floor;
    });
    return {
      question: question.id,
      answered: overall.answered,
      answers: overall.cells.map((c, a) => ({ ...c, population: population[q]?.[a] ?? null })),
      groups: groups.map((g, gi) => {
        const c = cells(ungroupedSmall ? new Int32Array(k) : byGroup[gi]!, ungroupedSmall ? 0 : sum(byGroup[gi]!), question.answers);
        return { group: g.id, answered: c.answered, answers: c.cells };
      }),
    };
  });

  // Group shares of the grouped participants.
  const groupN = new Float64Array(groups.length);
  const groupW = new Float64Array(groups.length);
  for (let r = 0; r < nRows; r++) {
    const g = groupOfRow[r]!;
    if (g < 0) continue;
    groupN[g]!++;
    groupW[g]! += weights ? weights[r]! : 1;
  }
  const groupedN = sum(groupN);
  const groupedW = sum(groupW);
  const groupRows = groups.map((g, gi) => {
    const share = groupN[gi]! / groupedN;
    const shareWeighted = weights ? groupW[gi]! / groupedW : null;
    return { group: g.id, label: g.label, n: groupN[gi]!, share, shareWeighted, differs: shareWeighted !== null && Math.abs(shareWeighted - share) >= material };
  });

  // Per statement: shares of the votes cast, and group-aware consensus with members weighted within their group.
  const nCols = matrix.nCols;
  const agreeN = new Float64Array(nCols);
  const disagreeN = new Float64Array(nCols);
  const seenN = new Float64Array(nCols);
  const agreeW = new Float64Array(nCols);
  const disagreeW = new Float64Array(nCols);
  const seenW = new Float64Array(nCols);
  const gAgree = groups.map(() => new Float64Array(nCols));
  const gSeen = groups.map(() => new Float64Array(nCols));
  const gAgreeW = groups.map(() => new Float64Array(nCols));
  const gSeenW = groups.map(() => new Float64Array(nCols));
  // Within-group weights keep each group's total: only its members' balance changes, not the consensus's pseudo-count strength.
  const withinScale = groups.map((_, gi) => (groupW[gi]! > 0 ? groupN[gi]! / groupW[gi]! : 1));
  for (let r = 0; r < nRows; r++) {
    const w = weights ? weights[r]! : 1;
    const g = groupOfRow[r]!;
    for (let k = matrix.rowPtr[r]!; k < matrix.rowPtr[r + 1]!; k++) {
      const c = matrix.colIdx[k]!;
      const v = matrix.values[k]!;
      seenN[c]!++;
      seenW[c]! += w;
      if (v < 0) (agreeN[c]!++, (agreeW[c]! += w));
      else if (v > 0) (disagreeN[c]!++, (disagreeW[c]! += w));
      if (g >= 0) {
        gSeen[g]![c]!++;
        gSeenW[g]![c]! += w * withinScale[g]!;
        if (v < 0) (gAgree[g]![c]!++, (gAgreeW[g]![c]! += w * withinScale[g]!));
      }
    }
  }
  const excluded = new Set<StatementId>([...result.modOut, ...result.meta]);
  const consensusOf = (c: number, agree: Float64Array[], seen: Float64Array[]): number | null => {
    if (groups.length === 0) return null;
    let product = 1;
    for (let g = 0; g < groups.length; g++) product *= (agree[g]![c]! + 1) / (seen[g]![c]! + 2);
    return product;
  };
  const statements: StatementRepresentativeness[] = [];
  for (const statement of result.statements) {
    const c = colOf.get(statement);
    if (c === undefined || excluded.has(statement)) continue;
    if (seenN[c]! < floor) {
      statements.push({ statement, n: null, agree: null, agreeWeighted: null, disagree: null, disagreeWeighted: null, consensus: null, consensusWeighted: null, differs: false });
      continue;
    }
    const agree = agreeN[c]! / seenN[c]!;
    const disagree = disagreeN[c]! / seenN[c]!;
    const agreeWeighted = weights ? agreeW[c]! / seenW[c]! : null;
    const disagreeWeighted = weights ? disagreeW[c]! / seenW[c]! : null;
    // A group's factor from fewer than the floor of its members would describe them: no consensus then.
    const groupsSeenEnough = gSeen.every((s) => s[c]! >= floor);
    const consensus = groupsSeenEnough ? consensusOf(c, gAgree, gSeen) : null;
    const consensusWeighted = weights && groupsSeenEnough ? consensusOf(c, gAgreeW, gSeenW) : null;
    const crosses = (raw: number, weighted: number | null) => weighted !== null && (Math.abs(weighted - raw) >= material || raw >= threshold !== weighted >= threshold);
    statements.push({ statement, n: seenN[c]!, agree, agreeWeighted, disagree, disagreeWeighted, consensus, consensusWeighted, differs: crosses(agree, agreeWeighted) || crosses(disagree, disagreeWeighted) });
  }
  const pick = (key: 'agree' | 'agreeWeighted' | 'disagree' | 'disagreeWeighted') =>
    statements.filter((s) => s[key] !== null && s[key]! >= threshold).sort((a, b) => b[key]! - a[key]! || 0).map((s) => s.statement);
  const top = (key: 'consensus' | 'consensusWeighted') =>
    statements.filter((s) => s[key] !== null).sort((a, b) => b[key]! - a[key]!).slice(0, consensusCount).map((s) => s.statement);
  return {
    format: 'kuulo-representativeness@1',
    floor,
    clusteringWeighted: false,
    questions: questionReports,
    weights: summary,
    groups: groupRows,
    statements,
    majority: { threshold, agree: pick('agree'), agreeWeighted: weights ? pick('agreeWeighted') : [], disagree: pick('disagree'), disagreeWeighted: weights ? pick('disagreeWeighted') : [] },
    consensus: { raw: top('consensus'), weighted: weights ? top('consensusWeighted') : [] },
    materialDifference: material,
    differs: groupRows.some((g) => g.differs) || statements.some((s) => s.differs),
    warnings,
  };
}

/**
 * Counts as published: those from 1 to floor − 1 withheld, and where exactly one is withheld (so the row's
 * total would give it away) the smallest other non-zero count too.
 */
export function withhold(counts: readonly number[], floor: number): (number | null)[] {
  const out: (number | null)[] = counts.map((n) => (n > 0 && n < floor ? null : n));
  if (out.filter((n) => n === null).length === 1) {
    let smallest = -1;
    out.forEach((n, i) => {
      if (n !== null && n > 0 && (smallest === -1 || n < out[smallest]!)) smallest = i;
    });
    if (smallest !== -1) out[smallest] = null;
  }
  return out;
}

function checkShare(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`representativeness: ${name} must be a share from 0 to 1, got ${value}`);
  return value;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
