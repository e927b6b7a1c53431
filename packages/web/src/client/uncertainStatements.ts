import type { Statement } from './apiTypes';

export interface UncertaintyOptions {
  /** Least share of pass votes (0..1). Default 0.3. */
  minPassShare?: number;
  /** Least number of votes, so a single pass does not count as uncertainty. Default 5. */
  minVotes?: number;
  /** Most statements returned. Default 10. */
  count?: number;
}

const defaults = { minPassShare: 0.3, minVotes: 5, count: 10 };

/**
 * Areas of uncertainty: statements many voters passed on (unsure, or the statement is unclear),
 * most passed first. Meta statements are left out: they are about the conversation, not the topic.
 */
export function uncertainStatements(statements: readonly Statement[], options: UncertaintyOptions = {}): { statement: Statement; passShare: number }[] {
  const minPassShare = options.minPassShare ?? defaults.minPassShare;
  const minVotes = options.minVotes ?? defaults.minVotes;
  const count = options.count ?? defaults.count;
  return statements
    .flatMap((statement) => {
      const t = statement.tally;
      if (!t || statement.isMeta) return [];
      const votes = t.agree + t.disagree + t.pass;
      const passShare = votes === 0 ? 0 : t.pass / votes;
      return votes >= minVotes && passShare >= minPassShare ? [{ statement, passShare }] : [];
    })
    .sort((a, b) => b.passShare - a.passShare || a.statement.id - b.statement.id)
    .slice(0, count);
}
