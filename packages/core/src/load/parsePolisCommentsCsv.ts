import type { StatementModeration } from '../types.js';
import { expected, toBoolean, toCount, toIntegerId, toModeration, toTime, toTranslations } from './coerceValue.js';
import { csvColumn } from './csvColumn.js';
import { parseCsv } from './parseCsv.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisComments, PolisLoadOptions, PolisStatement } from './polisTypes.js';

/**
 * Statements and their moderation from a Polis open-data `comments.csv`
 * (`timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body`). Requires
 * `comment-id` and `moderated`; the export has no meta flag, so `isMeta` is false unless an
 * `is-meta` column is present. `agrees`/`disagrees` count every vote row, superseded ones included.
 * Kuulo's exports add `language` and `translations` (JSON, language tag → text), read when present.
 */
export function parsePolisCommentsCsv(text: string, options: PolisLoadOptions = {}): PolisComments {
  const source = options.source ?? 'comments.csv';
  const { header, rows } = parseCsv(text, source);
  const col = {
    id: csvColumn(header, ['comment-id', 'tid'], source, true),
    moderated: csvColumn(header, ['moderated', 'mod'], source, true),
    body: csvColumn(header, ['comment-body', 'txt'], source, false),
    author: csvColumn(header, ['author-id', 'pid'], source, false),
    time: csvColumn(header, ['timestamp', 'created'], source, false),
    agrees: csvColumn(header, ['agrees', 'agree_count'], source, false),
    disagrees: csvColumn(header, ['disagrees', 'disagree_count'], source, false),
    passes: csvColumn(header, ['passes', 'pass_count'], source, false),
    meta: csvColumn(header, ['is-meta', 'is_meta'], source, false),
    lang: csvColumn(header, ['language'], source, false),
    translations: csvColumn(header, ['translations'], source, false),
  };
  const statements: PolisStatement[] = [];
  const moderation: StatementModeration[] = [];
  for (const { line, fields } of rows) {
    const field = (index: number) => (index === -1 ? undefined : (fields[index] as string));
    const fail = (problem: string, index: number): never => {
      throw new PolisDataError(problem, { source, line, field: header[index] as string, value: fields[index] as string });
    };
    const id = toIntegerId(field(col.id)) ?? fail(expected.id, col.id);
    const mod = toModeration(field(col.moderated)) ?? fail(expected.moderation, col.moderated);
    const isMeta = toBoolean(field(col.meta)) ?? fail(expected.boolean, col.meta);
    const statement: PolisStatement = { id, text: field(col.body) ?? '', moderation: mod, isMeta };
    const author = field(col.author);
    const lang = field(col.lang)?.trim();
    if (lang) statement.lang = lang;
    const translations = field(col.translations);
    if (translations !== undefined) {
      const parsed = toTranslations(translations) ?? fail(expected.translations, col.translations);
      if (Object.keys(parsed).length > 0) statement.translations = parsed;
    }
    if (author !== undefined && author !== '') statement.author = toIntegerId(author) ?? fail(expected.id, col.author);
    const created = toTime(field(col.time));
    if (created === undefined) fail(expected.time, col.time);
    else if (created !== null) statement.created = created;
    for (const [index, prop] of [
      [col.agrees, 'agreeCount'],
      [col.disagrees, 'disagreeCount'],
      [col.passes, 'passCount'],
    ] as const) {
      const value = field(index);
      if (value === undefined || value === '') continue;
      statement[prop] = toCount(value) ?? fail(expected.count, index);
    }
    statements.push(statement);
    moderation.push({ statement: id, moderation: mod, isMeta });
  }
  return { moderation, statements };
}
