import { describe, expect, it } from 'vitest';
import { wrapText } from '../src/wrapText';

describe('wrapText', () => {
  it('wraps at word boundaries within the estimated width and keeps every word', () => {
    const text = 'Polis statements can be too simplistic and lack context for me to definitively vote one way or another';
    const lines = wrapText(text, 200, 13, 10);
    const maxChars = Math.floor(200 / (13 * 0.55));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(maxChars);
    expect(lines.join(' ')).toBe(text);
  });

  it('cuts at maxLines with an ellipsis and splits words longer than a line', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 60, 12, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    const long = wrapText('x'.repeat(30), 60, 12, 5);
    expect(long.join('').replace(/-/g, '')).toBe('x'.repeat(30));
    expect(wrapText('   ', 100, 12, 3)).toEqual(['']);
  });
});
