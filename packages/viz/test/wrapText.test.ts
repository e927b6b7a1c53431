import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from '../src/wrapText';

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

  it('keeps every line by default, so a statement is never cut', () => {
    const text = 'word '.repeat(200).trim();
    const lines = wrapText(text, 120, 13);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join(' ')).toBe(text);
    expect(lines.some((line) => line.includes('…'))).toBe(false);
  });

  it('counts Cyrillic and CJK as wider than Latin, so a Russian statement wraps sooner', () => {
    const latin = 'abcdefgh '.repeat(12).trim();
    const cyrillic = 'абвгдежз '.repeat(12).trim();
    expect(textWidth('абвгдежз', 13)).toBeGreaterThan(textWidth('abcdefgh', 13));
    expect(textWidth('漢字', 13)).toBeGreaterThan(textWidth('ab', 13) * 1.5);
    const width = 200;
    expect(wrapText(cyrillic, width, 13).length).toBeGreaterThan(wrapText(latin, width, 13).length);
    for (const line of wrapText(cyrillic, width, 13)) expect(textWidth(line, 13)).toBeLessThanOrEqual(width);
    expect(wrapText(cyrillic, width, 13).join(' ')).toBe(cyrillic);
  });
});
