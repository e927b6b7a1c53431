/** The form two statements are compared in for duplicates: Unicode-normalised, case-folded, spaces collapsed. */
export function textKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}
