import { jsonArrayValues, type Db } from '../db/db.js';
import { touchStatement } from './tallies.js';

// statement_translations (migration 007): a statement's text in languages other than its original.

/** Who wrote a translation: the statement's author, a moderator, or the machine-translation provider. */
export type TranslationSource = 'author' | 'moderator' | 'machine';

export interface Translation {
  text: string;
  source: TranslationSource;
}

/** A statement's translations by language tag ({} when none). */
export type Translations = Record<string, Translation>;

/**
 * Stores the statement's text in `lang` and marks the statement changed (so `changedAfter` readers and
 * ETags see it). A machine translation never replaces one a person wrote: returns false, nothing stored.
 * The caller checks that the statement exists and that `lang` is not its original language.
 */
export async function putTranslation(db: Db, conversationId: number, tid: number, lang: string, text: string, source: TranslationSource, now = Date.now()): Promise<boolean> {
  const stored = (await db.run(`INSERT INTO statement_translations (conversation_id, tid, lang, text, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, tid, lang) DO UPDATE SET text = excluded.text, source = excluded.source, updated_at = excluded.updated_at
     WHERE excluded.source <> 'machine' OR statement_translations.source = 'machine'`, conversationId, tid, lang, text, source, now)).changes;
  if (stored > 0) await touchStatement(db, conversationId, tid);
  return stored > 0;
}

/** Removes the statement's translation into `lang`; returns whether there was one (only then is the statement marked changed). */
export async function deleteTranslation(db: Db, conversationId: number, tid: number, lang: string): Promise<boolean> {
  const deleted = (await db.run('DELETE FROM statement_translations WHERE conversation_id = ? AND tid = ? AND lang = ?', conversationId, tid, lang)).changes;
  if (deleted > 0) await touchStatement(db, conversationId, tid);
  return deleted > 0;
}

/** The translations of a page of statements in one query (primary-key lookups); every id asked for is in the map. */
export async function translationsFor(db: Db, conversationId: number, tids: readonly number[]): Promise<Map<number, Translations>> {
  const out = new Map<number, Translations>(tids.map((tid) => [tid, {}]));
  if (tids.length === 0) return out;
  const rows = await db.all(`SELECT tid, lang, text, source FROM statement_translations
     WHERE conversation_id = ? AND tid IN ${jsonArrayValues(db.dialect, 'integer')} ORDER BY tid, lang`, conversationId, JSON.stringify(tids)) as { tid: number; lang: string; text: string; source: TranslationSource }[];
  for (const r of rows) out.get(r.tid)![r.lang] = { text: r.text, source: r.source };
  return out;
}
