/**
 * Black or white, whichever contrasts more with a #RRGGBB background (WCAG relative luminance,
 * https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
 */
export function contrastText(background: string): '#000000' | '#FFFFFF' {
  const m = /^#([0-9a-f]{6})$/i.exec(background);
  if (!m) return '#000000';
  const n = parseInt(m[1]!, 16);
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  // Contrast with black is (l+0.05)/0.05, with white 1.05/(l+0.05); they are equal at l ≈ 0.179.
  return l > 0.179 ? '#000000' : '#FFFFFF';
}
