/** Average glyph width as a fraction of font size for system sans-serif fonts (measured ≈0.5–0.55). */
export const averageCharWidth = 0.55;

// Cyrillic and Greek glyphs run ≈15 % wider than Latin in system sans fonts; CJK and Hangul are full-width.
const wideScript = /[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u10a0-\u10ff]/u;
const fullWidth = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** A character's width in units of `averageCharWidth` × font size. */
function charUnits(char: string): number {
  if (char.charCodeAt(0) < 0x370) return 1;
  if (wideScript.test(char)) return 1.15;
  if (fullWidth.test(char)) return 1.8;
  return 1;
}

function units(text: string): number {
  let total = 0;
  for (const char of text) total += charUnits(char);
  return total;
}

/** The longest prefix of `word` that fits in `limit` units. */
function prefixWithin(word: string, limit: number): string {
  let used = 0;
  let end = 0;
  for (const char of word) {
    used += charUnits(char);
    if (used > limit) break;
    end += char.length;
  }
  return word.slice(0, Math.max(1, end));
}

/**
 * Greedy word wrap to lines of at most `width` pixels, estimating width from characters (wider for
 * Cyrillic, Greek and CJK) because the server has no font metrics. Words longer than a line are cut;
 * text beyond `maxLines` (default: no limit, so statements are never cut) ends in "…".
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines = Infinity): string[] {
  const maxUnits = Math.max(4, Math.floor(width / (fontSize * averageCharWidth)));
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  let lineUnits = 0;
  for (let word of words) {
    while (units(word) > maxUnits) {
      if (line) lines.push(line), (line = ''), (lineUnits = 0);
      const head = prefixWithin(word, maxUnits - 1);
      lines.push(head + '-');
      word = word.slice(head.length);
    }
    const wordUnits = units(word);
    if (!line) (line = word), (lineUnits = wordUnits);
    else if (lineUnits + 1 + wordUnits <= maxUnits) (line += ' ' + word), (lineUnits += 1 + wordUnits);
    else lines.push(line), (line = word), (lineUnits = wordUnits);
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = (units(last) + 1 > maxUnits ? prefixWithin(last, maxUnits - 1) : last) + '…';
  return kept;
}

/** Estimated rendered width of a one-line label, in pixels. */
export function textWidth(text: string, fontSize: number): number {
  return units(text) * fontSize * averageCharWidth;
}
