import { describe, expect, it } from 'vitest';
import { Conversation, runHelperTask, type ScatterTask } from '@kuulo/core';
import { startHelperThread } from '../src/helperThread.js';

// A random CSR matrix in shared memory, columns ascending in each row, values −1, 0, 1.
function sharedMatrix(nRows: number, nCols: number, perRow: number, seed: number) {
  let s = seed;
  const random = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const rowPtr = new Int32Array(new SharedArrayBuffer(4 * (nRows + 1)));
  const colIdx = new Int32Array(new SharedArrayBuffer(4 * nRows * perRow));
  const values = new Int8Array(new SharedArrayBuffer(nRows * perRow));
  for (let r = 0; r < nRows; r++) {
    rowPtr[r + 1] = rowPtr[r]! + perRow;
    for (let k = 0; k < perRow; k++) {
      colIdx[rowPtr[r]! + k] = Math.floor((k + random()) * (nCols / perRow));
      values[rowPtr[r]! + k] = Math.floor(random() * 3) - 1;
    }
  }
  const weighted = new Float64Array(new SharedArrayBuffer(8 * 3 * nCols));
  for (let k = 0; k < weighted.length; k++) weighted[k] = random() - 0.5;
  return { rowPtr, colIdx, values, cells: null, weighted };
}

// Synthetic votes over 2^22, where the CLI starts the thread: two opinion camps, 9 % of cells voted.
function syntheticVotes(participants: number, statements: number) {
  let s = 11;
  const random = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const columns = { participant: [] as number[], statement: [] as number[], vote: [] as number[] };
  for (let p = 0; p < participants; p++) {
    const camp = p % 2 === 0 ? 1 : -1;
    for (let t = 0; t < statements; t++) {
      if (random() >= 0.09) continue;
      columns.participant.push(p);
      columns.statement.push(t);
      columns.vote.push(random() < 0.8 ? (t % 2 === 0 ? camp : -camp) : Math.floor(random() * 3) - 1);
    }
  }
  return { participant: Int32Array.from(columns.participant), statement: Int32Array.from(columns.statement), vote: Int8Array.from(columns.vote) };
}

describe('the helper thread', () => {
  it('computes its share exactly as this thread does, while this thread computes the other half', async () => {
    const m = sharedMatrix(20_000, 500, 40, 5);
    const thread = startHelperThread();
    expect(thread).not.toBeNull();
    try {
      // Until the worker has started, shares run on this thread.
      expect(await thread!.ready).toBe(true);
      for (let round = 0; round < 3; round++) {
        const second: ScatterTask = { kind: 'scatter', ...m, sums: new Float64Array(new SharedArrayBuffer(8 * 1500)), from: 10_000, to: 20_000 };
        const wait = thread!.run(second);
        const first = new Float64Array(1500);
        runHelperTask({ kind: 'scatter', ...m, sums: first, from: 0, to: 10_000 });
        wait();
        const expected = new Float64Array(1500);
        runHelperTask({ kind: 'scatter', ...m, sums: expected, from: 10_000, to: 20_000 });
        expect(Array.from(second.sums)).toEqual(Array.from(expected));
        expect(first.some((x) => x !== 0)).toBe(true);
      }
    } finally {
      await thread!.close();
    }
  });

  it('gives a conversation byte for byte the result it has without the thread (4.5 M votes in two parts: checking, mapping, building the matrix, products, projection threaded)', async () => {
    const votes = syntheticVotes(25_000, 2_000);
    expect(votes.vote.length).toBeGreaterThan(2 ** 22);
    const plain = new Conversation();
    plain.addVoteColumns(votes);
    const expected = JSON.stringify(plain.update());
    const thread = startHelperThread()!;
    try {
      expect(await thread.ready).toBe(true);
      // As the CLI hands over a votes.csv read on two threads: two parts, the second in shared memory.
      const cut = votes.vote.length >> 1;
      const inShared = <T extends Int32Array | Int8Array>(a: T): T => {
        const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
        out.set(a as never);
        return out;
      };
      const first = { participant: votes.participant.slice(0, cut), statement: votes.statement.slice(0, cut), vote: votes.vote.slice(0, cut) };
      const second = { participant: inShared(votes.participant.subarray(cut)), statement: inShared(votes.statement.subarray(cut)), vote: inShared(votes.vote.subarray(cut)) };
      const threaded = new Conversation({}, { helper: thread });
      threaded.addVoteColumns([first, second], { adopt: true });
      expect(threaded.voteMatrix().matrix.colIdx.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(JSON.stringify(threaded.update())).toBe(expected);
    } finally {
      await thread.close();
    }
  }, 60_000);

  it('after close, shares run on this thread and still give the right sums', async () => {
    const m = sharedMatrix(2_000, 100, 10, 9);
    const thread = startHelperThread()!;
    await thread.close();
    await new Promise((r) => setTimeout(r, 50));
    const share: ScatterTask = { kind: 'scatter', ...m, sums: new Float64Array(new SharedArrayBuffer(8 * 300)), from: 0, to: 2_000 };
    thread.run(share)();
    const expected = new Float64Array(300);
    runHelperTask({ kind: 'scatter', ...m, sums: expected, from: 0, to: 2_000 });
    expect(Array.from(share.sums)).toEqual(Array.from(expected));
  });
});
