import type { Cluster } from '../cluster/cluster.js';
import type { KSmoother } from '../cluster/chooseK.js';
import type { ResolvedOptions } from '../options.js';
import type { ModerationState, ParticipantId, StatementId } from '../types.js';

/** Everything a Conversation needs to continue exactly where it stopped; JSON-safe. */
export interface ConversationState {
  format: 'kuulo-state@1';
  options: ResolvedOptions;
  tick: number;
  /** Participant ids in row order and statement ids in column order. */
  participants: ParticipantId[];
  statements: StatementId[];
  /** Latest vote per cell (public sign, agree = +1), or null when saved without votes. */
  votes: { row: number[]; col: number[]; vote: number[]; time: (number | null)[] } | null;
  moderation: [StatementId, ModerationState, boolean][];
  inConv: ParticipantId[];
  comps: [number[], number[]] | null;
  /** Base clusters with members as participant ids. */
  baseClusters: { id: number; members: ParticipantId[]; center: [number, number] }[] | null;
  /** Group clusterings per k (members are base-cluster ids); Polis keeps these in memory only. */
  groupClusterings: Record<string, Cluster[]> | null;
  smoother: KSmoother | null;
  /** Groups as shown last time, for keeping ids with the same people. */
  shownGroups: { id: number; participants: ParticipantId[] }[];
  /** Summed group tallies of the last update, which Polis's comment priorities read one update late. */
  previousGroupVotes: { agree: number[]; disagree: number[]; seen: number[] } | null;
  /** The PCA basis kept for folding in (`pcaRefitShare` > 0): centre, moderated-out columns at the fit, votes changed since. Comps are `comps`. */
  basis?: { center: number[]; modOut: number[]; changedSinceFit: number };
  /** Stable mode's last centres (base x0, y0, …; groups per k), for `stableWarmStart`. Absent in Polis mode. */
  stable?: { baseCenters: number[] | null; groupCenters: Record<string, number[]> };
}
