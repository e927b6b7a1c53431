import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { absentVote } from '../../src/store/changeLog.js';
import { VoteStore } from '../../src/store/voteStore.js';
import type { ParticipantId, StatementId, Vote } from '../../src/types.js';

function cells(store: VoteStore): Map<string, number> {
  const m = store.matrix();
  const out = new Map<string, number>();
  for (let r = 0; r < m.nRows; r++) {
    for (let p = m.rowPtr[r]!; p < m.rowPtr[r + 1]!; p++) {
      out.set(`${String(store.participantIds[r])}|${String(store.statementIds[m.colIdx[p]!])}`, m.values[p]!);
    }
  }
  return out;
}

describe('VoteStore', () => {
  it('maps ids to rows and columns in first-appearance order and stores Polis internal signs', () => {
    const store = new VoteStore();
    store.add([
      { participant: 'b', statement: 7, vote: 1 },
      { participant: 'a', statement: 3, vote: -1 },
      { participant: 'b', statement: 3, vote: 0 },
    ]);
    const m = store.matrix();
    expect(store.participantIds).toEqual(['b', 'a']);
    expect(store.statementIds).toEqual([7, 3]);
    expect([...m.rowPtr]).toEqual([0, 2, 3]);
    expect([...m.colIdx]).toEqual([0, 1, 1]);
    // agree (+1 public) is −1 internally, disagree +1, pass 0
    expect([...m.values]).toEqual([-1, 0, 1]);
  });

  it('keeps the latest vote by time, and by arrival when times are equal or missing', () => {
    const store = new VoteStore();
    store.add([
      { participant: 1, statement: 1, vote: 1, time: 200 },
      { participant: 1, statement: 1, vote: -1, time: 100 },
      { participant: 2, statement: 1, vote: 1, time: 50 },
      { participant: 2, statement: 1, vote: 0, time: 50 },
      { participant: 3, statement: 1, vote: 1 },
      { participant: 3, statement: 1, vote: -1 },
    ]);
    store.matrix();
    store.add([{ participant: 1, statement: 1, vote: 0, time: 150 }]);
    expect(cells(store)).toEqual(new Map([['1|1', -1], ['2|1', 0], ['3|1', 1]]));
    store.add([{ participant: 1, statement: 1, vote: -1, time: 250 }]);
    expect(cells(store).get('1|1')).toBe(1);
    expect(store.lastVoteTime).toBe(250);
  });

  it('rejects a bad batch whole, naming the vote, field and value', () => {
    const store = new VoteStore();
    store.add([{ participant: 1, statement: 1, vote: 1 }]);
    expect(() => store.add([{ participant: 2, statement: 1, vote: 1 }, { participant: 3, statement: 1, vote: 2 as never }])).toThrow(
      'votes[1].vote: expected 1 (agree), -1 (disagree) or 0 (pass), got 2',
    );
    expect(() => store.add([{ participant: '', statement: 1, vote: 1 }])).toThrow('votes[0].participant');
    expect(() => store.add([{ participant: 4, statement: 1, vote: 1, time: Number.NaN }])).toThrow('votes[0].time');
    expect(store.participantIds).toEqual([1]);
    expect(cells(store).size).toBe(1);
  });

  it('rejects bad columns whole, naming the row, field and value, whatever the column type', () => {
    const store = new VoteStore();
    expect(() => store.addColumns({ participant: [1, Number.NaN], statement: [1, 1], vote: [1, 1] })).toThrow('vote column row 1.participant');
    expect(() => store.addColumns({ participant: Float64Array.of(1, Infinity), statement: [1, 1], vote: [1, 1] })).toThrow('vote column row 1.participant');
    expect(() => store.addColumns({ participant: Int32Array.of(1, 2), statement: ['a', ''], vote: [1, 1] })).toThrow('vote column row 1.statement');
    expect(() => store.addColumns({ participant: Int32Array.of(1, 2), statement: Int32Array.of(1, 2), vote: Int8Array.of(1, 2) })).toThrow('vote column row 1.vote');
    expect(() => store.addColumns({ participant: [1], statement: [1], vote: [1], time: [Infinity] })).toThrow('vote column row 0.time');
    expect(store.participantIds).toEqual([]);
    store.addColumns({ participant: Int32Array.of(5, 5), statement: Uint16Array.of(2, 3), vote: Int8Array.of(1, -1) });
    expect(cells(store)).toEqual(new Map([['5|2', -1], ['5|3', 1]]));
  });

  it('gives the same matrix however the votes are batched (latest wins by time)', () => {
    const vote = fc.record({
      participant: fc.integer({ min: 0, max: 30 }),
      statement: fc.integer({ min: 0, max: 12 }),
      vote: fc.constantFrom(-1 as const, 0 as const, 1 as const),
      time: fc.integer({ min: 0, max: 1e6 }),
    });
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), (votes, cuts) => {
        const unique = dedupeTimes(votes);
        const whole = new VoteStore();
        whole.add(unique);
        const batched = new VoteStore();
        let at = 0;
        for (let i = 0; at < unique.length; i++) {
          const size = cuts[i % cuts.length]!;
          batched.add(unique.slice(at, at + size));
          if (i % 2 === 0) batched.matrix();
          at += size;
        }
        expect(cells(batched)).toEqual(cells(whole));
        expect(cells(whole)).toEqual(reference(unique));
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});

// Distinct times per cell, so that "latest" is unambiguous whatever the batching.
function dedupeTimes(votes: Vote[]): Vote[] {
  return votes.map((v, i) => ({ ...v, time: (v.time ?? 0) * 1000 + i }));
}

function reference(votes: Vote[]): Map<string, number> {
  const best = new Map<string, Vote>();
  for (const v of votes) {
    const key = `${v.participant}|${v.statement}`;
    const prev = best.get(key);
    if (!prev || (v.time ?? 0) >= (prev.time ?? 0)) best.set(key, v);
  }
  return new Map([...best].map(([k, v]) => [k, v.vote === 0 ? 0 : -v.vote]));
}

// A plain model of the store: a Map per cell, each vote folded in arrival order (later wins unless
// both have a time and it is earlier). Internal sign: agree = −1.
class ReferenceStore {
  readonly rows = new Map<ParticipantId, number>();
  readonly cols = new Map<StatementId, number>();
  readonly cells = new Map<number, Map<number, { value: number; time: number }>>();
  anyTime = false;

  add(v: Vote): void {
    const r = intern(this.rows, v.participant);
    const c = intern(this.cols, v.statement);
    const time = v.time ?? NaN;
    if (!Number.isNaN(time)) this.anyTime = true;
    const row = this.cells.get(r) ?? new Map<number, { value: number; time: number }>();
    this.cells.set(r, row);
    const current = row.get(c);
    if (!current || !(Number.isFinite(time) && Number.isFinite(current.time) && time < current.time)) row.set(c, { value: v.vote === 0 ? 0 : -v.vote, time });
  }

  values(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [r, row] of this.cells) for (const [c, cell] of row) out.set(`${r},${c}`, cell.value);
    return out;
  }
}

function intern<K>(map: Map<K, number>, id: K): number {
  let index = map.get(id);
  if (index === undefined) map.set(id, (index = map.size));
  return index;
}

// The whole matrix against the reference: shape, id order, CSR invariants, values and times.
function expectSameAsReference(store: VoteStore, ref: ReferenceStore): void {
  const m = store.matrix();
  const times = store.times();
  expect(store.participantIds).toEqual([...ref.rows.keys()]);
  expect(store.statementIds).toEqual([...ref.cols.keys()]);
  expect([m.nRows, m.nCols]).toEqual([ref.rows.size, ref.cols.size]);
  expect(m.rowPtr.length).toBe(m.nRows + 1);
  expect(m.rowPtr[0]).toBe(0);
  expect([m.colIdx.length, m.values.length, times?.length ?? m.colIdx.length]).toEqual(Array(3).fill(m.rowPtr[m.nRows]));
  expect(times === null).toBe(!ref.anyTime);
  // One line per row, "col=value@time …", compared as a whole (columns ascending in both).
  const expected: string[] = [];
  const got: string[] = [];
  for (let r = 0; r < m.nRows; r++) {
    const cells = [...(ref.cells.get(r) ?? new Map<number, { value: number; time: number }>()).entries()].sort((a, b) => a[0] - b[0]);
    expected.push(`${r}: ${cells.map(([c, cell]) => `${c}=${cell.value}@${cell.time}`).join(' ')}`);
    const line = [];
    for (let p = m.rowPtr[r]!; p < m.rowPtr[r + 1]!; p++) line.push(`${m.colIdx[p]}=${m.values[p]}@${times ? times[p] : NaN}`);
    got.push(`${r}: ${line.join(' ')}`);
  }
  expect(got.join('\n')).toBe(expected.join('\n'));
}

// Applies a change log to `before` (row,col → value), checking each entry's old value on the way.
function applyChanges(before: Map<string, number>, changes: ReturnType<VoteStore['takeChanges']>): Map<string, number> {
  const after = new Map(before);
  expect(changes).not.toBeNull();
  const { row, col, old, value } = changes!;
  for (let i = 0; i < row.length; i++) {
    const key = `${row[i]},${col[i]}`;
    expect(after.get(key) ?? absentVote, `old value of ${key}`).toBe(old[i]);
    expect(value[i], `entry ${key} changes the value`).not.toBe(old[i]);
    after.set(key, value[i]!);
  }
  return after;
}

interface Scenario {
  seed: number;
  batches: number;
  /** Votes per batch: up to this many. */
  batchSize: number;
  participants: number;
  statements: number;
  /** Share of votes on a few "busy" participants, so that rows get long (radix-sorted) segments. */
  busy: number;
  /** Votes of one participant each, loaded first, so that small batches are spread over many rows. */
  preload: number;
}

function randomVotes(random: () => number, s: Scenario, batch: number): Vote[] {
  const n = 1 + Math.floor(random() * s.batchSize);
  // Later batches reach further, so new rows and columns keep arriving.
  const reach = Math.min(1, 0.3 + (0.7 * (batch + 1)) / s.batches);
  return Array.from({ length: n }, () => {
    const p = random() < s.busy ? Math.floor(random() * 3) : Math.floor(random() * s.participants * reach);
    const c = Math.floor(random() * s.statements * reach);
    const u = random();
    // Few distinct times, so equal times are common; some votes have none.
    const time = u < 0.2 ? undefined : Math.floor(random() * 20) * 1000;
    return {
      participant: p % 5 === 0 ? `p${p}` : p,
      statement: c % 7 === 0 ? `s${c}` : c + 1000,
      vote: ([-1, 0, 1] as const)[Math.floor(random() * 3)]!,
      ...(time === undefined ? {} : { time }),
    };
  });
}

// Objects or columns; a batch without times (no time column at all) now and then.
function addBatch(store: VoteStore, votes: Vote[], random: () => number): Vote[] {
  const untimed = random() < 0.15;
  if (untimed) votes = votes.map(({ time: _, ...v }) => v);
  if (random() < 0.5) store.add(votes);
  else {
    store.addColumns({
      participant: votes.map((v) => v.participant),
      statement: votes.map((v) => v.statement),
      vote: Int8Array.from(votes, (v) => v.vote),
      ...(untimed ? {} : { time: Float64Array.from(votes, (v) => v.time ?? NaN) }),
    });
  }
  return votes;
}

describe('VoteStore merge against a reference model', () => {
  const scenarios: Scenario[] = [
    { seed: 1, batches: 40, batchSize: 60, participants: 40, statements: 12, busy: 0, preload: 0 },
    { seed: 2, batches: 25, batchSize: 400, participants: 30, statements: 700, busy: 0.5, preload: 0 },
    { seed: 3, batches: 30, batchSize: 50, participants: 9000, statements: 300, busy: 0.05, preload: 9000 },
    { seed: 4, batches: 12, batchSize: 3000, participants: 500, statements: 5000, busy: 0.3, preload: 0 },
    // Small batches over thousands of rows (sorted by comparison), with many repeat votes on a few cells.
    { seed: 5, batches: 30, batchSize: 60, participants: 9000, statements: 4, busy: 0.5, preload: 9000 },
  ];
  it.each(scenarios)('matches the model after every batch and logs exactly the changed cells (seed $seed)', (s) => {
    const random = lcg(s.seed);
    const store = new VoteStore();
    const ref = new ReferenceStore();
    const preload = Array.from({ length: s.preload }, (_, p): Vote => ({ participant: p % 5 === 0 ? `p${p}` : p, statement: 1000, vote: 1, time: 0 }));
    store.add(preload);
    preload.forEach((v) => ref.add(v));
    let before = ref.values();
    store.takeChanges();
    for (let b = 0; b < s.batches; b++) {
      addBatch(store, randomVotes(random, s, b), random).forEach((v) => ref.add(v));
      // Sometimes merge twice before reading the log: it must cover both merges.
      if (random() < 0.3) continue;
      expectSameAsReference(store, ref);
      before = applyChanges(before, store.takeChanges());
      expect(before).toEqual(ref.values());
    }
  });

  it('gives up the log for a batch too big to log, then logs again', () => {
    const store = new VoteStore();
    const votes = Array.from({ length: 70_000 }, (_, i): Vote => ({ participant: i % 9000, statement: i % 13, vote: 1 }));
    store.add(votes);
    expect(store.takeChanges()).toBeNull();
    store.add([{ participant: 0, statement: 0, vote: -1 }, { participant: 'new', statement: 0, vote: 0 }]);
    const changes = store.takeChanges()!;
    expect([...changes.row]).toEqual([0, 9000]);
    expect([...changes.old]).toEqual([-1, absentVote]);
    expect([...changes.value]).toEqual([1, 0]);
    expect(store.takeChanges()!.row.length).toBe(0);
  });

  it('treats votes added without times after timed ones as untimed (arrival decides)', () => {
    const store = new VoteStore();
    store.add([{ participant: 1, statement: 1, vote: 1, time: 100 }, { participant: 2, statement: 1, vote: 1, time: 100 }]);
    store.add([{ participant: 1, statement: 1, vote: -1 }]);
    store.addColumns({ participant: [2], statement: [1], vote: [0] });
    expect([...store.matrix().values]).toEqual([1, 0]);
    expect([...store.times()!]).toEqual([NaN, NaN]);
  });

  it('gives no time (NaN) to a long session of untimed votes once other votes have times', () => {
    const store = new VoteStore();
    store.add([{ participant: 'old', statement: 0, vote: 1, time: 5 }]);
    store.matrix();
    // A session of one participant is copied as one block; 2000 votes also outgrow the first (timed) buffer.
    const session = (participant: string) => ({ participant: Array(2000).fill(participant), statement: Array.from({ length: 2000 }, (_, i) => i), vote: Array(2000).fill(1) });
    store.addColumns(session('new'));
    expect(store.times()!.subarray(1)).toEqual(new Float64Array(2000).fill(NaN));
    store.addColumns(session('old'));
    expect(store.times()!.subarray(0, 2000)).toEqual(new Float64Array(2000).fill(NaN));
    // Short sessions (10 votes each) of 200 new participants.
    store.addColumns({ participant: Array.from({ length: 2000 }, (_, i) => `q${Math.floor(i / 10)}`), statement: Array.from({ length: 2000 }, (_, i) => i % 10), vote: Array(2000).fill(0) });
    expect(store.times()!.subarray(4000)).toEqual(new Float64Array(2000).fill(NaN));
  });

  it('folds mixed timed and untimed votes in arrival order, across batches as within one', () => {
    // Sequence: t=100, none, t=50. The untimed vote replaces the first, and t=50 replaces it (it has no time to compare).
    const seq: Vote[] = [
      { participant: 1, statement: 1, vote: 1, time: 100 },
      { participant: 1, statement: 1, vote: -1 },
      { participant: 1, statement: 1, vote: 0, time: 50 },
    ];
    const whole = new VoteStore();
    whole.add(seq);
    const split = new VoteStore();
    for (const v of seq) {
      split.add([v]);
      split.matrix();
    }
    for (const store of [whole, split]) {
      expect([...store.matrix().values]).toEqual([0]);
      expect([...store.times()!]).toEqual([50]);
    }
  });
});
