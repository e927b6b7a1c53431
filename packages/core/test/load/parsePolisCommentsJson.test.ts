import { describe, expect, it } from 'vitest';
import { parsePolisCommentsJson } from '../../src/load/parsePolisCommentsJson.js';
import { mathFixtureNames, mathFixtureText, thrown } from './fixtureFiles.js';

describe('parsePolisCommentsJson(text)', () => {
  it.each(mathFixtureNames)('loads every comment of %s/comments.json with its moderation', (name) => {
    const text = mathFixtureText(name, 'comments.json');
    const raw = JSON.parse(text) as Record<string, unknown>[];
    const { statements, moderation } = parsePolisCommentsJson(text);
    expect(statements).toHaveLength(raw.length);
    raw.forEach((row, i) => {
      const s = statements[i]!;
      expect(s.id).toBe(row.tid ?? row.statement_id);
      expect(s.text).toBe(row.txt);
      expect(s.author).toBe(row.pid ?? row.participant_id);
      expect(s.moderation).toBe(row.mod ?? row.moderated);
      expect(s.isMeta).toBe(row.is_meta);
      expect([s.agreeCount, s.disagreeCount, s.passCount]).toEqual([row.agree_count, row.disagree_count, row.pass_count]);
      expect(moderation[i]).toEqual({ statement: s.id, moderation: s.moderation, isMeta: s.isMeta });
    });
  });

  it('reads created as ms text or as an ISO date', () => {
    const old = parsePolisCommentsJson(mathFixtureText('below-100-ptpts', 'comments.json')).statements[0]!;
    const recent = parsePolisCommentsJson(mathFixtureText('25ptpt-3gp-no-strict-with-meta', 'comments.json')).statements[0]!;
    expect(old.created).toBe(1714613201691);
    // "2023-08-11T06:33:28.174000Z"
    expect(recent.created).toBe(Date.UTC(2023, 7, 11, 6, 33, 28, 174));
  });

  it.each(mathFixtureNames)('gives the moderated-out and meta statements Polis reports for %s', (name) => {
    const { moderation } = parsePolisCommentsJson(mathFixtureText(name, 'comments.json'));
    const math = JSON.parse(mathFixtureText(name, 'math-pca2.json')) as { 'mod-out': number[]; 'meta-tids': number[] };
    const sorted = (ids: unknown[]) => [...ids].sort((a, b) => Number(a) - Number(b));
    // Polis §3.2: mod-out = meta or moderation −1.
    expect(sorted(moderation.filter((m) => m.isMeta || m.moderation === -1).map((m) => m.statement))).toEqual(sorted(math['mod-out']));
    expect(sorted(moderation.filter((m) => m.isMeta).map((m) => m.statement))).toEqual(sorted(math['meta-tids']));
  });

  it('names the line and field of a bad moderation value', () => {
    const text = mathFixtureText('below-100-ptpts', 'comments.json');
    const at = text.indexOf('"mod": 1');
    const bad = `${text.slice(0, at)}"mod": 5${text.slice(at + 8)}`;
    const line = text.slice(0, at).split('\n').length;
    expect(thrown(() => parsePolisCommentsJson(bad)).message).toBe(`comments.json line ${line}, field "mod": expected -1, 0 or 1, got "5"`);
  });

  it('rejects a missing statement id and a wrong top-level type', () => {
    expect(thrown(() => parsePolisCommentsJson('[\n  {"txt": "hi", "mod": 0}\n]')).message).toBe(
      'comments.json line 2, field "tid or statement_id": missing statement id',
    );
    expect(thrown(() => parsePolisCommentsJson('"comments"')).message).toBe('comments.json line 1: expected a JSON array of comments, got a string');
  });
});
