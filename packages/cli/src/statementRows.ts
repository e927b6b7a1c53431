import type { CsrMatrix, KuuloResult, ModerationState, PolisComments, StatementId } from '@kuulo/core';

/** The votes as `Conversation.voteMatrix()` gives them. */
export interface VoteMatrixSource {
  statements: readonly StatementId[];
  matrix: CsrMatrix;
}

export interface Tally {
  agree: number;
  disagree: number;
  pass: number;
}

/** Everything the report and statements.csv say about one statement. */
export interface StatementRow {
  statement: StatementId;
  /** Text from the comments file, null without one. */
  text: string | null;
  /** Language tag of `text` when the comments file says (a Kuulo export's `language` column), else null. */
  lang: string | null;
  /** `text` in other languages by tag (a Kuulo export's `translations` column). */
  translations: Readonly<Record<string, string>>;
  /** Polis moderation: −1 out, 0 unmoderated, 1 in (from the comments file, else from the result). */
  moderation: ModerationState;
  meta: boolean;
  /** Latest vote of every participant who voted on it (grouped or not). */
  overall: Tally;
  /** One tally per group, in `result.groups` order. */
  groups: Tally[];
  groupAwareConsensus: number;
  extremity: number;
  priority: number;
}

/**
 * One row per statement of the result (`result.statements` order). Overall tallies come from the
 * votes themselves, because the result's tallies only count participants in groups.
 */
export function statementRows(result: KuuloResult, votes: VoteMatrixSource, comments: PolisComments | null): StatementRow[] {
  const overall = overallTallies(votes);
  const fromFile = new Map((comments?.statements ?? []).map((s) => [String(s.id), s]));
  const modIn = new Set(result.modIn.map(String));
  const modOut = new Set(result.modOut.map(String));
  const meta = new Set(result.meta.map(String));
  return result.statements.map((statement, j) => {
    const key = String(statement);
    const given = fromFile.get(key);
    const moderation: ModerationState = given?.moderation ?? (modIn.has(key) ? 1 : modOut.has(key) && !meta.has(key) ? -1 : 0);
    return {
      statement,
      text: given?.text ?? null,
      lang: given?.lang ?? null,
      translations: given?.translations ?? {},
      moderation,
      meta: given?.isMeta ?? meta.has(key),
      overall: overall.get(key) ?? { agree: 0, disagree: 0, pass: 0 },
      groups: result.groups.map((g) => {
        const agree = g.tallies.agree[j] ?? 0;
        const disagree = g.tallies.disagree[j] ?? 0;
        return { agree, disagree, pass: (g.tallies.seen[j] ?? 0) - agree - disagree };
      }),
      groupAwareConsensus: result.groupAwareConsensus[j] ?? 0,
      extremity: result.pca.statementExtremity[j] ?? 0,
      priority: result.priorities[j] ?? 0,
    };
  });
}

/**
 * The rows as a reader of `lang` sees them: the translation into `lang` where there is one, else
 * the original; `lang` of each row then names the language of the text shown.
 */
export function rowsInLanguage(rows: readonly StatementRow[], lang: string): StatementRow[] {
  return rows.map((row) => {
    const translated = row.translations[lang];
    return translated === undefined || row.text === null ? row : { ...row, text: translated, lang };
  });
}

/** Tallies per statement id over the latest vote on each cell (the vote store's rule, already applied in the matrix). */
function overallTallies({ statements, matrix: m }: VoteMatrixSource): Map<string, Tally> {
  const tallies = statements.map(() => ({ agree: 0, disagree: 0, pass: 0 }));
  for (let k = 0; k < m.colIdx.length; k++) {
    const t = tallies[m.colIdx[k]!]!;
    // The store keeps Polis's internal sign: agree = −1.
    const v = m.values[k]!;
    if (v < 0) t.agree++;
    else if (v > 0) t.disagree++;
    else t.pass++;
  }
  return new Map(statements.map((id, j) => [String(id), tallies[j]!]));
}
