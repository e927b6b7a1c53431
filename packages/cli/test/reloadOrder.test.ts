import { describe, expect, it } from 'vitest';
import { reloadOrderColumns, reloadOrderVotes } from '../src/reloadOrder.js';

describe('reloadOrderVotes / reloadOrderColumns', () => {
  const votes = [
    { participant: 5, statement: 2, vote: 1 as const, time: 30 },
    { participant: 1, statement: 2, vote: -1 as const, time: 10 },
    { participant: 5, statement: 0, vote: 0 as const, time: 20 },
    { participant: 1, statement: 2, vote: 1 as const, time: 5 },
  ];

  it('orders by statement, participant, time without touching the input', () => {
    const copy = structuredClone(votes);
    expect(reloadOrderVotes(votes).map((v) => v.time)).toEqual([20, 5, 10, 30]);
    expect(votes).toEqual(copy);
  });

  it('gives the same order for columns, keeping file order when there are no times', () => {
    const columns = {
      length: 4,
      participant: Int32Array.from(votes.map((v) => v.participant)),
      statement: Int32Array.from(votes.map((v) => v.statement)),
      vote: Int8Array.from(votes.map((v) => v.vote)),
      time: Float64Array.from(votes.map((v) => v.time)),
    };
    expect([...reloadOrderColumns(columns).time]).toEqual([20, 5, 10, 30]);
    const untimed = reloadOrderColumns({ ...columns, time: new Float64Array(4).fill(NaN) });
    expect([...untimed.vote]).toEqual([0, -1, 1, 1]);
  });
});
