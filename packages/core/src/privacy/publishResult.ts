import { groupAwareConsensus } from '../stats/groupAwareConsensus.js';
import type { GroupResult, KuuloResult } from '../types.js';
import { checkPrivacyFloor, defaultPrivacyFloor, privacyOf, type PrivacyInfo } from './privacyOf.js';

/** A group's votes per statement as published: null where fewer than `floor` of its members voted on the statement. */
export interface PublishedVoteTallies {
  agree: (number | null)[];
  disagree: (number | null)[];
  /** Non-missing votes, pass included. */
  seen: (number | null)[];
}

/** A published group: a `GroupResult` whose figures from fewer than `floor` voters are dropped. */
export interface PublishedGroupResult extends Omit<GroupResult, 'tallies'> {
  tallies: PublishedVoteTallies;
}

/**
 * A KuuloResult as the public may see it (`publishResult`). Differs from KuuloResult in `groups`
 * (tallies may hold null), `groupAwareConsensus` (null while no group is published) and `privacy`, and
 * carries no `uncertainty` (bootstrap against the published result to attach one).
 */
export interface PublishedKuuloResult extends Omit<KuuloResult, 'groups' | 'groupAwareConsensus' | 'uncertainty'> {
  groups: PublishedGroupResult[];
  /** Polis group-aware consensus over the published groups; null per statement while no group is published. */
  groupAwareConsensus: (number | null)[];
  privacy: PrivacyInfo;
}

/** Options of `publishResult`; each states its default. */
export interface PublishOptions {
  /** Privacy floor, an integer 2..100: no published number describes fewer participants. Default 5. */
  floor?: number;
}

/**
 * The published form of a result: no number in it describes fewer than `floor` participants. Pure.
 *
 * - Before `mapMinimum = max(7, floor)` participants have voted, no group is published (Polis waits for 7).
 * - Groups smaller than `floor` are removed and their members ungrouped (`participantGroup` null).
 * - A group's tally of a statement that fewer than `floor` of its members voted on is null, and its
 *   representative statements with `nTrials < floor` are dropped, as are consensus entries.
 * - `groupAwareConsensus` is recomputed over the published groups when some are hidden (a hidden
 *   group's factor would carry its few votes), and is null while none is published.
 *
 * Left as they are: the map (`participantProjection`), base clusters and `votesBase` (as Polis
 * publishes them), and `k`. Deviation from Polis, which publishes every group from the first voter.
 */
export function publishResult(result: KuuloResult, options: PublishOptions = {}): PublishedKuuloResult {
  if (result === null || typeof result !== 'object' || result.format !== 'kuulo-result@1') {
    throw new Error(`publishResult: result must be a KuuloResult (format 'kuulo-result@1'), got ${result === null || typeof result !== 'object' ? String(result) : JSON.stringify(result.format)}`);
  }
  const floor = checkPrivacyFloor('publishResult', options.floor ?? defaultPrivacyFloor);
  const { visible, privacy } = privacyOf(result, floor);
  const column = new Map(result.statements.map((s, c) => [s, c]));
  const kept = result.groups.filter((g) => visible.has(g.id));
  const groups = kept.map((g): PublishedGroupResult => {
    const enough = g.tallies.seen.map((s) => s >= floor);
    const cut = (values: readonly number[]) => values.map((v, c) => (enough[c] ? v : null));
    return {
      ...g,
      baseClusters: [...g.baseClusters],
      center: [g.center[0], g.center[1]],
      tallies: { agree: cut(g.tallies.agree), disagree: cut(g.tallies.disagree), seen: cut(g.tallies.seen) },
      repness: g.repness.filter((e) => e.nTrials >= floor && enough[column.get(e.statement) ?? -1] !== false).map((e) => ({ ...e })),
    };
  });
  let consensusByGroups: (number | null)[];
  if (kept.length === 0) consensusByGroups = result.statements.map(() => null);
  else if (kept.length === result.groups.length) consensusByGroups = [...result.groupAwareConsensus];
  else {
    const nCols = result.statements.length;
    const flat = (pick: (g: GroupResult) => readonly number[]) => Int32Array.from(kept.flatMap((g) => [...pick(g)]));
    const tallies = { nGroups: kept.length, nCols, agree: flat((g) => g.tallies.agree), disagree: flat((g) => g.tallies.disagree), seen: flat((g) => g.tallies.seen) };
    consensusByGroups = [...groupAwareConsensus(tallies, { polisNumerics: Boolean(result.options.polisNumerics ?? true) })];
  }
  const { uncertainty: _attached, ...rest } = result;
  return {
    ...rest,
    participantGroup: result.participantGroup.map((g) => (g !== null && visible.has(g) ? g : null)),
    groups,
    consensus: {
      agree: result.consensus.agree.filter((e) => e.nTrials >= floor).map((e) => ({ ...e })),
      disagree: result.consensus.disagree.filter((e) => e.nTrials >= floor).map((e) => ({ ...e })),
    },
    groupAwareConsensus: consensusByGroups,
    privacy,
  };
}
