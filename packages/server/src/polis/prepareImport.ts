import { apiError } from '../errors.js';
import type { Moderation } from '../repositories/statements.js';
import { languageTagPattern } from '../schemas/common.js';
import { textKey } from '../services/textKey.js';
import type { PolisExport } from './parsePolisExport.js';

/** A statement as it will be stored. */
export interface ImportStatement {
  tid: number;
  authorPid: number | null;
  text: string;
  /** Null for a repeated text: only the first copy takes part in duplicate checks. */
  textKey: string | null;
  isMeta: boolean;
  moderation: Moderation;
  createdAt: number;
  /** Language of `text` (a Kuulo export's `language` column), null when the export has none. */
  lang: string | null;
  /** [language, text] pairs (a Kuulo export's `translations` column). */
  translations: [lang: string, text: string][];
}

/**
 * A validated export laid out for insertion: statements by tid, participants by pid and the vote
 * history in time order as typed arrays (cheap to move between threads).
 */
export interface ImportRows {
  statements: ImportStatement[];
  participants: Int32Array;
  votes: { pid: Int32Array; tid: Int32Array; vote: Int8Array; createdAt: Float64Array };
  negated: boolean;
  /** Languages of the statements' texts and translations, most used first (none in a Polis export). */
  languages: string[];
}

const int32 = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 2_147_483_647;
const languageTag = new RegExp(languageTagPattern);

/** A statement's language and translations, checked: IMPORT_INVALID names the statement and the tag. Empty translations are skipped. */
function languagesOf(s: PolisExport['statements'][number]): Pick<ImportStatement, 'lang' | 'translations'> {
  const where = `comments.csv: statement ${String(s.id)}`;
  if (s.lang !== undefined && !languageTag.test(s.lang)) throw apiError('IMPORT_INVALID', `${where}: language '${s.lang}' is not a language tag such as fi, sv or en`);
  const translations: [string, string][] = [];
  for (const [lang, text] of Object.entries(s.translations ?? {})) {
    if (!languageTag.test(lang)) throw apiError('IMPORT_INVALID', `${where}: translations has '${lang}', which is not a language tag such as fi, sv or en`);
    if (s.lang !== undefined && lang.toLowerCase() === s.lang.toLowerCase()) throw apiError('IMPORT_INVALID', `${where}: translations has '${lang}', the statement's own language`);
    if (text.trim() !== '') translations.push([lang, text]);
  }
  return { lang: s.lang ?? null, translations };
}

/** Every language used, by how many statements are written or translated in it (ties: first seen first). */
function languagesUsed(statements: readonly ImportStatement[]): string[] {
  const uses = new Map<string, number>();
  for (const s of statements) for (const lang of [...(s.lang === null ? [] : [s.lang]), ...s.translations.map(([l]) => l)]) uses.set(lang, (uses.get(lang) ?? 0) + 1);
  return [...uses].sort((a, b) => b[1] - a[1]).map(([lang]) => lang);
}

/**
 * Checks ids against the database's range and the statement limit, and orders the history by time
 * (file order breaks ties, so arrival order and time agree). Throws IMPORT_INVALID naming the row.
 * Votes and statements without a time get `now`.
 */
export function prepareImport(data: PolisExport, limits: { statementsPerConversation: number }, now = Date.now()): ImportRows {
  if (data.statements.length > limits.statementsPerConversation) {
    throw apiError('IMPORT_INVALID', `the export has ${data.statements.length} statements, more than the limit of ${limits.statementsPerConversation}`);
  }
  for (const s of data.statements) {
    if (!int32(s.id)) throw apiError('IMPORT_INVALID', `statement id ${String(s.id)} is not an integer between 0 and 2147483647`);
    if (s.author !== undefined && !int32(s.author)) throw apiError('IMPORT_INVALID', `statement ${String(s.id)}: author id ${String(s.author)} is not an integer between 0 and 2147483647`);
  }
  const n = data.votes.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = data.votes[i]!;
    if (!int32(v.participant)) throw apiError('IMPORT_INVALID', `vote ${i + 1}: participant id ${String(v.participant)} is not an integer between 0 and 2147483647`);
    time[i] = v.time ?? 0;
  }
  let order: Uint32Array | null = null;
  for (let i = 1; i < n; i++) {
    if (time[i]! < time[i - 1]!) {
      order = new Uint32Array(n).map((_, k) => k).sort((a, b) => time[a]! - time[b]! || a - b);
      break;
    }
  }
  const votes = { pid: new Int32Array(n), tid: new Int32Array(n), vote: new Int8Array(n), createdAt: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const v = data.votes[order ? order[k]! : k]!;
    votes.pid[k] = v.participant as number;
    votes.tid[k] = v.statement as number;
    votes.vote[k] = v.vote;
    votes.createdAt[k] = v.time ?? now;
  }
  const pids = new Set<number>();
  for (const s of data.statements) if (s.author !== undefined) pids.add(s.author as number);
  for (let k = 0; k < n; k++) pids.add(votes.pid[k]!);
  const participants = Int32Array.from(pids).sort();
  const keys = new Set<string>();
  const statements = [...data.statements]
    .sort((a, b) => (a.id as number) - (b.id as number))
    .map((s): ImportStatement => {
      // Imported text is kept byte for byte; only the duplicate key is normalised.
      const key = textKey(s.text);
      const unique = !keys.has(key);
      keys.add(key);
      return {
        tid: s.id as number,
        authorPid: (s.author as number | undefined) ?? null,
        text: s.text,
        textKey: unique ? key : null,
        isMeta: s.isMeta,
        moderation: s.moderation,
        createdAt: s.created ?? now,
        ...languagesOf(s),
      };
    });
  return { statements, participants, votes, negated: data.negated, languages: languagesUsed(statements) };
}
