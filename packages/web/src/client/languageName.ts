import type { Translator } from '@kuulo/viz';

/** Languages of Finland that browsers' slimmed-down Intl data may not name: their names come from the catalog. */
const catalogNames: Readonly<Record<string, string>> = { se: 'settings.languageName.se', smn: 'settings.languageName.smn', sms: 'settings.languageName.sms' };

const namers = new Map<string, Intl.DisplayNames>();

/** A language's name in the reader's language ("ruotsi" for `sv` to a Finnish reader), else its code. */
export function languageName(code: string, t: Translator): string {
  const key = catalogNames[code];
  if (key) return t.t(key);
  let namer = namers.get(t.lang);
  if (!namer) namers.set(t.lang, (namer = new Intl.DisplayNames([t.lang, 'en'], { type: 'language', fallback: 'code' })));
  try {
    return namer.of(code) ?? code;
  } catch {
    // A tag Intl cannot parse: show it as it is.
    return code;
  }
}
