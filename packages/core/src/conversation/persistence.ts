import type { Cluster } from '../cluster/cluster.js';
import type { ResolvedOptions } from '../options.js';
import type { ConversationInternals } from './conversation.js';
import type { ConversationState } from './conversationState.js';

/** The conversation's state as a JSON-safe object (see ConversationState). */
export function serializeConversation(s: ConversationInternals, options: ResolvedOptions, withVotes: boolean): ConversationState {
  const matrix = s.store.matrix();
  const participants = [...s.store.participantIds];
  let votes: ConversationState['votes'] = null;
  if (withVotes) {
    const times = s.store.times();
    const nnz = matrix.rowPtr[matrix.nRows]!;
    const row = new Array<number>(nnz);
    for (let r = 0; r < matrix.nRows; r++) for (let p = matrix.rowPtr[r]!; p < matrix.rowPtr[r + 1]!; p++) row[p] = r;
    votes = {
      row,
      col: Array.from(matrix.colIdx),
      // Back to the public sign (agree = +1).
      vote: Array.from(matrix.values, (v) => (v === 0 ? 0 : -v)),
      time: times ? Array.from(times, (t) => (t === t ? t : null)) : new Array<null>(nnz).fill(null),
    };
  }
  return {
    format: 'kuulo-state@1',
    options,
    tick: s.tick,
    participants,
    statements: [...s.store.statementIds],
    votes,
    moderation: [...s.moderation].map(([id, m]) => [id, m.moderation, m.isMeta]),
    inConv: participants.filter((_, r) => s.inConv[r]),
    comps: s.comps ? [Array.from(s.comps[0]), Array.from(s.comps[1])] : null,
    baseClusters: s.base ? s.base.map((b) => ({ id: b.id, members: b.members.map((r) => participants[r]!), center: b.center })) : null,
    groupClusterings: s.clusterings ? Object.fromEntries(s.clusterings) : null,
    smoother: s.smoother,
    shownGroups: s.shownGroups.map((g) => ({ id: g.id, participants: Array.from(g.rows, (r) => participants[r]!) })),
    previousGroupVotes: s.previousGroupVotes
      ? { agree: Array.from(s.previousGroupVotes.agree), disagree: Array.from(s.previousGroupVotes.disagree), seen: Array.from(s.previousGroupVotes.seen) }
      : null,
    ...(s.basis && {
      basis: {
        center: Array.from(s.basis.center),
        modOut: Array.from(s.basis.modOut.keys()).filter((c) => s.basis!.modOut[c]),
        changedSinceFit: s.basis.changedSinceFit,
      },
    }),
    ...(s.stable && {
      stable: {
        baseCenters: s.stable.baseCenters ? Array.from(s.stable.baseCenters) : null,
        groupCenters: Object.fromEntries([...s.stable.groupCenters].map(([k, centers]) => [String(k), Array.from(centers)])),
      },
    }),
  };
}

/** Loads `state` into fresh internals; ids keep their saved row and column order. */
export function restoreConversation(s: ConversationInternals, state: ConversationState): void {
  if (state?.format !== 'kuulo-state@1') throw new TypeError(`state.format: expected "kuulo-state@1", got ${JSON.stringify(state?.format)}`);
  for (const id of state.participants) s.store.participants.intern(id);
  for (const id of state.statements) s.store.statements.intern(id);
  if (state.votes) {
    const { row, col, vote, time } = state.votes;
    s.store.addColumns({
      participant: row.map((r) => state.participants[r]!),
      statement: col.map((c) => state.statements[c]!),
      vote,
      time: time.map((t) => t ?? NaN),
    });
  }
  s.store.matrix();
  s.store.takeChanges(); // restored votes are not changes: the next update continues from the saved state
  const rowOf = (id: string | number) => {
    const r = s.store.participants.get(id);
    if (r < 0) throw new RangeError(`state refers to unknown participant ${JSON.stringify(id)}`);
    return r;
  };
  s.tick = state.tick;
  for (const [statement, moderation, isMeta] of state.moderation) s.moderation.set(statement, { moderation, isMeta });
  s.inConv = new Uint8Array(state.participants.length);
  for (const id of state.inConv) s.inConv[rowOf(id)] = 1;
  s.comps = state.comps ? [Float64Array.from(state.comps[0]), Float64Array.from(state.comps[1])] : null;
  s.base = state.baseClusters ? state.baseClusters.map((b) => ({ id: b.id, members: b.members.map(rowOf), center: b.center })) : null;
  s.clusterings = state.groupClusterings
    ? new Map(Object.entries(state.groupClusterings).map(([k, clusters]) => [Number(k), clusters as Cluster[]]))
    : null;
  s.smoother = state.smoother;
  s.shownGroups = state.shownGroups.map((g) => ({ id: g.id, rows: Int32Array.from(g.participants, rowOf) }));
  s.previousGroupVotes = state.previousGroupVotes
    ? { agree: Int32Array.from(state.previousGroupVotes.agree), disagree: Int32Array.from(state.previousGroupVotes.disagree), seen: Int32Array.from(state.previousGroupVotes.seen) }
    : null;
  // A basis older than the saved statements cannot be extended (their votes are not changes any more): refit.
  if (state.basis && s.comps && state.basis.center.length === state.statements.length) {
    const modOut = new Uint8Array(state.basis.center.length);
    for (const c of state.basis.modOut) modOut[c] = 1;
    s.basis = { center: Float64Array.from(state.basis.center), comps: s.comps, modOut, changedSinceFit: state.basis.changedSinceFit };
  }
  s.stable = state.stable
    ? {
        baseCenters: state.stable.baseCenters ? Float64Array.from(state.stable.baseCenters) : null,
        groupCenters: new Map(Object.entries(state.stable.groupCenters).map(([k, centers]) => [Number(k), Float64Array.from(centers)])),
      }
    : null;
}
