import { describe, expect, it } from 'vitest';
import { groupColor, groupPalette, okabeIto, ungroupedColor, voteColors } from '../src/index';
import { contrastText } from '../src/contrastText';

describe('palette', () => {
  it('groupColor(id) cycles the Okabe–Ito group palette by id', () => {
    groupPalette.forEach((c, i) => {
      expect(groupColor(i)).toBe(c);
      expect(groupColor(i + groupPalette.length)).toBe(c);
    });
    expect(() => groupColor(-1)).toThrow('groupColor: group id must be a non-negative integer, got -1');
    expect(() => groupColor(1.5)).toThrow('got 1.5');
  });

  it('uses only Okabe–Ito colours, keeps vote colours out of the group palette, and all are distinct', () => {
    const okabe = new Set<string>(Object.values(okabeIto));
    for (const c of groupPalette) expect(okabe.has(c)).toBe(true);
    expect(okabe.has(voteColors.agree) && okabe.has(voteColors.disagree)).toBe(true);
    const all = [...groupPalette, voteColors.agree, voteColors.disagree, voteColors.pass, ungroupedColor];
    expect(new Set(all).size).toBe(all.length);
  });

  it('contrastText picks the label colour with the higher WCAG contrast', () => {
    expect(contrastText(okabeIto.blue)).toBe('#FFFFFF');
    expect(contrastText(okabeIto.black)).toBe('#FFFFFF');
    expect(contrastText(okabeIto.orange)).toBe('#000000');
    expect(contrastText(okabeIto.yellow)).toBe('#000000');
  });
});
