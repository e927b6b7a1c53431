import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation, createPolisVotesCsvColumnReader } from '@kuulo/core';
import { fixtures } from './runCli.js';
import { reloadOrderColumns, reloadOrderIds, reloadOrderVotes } from '../src/reloadOrder.js';

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

  it('equals a plain stable sort on random columns, sorted or not, with wide or narrow statement ids', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const [n, statements] of [[500, 20], [300, 1e9], [0, 5], [1, 5]] as const) {
      const columns = {
        length: n,
        participant: Int32Array.from({ length: n }, () => Math.floor(random() * 40)),
        statement: Int32Array.from({ length: n }, () => Math.floor(random() * statements) - (statements > 1e6 ? 5e8 : 0)),
        vote: Int8Array.from({ length: n }, () => Math.floor(random() * 3) - 1),
        time: Float64Array.from({ length: n }, () => (random() < 0.2 ? NaN : Math.floor(random() * 5))),
      };
      const expected = Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => columns.statement[a]! - columns.statement[b]! || columns.participant[a]! - columns.participant[b]! || columns.time[a]! - columns.time[b]! || 0,
      );
      const got = reloadOrderColumns(columns);
      expect([...got.vote]).toEqual(expected.map((i) => columns.vote[i]));
      expect([...got.time]).toEqual(expected.map((i) => columns.time[i]));
      expect([...got.participant]).toEqual(expected.map((i) => columns.participant[i]));
      // Sorting the sorted columns again changes nothing.
      expect([...reloadOrderColumns(got).vote]).toEqual([...got.vote]);
    }
  });

  it('reloadOrderIds gives the matrix the sorted votes give, with votes fed in file order (timed, untimed; null when mixed)', () => {
    let seed = 3;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const [timing, wide] of [['timed', false], ['untimed', false], ['timed', true]] as const) {
      const n = 600;
      const columns = {
        length: n,
        participant: Int32Array.from({ length: n }, () => Math.floor(random() * 50) * (wide ? 1e7 : 1)),
        statement: Int32Array.from({ length: n }, () => Math.floor(random() * 12)),
        vote: Int8Array.from({ length: n }, () => Math.floor(random() * 3) - 1),
        time: Float64Array.from({ length: n }, () => (timing === 'timed' ? Math.floor(random() * 20) : NaN)),
      };
      const sorted = new Conversation({ seed: 1 });
      const s = reloadOrderColumns(columns);
      sorted.addVoteColumns({ participant: s.participant, statement: s.statement, vote: s.vote, time: s.time });
      const reserved = new Conversation({ seed: 1 });
      reserved.reserveIds(reloadOrderIds(columns)!);
      reserved.addVoteColumns({ participant: columns.participant, statement: columns.statement, vote: columns.vote, time: columns.time });
      expect(JSON.stringify(reserved.serialize())).toBe(JSON.stringify(sorted.serialize()));
      expect(reserved.update()).toEqual(sorted.update());
    }
    const mixed = { length: 2, participant: Int32Array.of(1, 1), statement: Int32Array.of(0, 0), vote: Int8Array.of(1, -1), time: Float64Array.of(5, NaN) };
    expect(reloadOrderIds(mixed)).toBeNull();
  });

  it("takes a file's parts as parsed by two threads: same ids, and the adopted parts give the matrix and result of the whole", () => {
    const text = readFileSync(`${fixtures}open-data/vtaiwan.uberx/votes.csv`);
    const reader = createPolisVotesCsvColumnReader({ source: 'votes.csv' });
    reader.push(text);
    const whole = reader.end();
    const cut = Math.floor(whole.length / 2);
    const part = (from: number, to: number) => ({
      length: to - from,
      participant: whole.participant.slice(from, to),
      statement: whole.statement.slice(from, to),
      vote: whole.vote.slice(from, to),
      time: whole.time.slice(from, to),
    });
    const parts = [part(0, cut), part(cut, whole.length)];
    const ids = reloadOrderIds(parts);
    expect(ids).toEqual(reloadOrderIds(whole));
    // Parts with other id ranges (each part's own tables are merged): split by statement, then by participant.
    const where = (keep: (i: number) => boolean) => {
      const at = Array.from({ length: whole.length }, (_, i) => i).filter(keep);
      return { length: at.length, participant: Int32Array.from(at, (i) => whole.participant[i]!), statement: Int32Array.from(at, (i) => whole.statement[i]!), vote: Int8Array.from(at, (i) => whole.vote[i]!), time: Float64Array.from(at, (i) => whole.time[i]!) };
    };
    const midS = whole.statement[cut]!;
    const midP = whole.participant[cut]!;
    expect(reloadOrderIds([where((i) => whole.statement[i]! >= midS), where((i) => whole.statement[i]! < midS)])).toEqual(ids);
    expect(reloadOrderIds([where((i) => whole.participant[i]! >= midP), where((i) => whole.participant[i]! < midP)])).toEqual(ids);
    const reference = new Conversation({ seed: 0 });
    reference.reserveIds(ids!);
    reference.addVoteColumns({ participant: whole.participant, statement: whole.statement, vote: whole.vote, time: whole.time });
    const adopted = new Conversation({ seed: 0 });
    adopted.reserveIds(ids!);
    adopted.addVoteColumns(parts, { adopt: true, keepTimes: false });
    const a = adopted.voteMatrix();
    const r = reference.voteMatrix();
    expect([...a.matrix.rowPtr]).toEqual([...r.matrix.rowPtr]);
    expect([...a.matrix.colIdx]).toEqual([...r.matrix.colIdx]);
    expect([...a.matrix.values]).toEqual([...r.matrix.values]);
    expect(JSON.stringify(adopted.update())).toBe(JSON.stringify(reference.update()));
  });
});
