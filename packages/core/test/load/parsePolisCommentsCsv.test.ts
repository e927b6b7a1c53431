import { describe, expect, it } from 'vitest';
import { parsePolisCommentsCsv } from '../../src/load/parsePolisCommentsCsv.js';
import { parsePolisVotesCsv } from '../../src/load/parsePolisVotesCsv.js';
import { openDataNames, openDataText, thrown } from './fixtureFiles.js';

describe('parsePolisCommentsCsv(text)', () => {
  it.each(openDataNames)('loads every comment of %s/comments.csv, multi-line bodies included', (name) => {
    const text = openDataText(name, 'comments.csv');
    const { statements, moderation } = parsePolisCommentsCsv(text);
    // Each record starts with a 13-digit timestamp, a datetime and the comment id.
    expect(statements).toHaveLength(text.match(/^\d{13},[^,\n]*,\d+,/gm)!.length);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    expect(moderation).toEqual(statements.map((s) => ({ statement: s.id, moderation: s.moderation, isMeta: false })));
    // Every voted statement is described.
    const ids = new Set(statements.map((s) => s.id));
    for (const v of parsePolisVotesCsv(openDataText(name, 'votes.csv'))) expect(ids.has(v.statement)).toBe(true);
  });

  it('reads the fields of a record', () => {
    const { statements } = parsePolisCommentsCsv(openDataText('15-per-hour-seattle', 'comments.csv'));
    expect(statements[1]).toEqual({
      id: 48,
      text: "Businesses, small or large, shouldn't be able to pay workers anything below a livable wage. Why should we subsidize businesses that depend on inadequate wages? If a business's product is good, then this shouldn't be a challenge.",
      author: 215,
      created: 1403067224363,
      moderation: 1,
      isMeta: false,
      agreeCount: 38,
      disagreeCount: 18,
    });
    const ubi = parsePolisCommentsCsv(openDataText('scoop-hivemind.ubi', 'comments.csv')).statements[0]!;
    expect(ubi.text).toMatch(/^We should adopt these four steps recommended by BINZ to progress a UBI:\n1\. Replace/);
  });

  it('names line and field of a bad value, and reports missing columns and truncation', () => {
    const text = openDataText('brexit-consensus', 'comments.csv');
    const lines = text.split('\n');
    lines[4] = lines[4]!.replace(/^(\d+,[^,]+,\d+,\d+,\d+,\d+),1,/, '$1,yes,');
    expect(thrown(() => parsePolisCommentsCsv(lines.join('\n'))).message).toBe('comments.csv line 5, field "moderated": expected -1, 0 or 1, got "yes"');
    expect(thrown(() => parsePolisCommentsCsv('timestamp,comment-id\n1,2\n')).message).toBe(
      'comments.csv line 1, field "moderated": missing required column "moderated" (header: timestamp,comment-id)',
    );
    const cut = text.slice(0, text.indexOf('opposition to the component parts'));
    expect(thrown(() => parsePolisCommentsCsv(cut)).message).toBe('comments.csv line 2: unterminated quoted field (file truncated?)');
  });
});
