import { plantedGroupWeights, type SyntheticConversation } from '../synthetic/generateConversation.js';

/**
 * The most likely planted group of every participant given only their own votes, for a reader that
 * knows exactly how the votes were generated: each group's stance per statement, the noise, and the
 * group sizes. Returns one label per participant id (index = id).
 *
 * This is the Bayes-optimal (maximum a posteriori) assignment, so its ARI against the planted groups is
 * a ceiling for any method that sees only the votes: the part of the error it shares is in the data,
 * not in the method. Passes carry no information (every group passes at the same rate), and a split
 * stance (0) is a coin toss in every group.
 */
export function plantedOracle(conversation: SyntheticConversation): Int32Array {
  const { participant, statement, vote, truth, options } = conversation;
  const g = options.groups;
  const m = options.comments;
  const n = options.participants;
  const weights = plantedGroupWeights(g);
  const logLikelihood = new Float64Array(n * g);
  for (let i = 0; i < n; i++) for (let k = 0; k < g; k++) logLikelihood[i * g + k] = Math.log(weights[k]!);
  const follow = Math.log(1 - options.noise);
  const flip = Math.log(options.noise);
  const coin = Math.log(0.5);
  for (let at = 0; at < vote.length; at++) {
    const v = vote[at]!;
    if (v === 0) continue;
    const row = participant[at]! * g;
    const j = statement[at]!;
    for (let k = 0; k < g; k++) {
      const s = truth.stance[k * m + j]!;
      logLikelihood[row + k] = logLikelihood[row + k]! + (s === 0 ? coin : v === s ? follow : flip);
    }
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < g; k++) if (logLikelihood[i * g + k]! > logLikelihood[i * g + best]!) best = k;
    out[i] = best;
  }
  return out;
}
