import { describe, expect, it } from 'vitest';
import { checkSignConvention } from '../../src/load/checkSignConvention.js';
import { createPolisVotesCsvColumnReader } from '../../src/load/createPolisVotesCsvColumnReader.js';
import { PolisDataError } from '../../src/load/polisDataError.js';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisCommentsJson } from '../../src/load/parsePolisCommentsJson.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { parsePolisVotesJson } from '../../src/load/parsePolisVotesJson.js';
import { lcg } from '../../src/random/lcg.js';
import type { Vote } from '../../src/types.js';
import { mathFixtureNames, mathFixtureText, openDataNames, openDataText, thrown } from './fixtureFiles.js';

const negated = (votes: Vote[]): Vote[] => votes.map((v) => ({ ...v, vote: v.vote === 0 ? 0 : v.vote === 1 ? -1 : 1 }));

function openData(name: string) {
  return { votes: parsePolisVotesCsv(openDataText(name, 'votes.csv')), statements: parsePolisCommentsCsv(openDataText(name, 'comments.csv')).statements };
}

function mathFixture(name: string) {
  return {
    votes: parsePolisVotesJson(mathFixtureText(name, 'votes.json')),
    statements: parsePolisCommentsJson(mathFixtureText(name, 'comments.json')).statements,
  };
}

describe('checkSignConvention(votes, statements)', () => {
  it.each(mathFixtureNames)('passes on %s (JSON) and reproduces its counts', (name) => {
    const { votes, statements } = mathFixture(name);
    const check = checkSignConvention(votes, statements);
    expect(check.compared).toBeGreaterThan(20);
    // The API exports match Polis's counts exactly (the 50ptpt export misses votes of statements it also omits).
    expect(check.mismatch).toBe(0);
    expect(check.flippedMismatch).toBeGreaterThan(100);
  });

  it.each(openDataNames)('passes on %s (CSV) with only small mismatches', (name) => {
    const { votes, statements } = openData(name);
    const check = checkSignConvention(votes, statements);
    expect(check.compared).toBe(statements.length === 71 ? 70 : statements.length);
    expect(check.mismatch).toBeLessThan(check.flippedMismatch / 20);
  });

  it.each(openDataNames)('throws on a negated copy of %s, naming a statement and both files', (name) => {
    const { votes, statements } = openData(name);
    const error = thrown(() => checkSignConvention(negated(votes), statements, { votesSource: 'votes.csv', statementsSource: 'comments.csv' }));
    expect(error).toBeInstanceOf(PolisDataError);
    expect(error.message).toMatch(/^votes\.csv: votes look sign-flipped: statement \d+ has \d+ agrees in comments\.csv but \d+ disagrees in votes\.csv .*pass sign: 'internal'/);
    // The named statement really shows the flip.
    const [, id, agrees, disagrees] = /statement (\d+) has (\d+) agrees in comments\.csv but (\d+) disagrees/.exec(error.message)!;
    expect(statements.find((s) => s.id === Number(id))!.agreeCount).toBe(Number(agrees));
    const latest = new Map(negated(votes).filter((v) => v.statement === Number(id)).map((v) => [v.participant, v.vote]));
    expect([...latest.values()].filter((v) => v === -1).length).toBe(Number(disagrees));
  });

  it('throws on the JSON fixtures negated, and passes once they are loaded with sign: internal', () => {
    for (const name of mathFixtureNames) {
      const { votes, statements } = mathFixture(name);
      expect(() => checkSignConvention(negated(votes), statements)).toThrow(/^votes: votes look sign-flipped/);
      const internalText = JSON.stringify(JSON.parse(mathFixtureText(name, 'votes.json')).map((v: { vote: number }) => ({ ...v, vote: -v.vote })));
      expect(checkSignConvention(parsePolisVotesJson(internalText, { sign: 'internal' }), statements).mismatch).toBe(0);
    }
  });

  it('takes votes as columns too, with the same verdict', () => {
    const { votes, statements } = openData('canadian-electoral-reform');
    for (const sign of ['export', 'internal'] as const) {
      const reader = createPolisVotesCsvColumnReader({ sign });
      reader.push(openDataText('canadian-electoral-reform', 'votes.csv'));
      const columns = reader.end();
      if (sign === 'export') expect(checkSignConvention(columns, statements)).toEqual(checkSignConvention(votes, statements));
      else expect(() => checkSignConvention(columns, statements)).toThrow(/sign-flipped/);
    }
  });

  it('tolerates missing votes: a fifth of the votes dropped is not a flip', () => {
    const { votes, statements } = openData('vtaiwan.uberx');
    const random = lcg(7);
    const kept = votes.filter(() => random() > 0.2);
    const check = checkSignConvention(kept, statements);
    expect(check.mismatch).toBeGreaterThan(votes.length / 10);
  });

  it('does not decide when counts cannot tell (agrees equal disagrees)', () => {
    const votes: Vote[] = [
      { participant: 1, statement: 1, vote: 1 },
      { participant: 2, statement: 1, vote: -1 },
    ];
    expect(checkSignConvention(negated(votes), [{ id: 1, text: '', moderation: 0, isMeta: false, agreeCount: 1, disagreeCount: 1 }])).toEqual({
      compared: 1,
      mismatch: 0,
      flippedMismatch: 0,
    });
  });

  it('compares only the latest vote of a participant on a statement', () => {
    const votes: Vote[] = [
      { participant: 1, statement: 1, vote: -1, time: 1 },
      { participant: 1, statement: 1, vote: 1, time: 5 },
      { participant: 2, statement: 1, vote: 1, time: 9 },
      { participant: 2, statement: 1, vote: -1, time: 3 },
    ];
    const check = checkSignConvention(votes, [{ id: 1, text: '', moderation: 0, isMeta: false, agreeCount: 2, disagreeCount: 0 }]);
    expect(check).toEqual({ compared: 1, mismatch: 0, flippedMismatch: 4 });
  });

  it('counts latest votes from columns exactly as from vote objects (duplicates, untimed votes, offset and wide ids)', () => {
    const random = lcg(21);
    // Narrow ids use the seen-cell bitset (many repeats; few repeats, ids not starting at 0); wide ids the sort.
    for (const { wide, n, offset } of [
      { wide: false, n: 3000, offset: 0 },
      { wide: false, n: 400, offset: 700 },
      { wide: true, n: 3000, offset: 0 },
    ]) {
      const votes: Vote[] = Array.from({ length: n }, () => ({
        participant: offset + Math.floor(random() * 80) * (wide ? 1e7 : 1),
        statement: offset + Math.floor(random() * 15) * (wide ? 1e7 : 1),
        vote: (Math.floor(random() * 3) - 1) as Vote['vote'],
        ...(random() < 0.8 ? { time: Math.floor(random() * 50) } : {}),
      }));
      const columns = {
        length: n,
        participant: Int32Array.from(votes, (v) => v.participant as number),
        statement: Int32Array.from(votes, (v) => v.statement as number),
        vote: Int8Array.from(votes, (v) => v.vote),
        time: Float64Array.from(votes, (v) => v.time ?? NaN),
      };
      // Counts chosen so that some statements match the votes and others do not.
      const statements = Array.from({ length: 16 }, (_, k) => ({ id: offset + k * (wide ? 1e7 : 1), text: '', agreeCount: k * 3, disagreeCount: 40 - k }));
      const fromColumns = checkSignConvention(columns, statements as never);
      expect(fromColumns).toEqual(checkSignConvention(votes, statements as never));
      expect(fromColumns.compared).toBe(15); // statement 15 has no votes
    }
  });
});
