/** Interface languages Kuulo ships catalogs for, in the order a language switcher lists them. */
export const interfaceLanguages = ['fi', 'sv', 'en'] as const;
/** One of the languages in `interfaceLanguages`. */
export type InterfaceLanguage = (typeof interfaceLanguages)[number];

/** The pseudo-locale: English made long and accented, to find hard-coded and cut-off text. */
export const pseudoLanguage = 'en-XA';

/** Each interface language's name in itself, for a switcher. */
export const languageNames: Readonly<Record<string, string>> = { fi: 'Suomi', sv: 'Svenska', en: 'English', [pseudoLanguage]: 'Ƥşéûđö' };

const tagPattern = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/**
 * Languages of an `Accept-Language` header (or `navigator.languages` joined with commas), best
 * first by q-value; entries with q=0 or a malformed tag are left out.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; at: number }[] = [];
  header.split(',').forEach((part, at) => {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag?.trim() ?? '';
    if (!tagPattern.test(tag)) return;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0)) return;
    entries.push({ tag, q, at });
  });
  return entries.sort((a, b) => b.q - a.q || a.at - b.at).map((e) => e.tag);
}

/**
 * The first candidate Kuulo has a catalog for, matched on the primary subtag (`fi-FI` → `fi`,
 * `sv-FI` → `sv`); the pseudo-locale matches only exactly. Null when none matches.
 */
export function pickLanguage(candidates: Iterable<string | null | undefined>, available: readonly string[] = interfaceLanguages): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.trim();
    if (tag.toLowerCase() === pseudoLanguage.toLowerCase()) return pseudoLanguage;
    const primary = tag.split('-')[0]!.toLowerCase();
    if (available.includes(primary)) return primary;
  }
  return null;
}

/** Writing direction of a language, for `<html dir>`. */
export function languageDirection(lang: string): 'ltr' | 'rtl' {
  const primary = lang.split('-')[0]!.toLowerCase();
  return ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ckb'].includes(primary) ? 'rtl' : 'ltr';
}
