import type { StatementSupport } from './uncertaintyIndex';

/** A marker on a statement whose test did not hold in enough bootstrap resamples. */
export interface StatementFlag {
  /** Short text shown under the statement. */
  text: string;
  /** The full sentence: tooltip and screen-reader text. */
  title: string;
}

/**
 * The "not robust" marker of a statement, or undefined when it is robust (or was not judged).
 * `holds` finishes the sentence "The statement …", e.g. "stayed representative of group B".
 */
export function robustnessFlag(support: StatementSupport | undefined, holds: string, resamples: number, robustThreshold: number): StatementFlag | undefined {
  if (!support || support.robust) return undefined;
  const share = Math.round(100 * support.support);
  return {
    text: `⚠ Not robust: held in ${share}% of resamples`,
    title: `Not robust: the statement ${holds} in ${share}% of ${resamples} bootstrap resamples, below the ${Math.round(100 * robustThreshold)}% needed to count as robust.`,
  };
}

/** Table cell for a statement's support: "yes (92%)", "no (45%)", or "–" when not judged. */
export function robustnessCell(support: StatementSupport | undefined): string {
  return support ? `${support.robust ? 'yes' : 'no'} (${Math.round(100 * support.support)}%)` : '–';
}
