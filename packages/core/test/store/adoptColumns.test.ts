import { describe, expect, it } from 'vitest';
import { lcg } from '../../src/random/lcg.js';
import { VoteStore } from '../../src/store/voteStore.js';

// Session-ordered votes with repeats and times out of order, as a votes.csv gives them.
function columns(n: number, seed: number, timed: boolean) {
  const random = lcg(seed);
  const participant = new Int32Array(n);
  const statement = new Int32Array(n);
  const vote = new Int8Array(n);
  const time = new Float64Array(n);
  for (let i = 0, p = 1000; i < n; i++) {
    if (random() < 0.1) p += 1 + Math.floor(random() * 3);
    participant[i] = p;
    statement[i] = Math.floor(random() * 40) * 3;
    vote[i] = Math.floor(random() * 3) - 1;
    time[i] = timed ? 1e12 + Math.floor(random() * 1e6) : NaN;
  }
  return { participant, statement, vote, time };
}

function snapshot(store: VoteStore) {
  const m = store.matrix();
  const times = store.times();
  return { participants: [...store.participantIds], statements: [...store.statementIds], rowPtr: [...m.rowPtr], colIdx: [...m.colIdx], values: [...m.values], times: times ? [...times] : null, last: store.lastVoteTime };
}

const copy = (c: ReturnType<typeof columns>) => ({ participant: c.participant.slice(), statement: c.statement.slice(), vote: c.vote.slice(), time: c.time.slice() });

describe('VoteStore.addColumns with adopt', () => {
  it('gives the matrix, times and ids a copying add gives, timed and untimed, cold and after earlier votes', () => {
    for (const timed of [true, false]) {
      const first = columns(3000, 1, timed);
      const second = columns(2000, 2, timed);
      const copied = new VoteStore();
      copied.addColumns(copy(first));
      copied.addColumns(copy(second));
      const adopted = new VoteStore();
      adopted.addColumns(copy(first), { adopt: true });
      adopted.matrix();
      // A second adopted batch merges into rows that already hold votes.
      adopted.addColumns(copy(second), { adopt: true });
      expect(snapshot(adopted)).toEqual(snapshot(copied));
      expect(snapshot(adopted).colIdx.length).toBeGreaterThan(1000);
    }
  });

  it('takes the arrays over: they hold row and column indices and internal signs afterwards', () => {
    const c = columns(500, 3, true);
    const original = copy(c);
    const store = new VoteStore();
    store.addColumns(c, { adopt: true });
    expect(c.participant[0]).toBe(0);
    expect(store.participantIds[c.participant[499]!]).toBe(original.participant[499]);
    expect(store.statementIds[c.statement[7]!]).toBe(original.statement[7]);
    expect(c.vote[7]).toBe(original.vote[7] === 0 ? 0 : -original.vote[7]!);
  });

  it('never writes later small batches into the adopted arrays', () => {
    const c = columns(100, 4, true);
    const store = new VoteStore();
    store.addColumns(c, { adopt: true });
    store.matrix();
    const after = copy(c);
    store.add([{ participant: 'x', statement: 'y', vote: 1, time: 5 }]);
    store.addColumns({ participant: [7], statement: [8], vote: [-1] });
    store.matrix();
    expect(copy(c)).toEqual(after);
    expect(store.participantIds).toContain('x');
  });

  it('rejects a bad vote before touching the arrays or the store', () => {
    const c = columns(200, 5, true);
    c.vote[150] = 2;
    const before = copy(c);
    const store = new VoteStore();
    expect(() => store.addColumns(c, { adopt: true })).toThrow(/vote/);
    expect(copy(c)).toEqual(before);
    expect(store.participantIds.length).toBe(0);
    expect(store.matrix().nRows).toBe(0);
  });

  it('copies columns of other types as without the option', () => {
    const c = columns(300, 6, true);
    const plain = { participant: [...c.participant], statement: [...c.statement], vote: [...c.vote], time: [...c.time] };
    const store = new VoteStore();
    store.addColumns(plain, { adopt: true });
    const reference = new VoteStore();
    reference.addColumns(copy(c));
    expect(snapshot(store)).toEqual(snapshot(reference));
    expect(plain.participant[0]).toBe(c.participant[0]);
  });

  it('with keepTimes false drops times only where arrival order picks the same latest votes', () => {
    // Each participant's votes in time order: the matrix is the same, without times.
    const ordered = columns(4000, 7, true);
    for (let i = 1; i < ordered.time.length; i++) ordered.time[i] = Math.max(ordered.time[i]!, ordered.time[i - 1]!);
    const kept = new VoteStore();
    kept.addColumns(copy(ordered));
    const dropped = new VoteStore();
    dropped.addColumns(copy(ordered), { adopt: true, keepTimes: false });
    const a = snapshot(kept);
    const b = snapshot(dropped);
    expect(b.times).toBeNull();
    expect({ ...b, times: a.times }).toEqual(a);
    // Out of order within a participant: the times decide, so they are kept.
    const shuffled = columns(4000, 8, true);
    const reference = new VoteStore();
    reference.addColumns(copy(shuffled));
    const store = new VoteStore();
    store.addColumns(copy(shuffled), { adopt: true, keepTimes: false });
    expect(snapshot(store)).toEqual(snapshot(reference));
    expect(snapshot(store).times).not.toBeNull();
  });

  it('with wholeBuffers puts the matrix in a dropped time column\'s buffer, spare capacity included, never in one that holds votes', () => {
    const ordered = columns(4000, 13, true);
    for (let i = 1; i < ordered.time.length; i++) ordered.time[i] = Math.max(ordered.time[i]!, ordered.time[i - 1]!);
    const reference = new VoteStore();
    reference.addColumns(copy(ordered), { adopt: true, keepTimes: false });
    // A reader's columns: views on buffers with room past their ends, the time buffer dirty past the view as well.
    const roomy = (c: ReturnType<typeof copy>) => {
      const n = c.participant.length;
      const time = new Float64Array(4 * n).fill(7.5);
      time.set(c.time);
      const participant = new Int32Array(4 * n);
      participant.set(c.participant);
      return { participant: participant.subarray(0, n), statement: c.statement, vote: c.vote, time: time.subarray(0, n) };
    };
    const parts = roomy(copy(ordered));
    const store = new VoteStore();
    store.addColumns(parts, { adopt: true, keepTimes: false, wholeBuffers: true });
    expect(store.matrix().colIdx.buffer).toBe(parts.time.buffer);
    const cold = snapshot(reference);
    expect(snapshot(store)).toEqual(cold);
    // Later merges grow and shift within that room: still the same votes as a copying store.
    const more = columns(600, 14, true);
    store.addColumns(copy(more));
    reference.addColumns(copy(more));
    expect(snapshot(store)).toEqual(snapshot(reference));
    // Without the option, or when the time buffer also holds the votes, the matrix gets fresh memory.
    const without = roomy(copy(ordered));
    const plain = new VoteStore();
    plain.addColumns(without, { adopt: true, keepTimes: false });
    expect(plain.matrix().colIdx.buffer).not.toBe(without.time.buffer);
    const n = ordered.participant.length;
    const one = new ArrayBuffer(8 * n * 4);
    const time = new Float64Array(one, 0, n);
    time.set(ordered.time);
    const participant = new Int32Array(one, 8 * n, n);
    participant.set(ordered.participant);
    const together = { participant, statement: ordered.statement.slice(), vote: ordered.vote.slice(), time };
    const packed = new VoteStore();
    packed.addColumns(together, { adopt: true, keepTimes: false, wholeBuffers: true });
    expect(packed.matrix().colIdx.buffer).not.toBe(one);
    expect(snapshot(packed)).toEqual(cold);
  });

  it('takes a list of column sets as one batch: the store the concatenated columns give, errors indexed over the whole', () => {
    const parts = [columns(1500, 9, true), columns(1200, 10, true), columns(900, 11, true)];
    const joined = {
      participant: Int32Array.from(parts.flatMap((p) => [...p.participant])),
      statement: Int32Array.from(parts.flatMap((p) => [...p.statement])),
      vote: Int8Array.from(parts.flatMap((p) => [...p.vote])),
      time: Float64Array.from(parts.flatMap((p) => [...p.time])),
    };
    const reference = new VoteStore();
    reference.addColumns(copy(joined));
    for (const adopt of [false, true]) {
      const store = new VoteStore();
      store.addColumns(parts.map(copy), { adopt });
      expect(snapshot(store)).toEqual(snapshot(reference));
    }
    const bad = parts.map(copy);
    bad[1]!.vote[7] = 5;
    const store = new VoteStore();
    expect(() => store.addColumns(bad, { adopt: true })).toThrow(/1507/);
    expect(store.participantIds.length).toBe(0);
  });

  it('reports the first bad row, whether its vote or its time is bad', () => {
    const c = columns(100, 12, true);
    c.vote[60] = 3;
    c.time[40] = Infinity;
    expect(() => new VoteStore().addColumns(copy(c))).toThrow(/\b40\b/);
    c.time[40] = 5;
    expect(() => new VoteStore().addColumns(copy(c), { adopt: true })).toThrow(/\b60\b/);
    c.time[70] = -Infinity;
    expect(() => new VoteStore().addColumns(copy(c))).toThrow(/\b60\b/);
    c.vote[60] = 1;
    expect(() => new VoteStore().addColumns(copy(c))).toThrow(/\b70\b/);
    c.time[70] = NaN;
    expect(() => new VoteStore().addColumns(copy(c))).not.toThrow();
  });
});
