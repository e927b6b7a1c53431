import { describe, expect, it } from 'vitest';
import { PolisDataError } from '../../src/load/polisDataError.js';
import { parsePolisVotesJson } from '../../src/load/parsePolisVotesJson.js';
import { mathFixtureNames, mathFixtureText, thrown } from './fixtureFiles.js';

/** 1-based line of the n-th (0-based) match of `pattern` in `text`. */
function lineOfMatch(text: string, pattern: RegExp, n: number): number {
  const matches = [...text.matchAll(new RegExp(pattern.source, 'g'))];
  const index = matches[n]?.index;
  if (index === undefined) throw new Error(`pattern ${pattern} has no match ${n}`);
  return text.slice(0, index).split('\n').length;
}

/** Replaces the n-th match of `pattern` with `replacement`. */
function replaceNth(text: string, pattern: RegExp, n: number, replacement: string): string {
  let seen = -1;
  return text.replace(new RegExp(pattern.source, 'g'), (match) => (++seen === n ? replacement : match));
}

describe('parsePolisVotesJson(text)', () => {
  it.each(mathFixtureNames)('loads every row of %s/votes.json as given, in file order', (name) => {
    const text = mathFixtureText(name, 'votes.json');
    const raw = JSON.parse(text) as Record<string, unknown>[];
    const votes = parsePolisVotesJson(text);
    expect(votes).toHaveLength(raw.length);
    raw.forEach((row, i) => {
      expect(votes[i]).toEqual({
        participant: Number(row.pid ?? row.participant_id),
        statement: Number(row.tid ?? row.statement_id),
        vote: row.vote,
        time: Number(row.modified),
      });
    });
  });

  it('reads both field spellings and modified as a string or a number', () => {
    const old = parsePolisVotesJson('[{"pid": 3, "tid": 7, "vote": -1, "modified": "1714782753431"}]');
    const recent = parsePolisVotesJson('[{"participant_id": 3, "statement_id": 7, "vote": -1, "modified": 1714782753431.0}]');
    expect(old).toEqual([{ participant: 3, statement: 7, vote: -1, time: 1714782753431 }]);
    expect(recent).toEqual(old);
  });

  it('keeps repeated votes on a cell: the store picks the latest', () => {
    const votes = parsePolisVotesJson('[{"pid":1,"tid":2,"vote":1,"modified":5},{"pid":1,"tid":2,"vote":-1,"modified":3}]');
    expect(votes.map((v) => v.vote)).toEqual([1, -1]);
  });

  it('omits time when a vote has no modified value', () => {
    expect(parsePolisVotesJson('[{"pid":1,"tid":2,"vote":0,"modified":null}]')).toEqual([{ participant: 1, statement: 2, vote: 0 }]);
  });

  it("negates votes with sign: 'internal' and leaves passes at +0", () => {
    const text = mathFixtureText('below-100-ptpts', 'votes.json');
    const asExport = parsePolisVotesJson(text);
    const asInternal = parsePolisVotesJson(text, { sign: 'internal' });
    asInternal.forEach((v, i) => {
      const original = asExport[i]!;
      expect(Object.is(v.vote, original.vote === 0 ? 0 : -original.vote)).toBe(true);
      expect({ ...v, vote: 0 }).toEqual({ ...original, vote: 0 });
    });
    expect(() => parsePolisVotesJson('[]', { sign: 'flipped' as 'export' })).toThrow(/option sign must be 'export' or 'internal', got flipped/);
  });

  describe('malformed input', () => {
    const text = mathFixtureText('below-100-ptpts', 'votes.json');

    it('names the line and field of a bad vote value', () => {
      const bad = replaceNth(text, /"vote": -?\d/, 16, '"vote": 2');
      const error = thrown(() => parsePolisVotesJson(bad));
      const line = lineOfMatch(text, /"vote": -?\d/, 16);
      expect(error).toBeInstanceOf(PolisDataError);
      expect(error.message).toBe(`votes.json line ${line}, field "vote": expected -1, 0 or 1, got "2"`);
      expect(error).toMatchObject({ source: 'votes.json', line, field: 'vote', value: '2' });
    });

    it('names a non-numeric id', () => {
      const bad = replaceNth(text, /"tid": \d+/, 40, '"tid": "abc"');
      const error = thrown(() => parsePolisVotesJson(bad, { source: 'my-votes.json' }));
      expect(error.message).toBe(`my-votes.json line ${lineOfMatch(text, /"tid": \d+/, 40)}, field "tid": expected an integer id, got "abc"`);
    });

    it('names a missing participant id at the record', () => {
      const bad = replaceNth(text, /"pid": \d+,/, 3, '');
      const error = thrown(() => parsePolisVotesJson(bad));
      expect(error.message).toMatch(/^votes\.json line \d+, field "pid or participant_id": missing participant id$/);
      // The record's opening brace is the line before its first remaining key.
      expect(error.line).toBe(lineOfMatch(bad, /\{/, 3));
    });

    it('names an unreadable time', () => {
      const bad = replaceNth(text, /"modified": "\d+"/, 5, '"modified": "yesterday"');
      expect(thrown(() => parsePolisVotesJson(bad)).message).toBe(
        `votes.json line ${lineOfMatch(text, /"modified": "\d+"/, 5)}, field "modified": expected a time in ms since the epoch or an ISO date, got "yesterday"`,
      );
    });

    it('reports a truncated file at its last line', () => {
      const cut = text.slice(0, Math.floor(text.length / 2));
      const error = thrown(() => parsePolisVotesJson(cut));
      expect(error).toBeInstanceOf(PolisDataError);
      expect(error.line).toBe(cut.split('\n').length);
      expect(error.message).toMatch(/^votes\.json line \d+: invalid JSON at column \d+: unexpected end of input \(file truncated\?\)$/);
    });

    it('reports the position of a syntax error', () => {
      const bad = replaceNth(text, /,\n\s*"tid"/, 10, '\n        "tid"');
      const error = thrown(() => parsePolisVotesJson(bad));
      expect(error.line).toBe(lineOfMatch(text, /"tid"/, 10));
      expect(error.message).toMatch(/^votes\.json line \d+: invalid JSON at column 9: /);
    });

    it('rejects a top-level value that is not an array, and non-object rows', () => {
      expect(thrown(() => parsePolisVotesJson('\n{"votes": []}')).message).toBe('votes.json line 2: expected a JSON array of votes, got an object');
      expect(thrown(() => parsePolisVotesJson('[\n{"pid":1,"tid":1,"vote":1},\n 7]')).message).toBe(
        'votes.json line 3: expected each of the votes to be an object, got a number',
      );
    });
  });
});
