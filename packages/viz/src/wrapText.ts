/** Average glyph width as a fraction of font size for system sans-serif fonts (measured ≈0.5–0.55). */
export const averageCharWidth = 0.55;

/**
 * Greedy word wrap to lines of at most `width` pixels, estimating width from character count
 * because the server has no font metrics. Words longer than a line are cut; text beyond
 * `maxLines` ends in "…".
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number): string[] {
  const maxChars = Math.max(4, Math.floor(width / (fontSize * averageCharWidth)));
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > maxChars) {
      if (line) lines.push(line), (line = '');
      lines.push(word.slice(0, maxChars - 1) + '-');
      word = word.slice(maxChars - 1);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ' ' + word;
    else lines.push(line), (line = word);
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = (last.length + 1 > maxChars ? last.slice(0, maxChars - 1) : last) + '…';
  return kept;
}

/** Estimated rendered width of a one-line label, in pixels. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * averageCharWidth;
}
