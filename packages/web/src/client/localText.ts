import type { LocalizedText } from './apiTypes';

/** A moderator-written text for a reader of `lang`: their language, else the first written, with the language it is in. */
export function localText(text: LocalizedText, lang: string, fallbackOrder: readonly string[] = []): { text: string; lang: string | undefined } {
  const own = text[lang];
  if (own) return { text: own, lang };
  // The conversation's main language first, then whatever exists.
  for (const code of [...fallbackOrder, ...Object.keys(text)]) if (text[code]) return { text: text[code], lang: code };
  return { text: '', lang: undefined };
}
