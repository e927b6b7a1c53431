import { propZ } from './proportionTest.js';
import { quotient } from './quotient.js';

/** Polis `comment-stats` of one population on one statement: counts, add-one proportions and their z-tests. */
export interface CommentStats {
  /** Agree votes. */
  na: number;
  /** Disagree votes. */
  nd: number;
  /** Non-missing votes, pass included. */
  ns: number;
  /** (na + 1)/(ns + 2). */
  pa: number;
  /** (nd + 1)/(ns + 2). */
  pd: number;
  /** propZ(na, ns). */
  pat: number;
  /** propZ(nd, ns). */
  pdt: number;
}

/** Statistics from the three counts; `polisNumerics` picks Clojure's 16-digit rational conversion. */
export function commentStats(na: number, nd: number, ns: number, polisNumerics: boolean): CommentStats {
  const options = polisNumerics ? POLIS : PLAIN;
  return {
    na,
    nd,
    ns,
    pa: quotient(na + 1, ns + 2, polisNumerics),
    pd: quotient(nd + 1, ns + 2, polisNumerics),
    pat: propZ(na, ns, options),
    pdt: propZ(nd, ns, options),
  };
}

const POLIS = { polisNumerics: true };
const PLAIN = { polisNumerics: false };
