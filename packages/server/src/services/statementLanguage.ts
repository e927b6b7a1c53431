import { francAll } from 'franc';
import type { ConversationRow } from '../repositories/conversations.js';
import type { LangSource } from '../repositories/statements.js';

// franc names languages by ISO 639-3; conversations by BCP 47 tags, whose primary subtag is ISO 639-1 where
// one exists. The languages of Finnish cities' debates and of their larger language communities.
const iso6393: Record<string, string> = {
  fi: 'fin',
  sv: 'swe',
  en: 'eng',
  ru: 'rus',
  uk: 'ukr',
  so: 'som',
  ar: 'arb',
  fa: 'pes',
  de: 'deu',
  fr: 'fra',
  es: 'spa',
  it: 'ita',
  pt: 'por',
  nl: 'nld',
  pl: 'pol',
  tr: 'tur',
  vi: 'vie',
  lt: 'lit',
  da: 'dan',
  nb: 'nob',
  no: 'nob',
  nn: 'nno',
};

/** Texts shorter than this (in characters) are too short to tell Finnish from Swedish reliably: they get the fallback. */
export const detectionMinLength = 20;

const primary = (tag: string): string => tag.split('-')[0]!.toLowerCase();

/** The conversation's own spelling of `tag` when it is one of its languages (compared case-insensitively), else undefined. */
export function conversationLanguage(conversation: Pick<ConversationRow, 'languages'>, tag: string): string | undefined {
  const lower = tag.toLowerCase();
  return conversation.languages.find((l) => l.toLowerCase() === lower);
}

/** Whether two tags name the same language (case-insensitive). */
export const sameLanguage = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The language a statement is written in, among the conversation's languages: franc's best guess over
 * those it knows, or the conversation's first language when the text is short or franc cannot tell.
 * Null when the conversation names no languages.
 */
export function detectLanguage(text: string, languages: readonly string[]): string | null {
  const fallback = languages[0] ?? null;
  if (languages.length < 2) return fallback;
  const byCode = new Map<string, string>();
  for (const tag of languages) {
    const code = iso6393[primary(tag)];
    if (code && !byCode.has(code)) byCode.set(code, tag);
  }
  if (byCode.size === 0) return fallback;
  const [best] = francAll(text, { only: [...byCode.keys()], minLength: detectionMinLength })[0]!;
  return byCode.get(best) ?? fallback;
}

/** A new statement's language: the one its author gave (in the conversation's spelling when it is one of its languages), else detected. */
export function statementLanguage(conversation: ConversationRow, text: string, given: string | undefined): { lang: string | null; langSource: LangSource | null } {
  if (given !== undefined) return { lang: conversationLanguage(conversation, given) ?? given, langSource: 'author' };
  const lang = detectLanguage(text, conversation.languages);
  return { lang, langSource: lang === null ? null : 'detected' };
}
