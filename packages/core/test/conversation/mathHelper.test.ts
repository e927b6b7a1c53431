import { describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import { takeScratch, type HelperTask, type MathHelper } from '../../src/helper/mathHelper.js';
import { runHelperTask } from '../../src/helper/runHelperTask.js';
import type { CsrMatrix } from '../../src/matrix/csrMatrix.js';
import { scatterProduct } from '../../src/pca/covarianceProduct.js';
import { columnMeans } from '../../src/pca/columnMeans.js';
import { VoteStore } from '../../src/store/voteStore.js';
import { polisFixtureNames, readPolisFixture } from '../helpers/fixtures.js';
import { plantedConversation } from '../helpers/synthetic.js';

// A stand-in for a second thread: it runs each task when waited on (a worker runs it before `wait`
// returns), after the caller's own share, and records what it was given.
function recordingHelper(): MathHelper & { tasks: HelperTask[] } {
  const tasks: HelperTask[] = [];
  return {
    tasks,
    run(task) {
      tasks.push(task);
      return () => runHelperTask(task);
    },
  };
}

describe('a conversation with a MathHelper', () => {
  it('gives byte for byte the result it gives without one, cold and warm, with its matrix in shared memory', () => {
    const { votes } = plantedConversation({ participants: 2_000, statements: 60, seed: 4 });
    const helper = recordingHelper();
    const plain = new Conversation();
    const helped = new Conversation({}, { helper });
    // A cold batch, then warm updates with new participants and changed votes.
    const cuts = [Math.floor(votes.length * 0.7), Math.floor(votes.length * 0.85), votes.length];
    let from = 0;
    for (const to of cuts) {
      const batch = votes.slice(from, to);
      plain.addVotes(batch);
      helped.addVotes(batch);
      expect(JSON.stringify(helped.update())).toBe(JSON.stringify(plain.update()));
      from = to;
    }
    expect(helped.voteMatrix().matrix.colIdx.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Every task's arrays are shared memory: another thread could not read them otherwise.
    for (const task of helper.tasks) {
      for (const value of Object.values(task)) if (ArrayBuffer.isView(value)) expect(value.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    const kinds = new Set(helper.tasks.map((t) => t.kind));
    expect(kinds.has('sortRows')).toBe(true);
    expect(kinds.has('rowDots')).toBe(true);
    expect(kinds.has('columnSums')).toBe(true);
    expect(kinds.has('assignPoints')).toBe(true);
    // A cold k-means run hands its centre index to the helper in place, not as a fresh shared copy each step.
    const steps = helper.tasks.filter((t) => t.kind === 'assignPoints');
    const indexBuffers = new Set(steps.map((t) => (t.kind === 'assignPoints' ? t.neighborDistance.buffer : null)));
    expect(steps.length).toBeGreaterThan(2);
    expect(indexBuffers.size).toBeLessThan(steps.length);
  });

  it('takes the second half of the rows: sorting a batch and projecting every participant (a real conversation)', () => {
    const fx = readPolisFixture(polisFixtureNames[0]!);
    const helper = recordingHelper();
    const helped = new Conversation({}, { helper });
    helped.addVotes(fx.votes);
    const plain = new Conversation();
    plain.addVotes(fx.votes);
    expect(JSON.stringify(helped.update())).toBe(JSON.stringify(plain.update()));
    const { matrix } = helped.voteMatrix();
    const dots = helper.tasks.find((t) => t.kind === 'rowDots');
    if (dots?.kind !== 'rowDots') throw new Error('no rowDots task');
    expect(dots.to).toBe(matrix.nRows);
    expect(dots.from).toBeGreaterThan(0);
    expect(dots.from).toBeLessThan(matrix.nRows);
    const sort = helper.tasks.find((t) => t.kind === 'sortRows');
    if (sort?.kind !== 'sortRows') throw new Error('no sortRows task');
    // The helper's segments end where the batch ends and start near its middle.
    const total = matrix.rowPtr[matrix.nRows]!;
    expect(sort.start[sort.start.length - 1]).toBeGreaterThanOrEqual(total);
    expect(sort.start[0]).toBeGreaterThan(0);
  });

  it('checks and maps the last part of an adopted batch in shared memory: same matrix, same result, same errors', () => {
    const { votes } = plantedConversation({ participants: 1_500, statements: 50, seed: 6 });
    const shared = <T extends Int32Array | Int8Array | Float64Array>(make: new (b: SharedArrayBuffer) => T, bytes: number, values: ArrayLike<number>) => {
      const out = new make(new SharedArrayBuffer(bytes * values.length));
      out.set(values as never);
      return out;
    };
    const columns = (from: number, to: number, inShared: boolean) => {
      const part = votes.slice(from, to);
      const p = part.map((v) => v.participant as number);
      const t = part.map((v) => v.statement as number);
      const o = part.map((v) => v.vote);
      const time = part.map((v) => v.time!);
      return inShared
        ? { participant: shared(Int32Array, 4, p), statement: shared(Int32Array, 4, t), vote: shared(Int8Array, 1, o), time: shared(Float64Array, 8, time) }
        : { participant: Int32Array.from(p), statement: Int32Array.from(t), vote: Int8Array.from(o), time: Float64Array.from(time) };
    };
    // The second part holds participants and statements the first has not: the helper stops there and this thread goes on.
    const cut = Math.floor(votes.length * 0.6);
    const helper = recordingHelper();
    const helped = new Conversation({}, { helper });
    helped.addVoteColumns([columns(0, cut, true), columns(cut, votes.length, true)], { adopt: true });
    const plain = new Conversation();
    plain.addVoteColumns([columns(0, cut, false), columns(cut, votes.length, false)], { adopt: true });
    expect(helper.tasks.map((t) => t.kind).slice(0, 2)).toEqual(['checkVotes', 'adoptPart']);
    const adopt = helper.tasks[1]!;
    if (adopt.kind !== 'adoptPart') throw new Error('expected adoptPart');
    expect(adopt.result[0]).toBeLessThan(votes.length - cut);
    expect(helped.participants).toEqual(plain.participants);
    expect(helped.statements).toEqual(plain.statements);
    expect(JSON.stringify(helped.update())).toBe(JSON.stringify(plain.update()));
    // The matrix was built with the helper counting and copying the second part into it.
    expect(helper.tasks.map((t) => t.kind)).toEqual(expect.arrayContaining(['countRows', 'copyRows', 'sortRows']));

    // Votes not in sessions (each part sorted by statement): counted and copied vote by vote, same matrix.
    const byStatement = (from: number, to: number) => {
      const c = columns(from, to, false);
      const order = Array.from(c.vote, (_, i) => i).sort((a, b) => c.statement[a]! - c.statement[b]! || a - b);
      const pick = <T extends Int32Array | Int8Array | Float64Array>(make: new (b: SharedArrayBuffer) => T, bytes: number, x: T) => shared(make, bytes, order.map((i) => x[i]!));
      return { participant: pick(Int32Array, 4, c.participant), statement: pick(Int32Array, 4, c.statement), vote: pick(Int8Array, 1, c.vote), time: pick(Float64Array, 8, c.time) };
    };
    const scattered = new Conversation({}, { helper: recordingHelper() });
    scattered.addVoteColumns([byStatement(0, cut), byStatement(cut, votes.length)], { adopt: true });
    const reference = new Conversation();
    reference.addVoteColumns([byStatement(0, cut), byStatement(cut, votes.length)].map((c) => ({ participant: c.participant.slice(), statement: c.statement.slice(), vote: c.vote.slice(), time: c.time.slice() })));
    const a = scattered.voteMatrix().matrix;
    const b = reference.voteMatrix().matrix;
    expect([...a.rowPtr]).toEqual([...b.rowPtr]);
    expect([...a.colIdx]).toEqual([...b.colIdx]);
    expect([...a.values]).toEqual([...b.values]);

    // A bad vote in the helper's part is reported with its row in the whole batch, and nothing is stored.
    const bad = columns(0, 10, true);
    const badLast = columns(10, 20, true);
    badLast.vote[3] = 2;
    const fresh = new Conversation({}, { helper: recordingHelper() });
    expect(() => fresh.addVoteColumns([bad, badLast], { adopt: true })).toThrow(/13/);
    expect(fresh.participants).toEqual([]);
    expect(Array.from(bad.participant)).toEqual(votes.slice(0, 10).map((v) => v.participant));
  });

  it('with wholeBuffers, puts the matrix and the PCA\'s vote segments in the cold load\'s dead columns: same result, offers dropped after', () => {
    const { votes } = plantedConversation({ participants: 3_000, statements: 60, seed: 11 });
    // Times follow arrival for every participant, so the store drops them and reuses their memory.
    const timed = votes.map((v, i) => ({ ...v, time: 1_000 + i }));
    const cut = Math.floor(timed.length / 2);
    // A reader's columns: shared views on buffers with room past their ends.
    const roomy = <T extends Int32Array | Int8Array | Float64Array>(make: new (b: SharedArrayBuffer) => T, bytes: number, values: number[]) => {
      const whole = new make(new SharedArrayBuffer(2 * bytes * values.length));
      whole.set(values);
      return whole.subarray(0, values.length) as T;
    };
    const part = (from: number, to: number) => {
      const p = timed.slice(from, to);
      return {
        participant: roomy(Int32Array, 4, p.map((v) => v.participant as number)),
        statement: roomy(Int32Array, 4, p.map((v) => v.statement as number)),
        vote: roomy(Int8Array, 1, p.map((v) => v.vote)),
        time: roomy(Float64Array, 8, p.map((v) => v.time)),
      };
    };
    const parts = [part(0, cut), part(cut, timed.length)];
    const helper = recordingHelper();
    const helped = new Conversation({}, { helper });
    helped.addVoteColumns(parts, { adopt: true, keepTimes: false, wholeBuffers: true });
    const plain = new Conversation();
    plain.addVotes(timed);
    expect(JSON.stringify(helped.update())).toBe(JSON.stringify(plain.update()));
    expect(parts.map((p) => p.time.buffer)).toContain(helped.voteMatrix().matrix.colIdx.buffer);
    expect(takeScratch(helper, 1)).toBeNull();

    // The scatter product (used above 4 M votes) builds its 2-byte vote segments in a dead id column, bit for bit the same.
    const fresh = [part(0, cut), part(cut, timed.length)];
    const ids = fresh.flatMap((p) => [p.participant.buffer, p.statement.buffer]);
    const store = new VoteStore({ helper });
    store.addColumns(fresh, { adopt: true, keepTimes: false, wholeBuffers: true });
    const reference = new VoteStore({ helper: recordingHelper() });
    reference.addColumns([part(0, cut), part(cut, timed.length)], { adopt: true, keepTimes: false });
    const product = (m: CsrMatrix, h: MathHelper) => {
      const modOut = new Uint8Array(m.nCols);
      const out = new Float64Array(m.nCols);
      scatterProduct(m, columnMeans(m, modOut), modOut, h, 1)(Float64Array.from({ length: m.nCols }, (_, c) => 1 + (c % 7)), out);
      return out;
    };
    helper.tasks.length = 0;
    const threaded = product(store.matrix(), helper);
    const segments = helper.tasks.find((t) => t.kind === 'voteCells');
    if (segments?.kind !== 'voteCells') throw new Error('no voteCells task');
    expect(ids).toContain(segments.cells.buffer);
    expect([...threaded]).toEqual([...product(reference.matrix(), recordingHelper())]);
  });

  it('drops the times of an adopted batch only when each row\'s times follow arrival across the parts (helper checks the last part)', () => {
    const { votes } = plantedConversation({ participants: 800, statements: 40, seed: 8 });
    const cut = Math.floor(votes.length / 2);
    const shared = (values: number[], make: typeof Int32Array | typeof Int8Array | typeof Float64Array) => {
      const out = new (make as new (b: SharedArrayBuffer) => Int32Array | Int8Array | Float64Array)(new SharedArrayBuffer(values.length * make.BYTES_PER_ELEMENT));
      out.set(values);
      return out;
    };
    const parts = (list: typeof votes) =>
      [list.slice(0, cut), list.slice(cut)].map((part) => ({
        participant: shared(part.map((v) => v.participant as number), Int32Array) as Int32Array,
        statement: shared(part.map((v) => v.statement as number), Int32Array) as Int32Array,
        vote: shared(part.map((v) => v.vote), Int8Array) as Int8Array,
        time: shared(part.map((v) => v.time!), Float64Array) as Float64Array,
      }));
    // In order: the helper's part follows, times are dropped, the matrix is the timed one.
    // Out of order: a re-vote in the second part older than the first part's vote on the cell must lose.
    const early = votes[0]!;
    const outOfOrder = [...votes, { ...early, vote: (early.vote === 1 ? -1 : 1) as 1 | -1, time: early.time! - 1 }];
    for (const list of [votes, outOfOrder]) {
      const helper = recordingHelper();
      const helped = new Conversation({}, { helper });
      helped.addVoteColumns(parts(list), { adopt: true, keepTimes: false });
      const reference = new Conversation();
      reference.addVotes(list);
      expect(helper.tasks.map((t) => t.kind)).toContain('timeOrder');
      const a = helped.voteMatrix().matrix;
      const b = reference.voteMatrix().matrix;
      expect([...a.colIdx]).toEqual([...b.colIdx]);
      expect([...a.values]).toEqual([...b.values]);
      expect(JSON.stringify(helped.update())).toBe(JSON.stringify(reference.update()));
    }
  });
});
