import type { StatementModeration } from '../types.js';
import { expected, toBoolean, toCount, toIntegerId, toModeration, toTime } from './coerceValue.js';
import { jsonRecordError } from './jsonRecordError.js';
import { parseJsonArray } from './parseJsonArray.js';
import { pickField } from './pickField.js';
import type { PolisComments, PolisLoadOptions, PolisStatement } from './polisTypes.js';

const idKeys = ['tid', 'statement_id'] as const;
const moderationKeys = ['mod', 'moderated'] as const;
const authorKeys = ['pid', 'participant_id'] as const;

/**
 * Statements and their moderation from a Polis `comments.json` (API export): `tid`/`statement_id`,
 * `txt`, `mod`/`moderated`, `is_meta`, `created`, `agree_count`, `disagree_count`, `pass_count`.
 */
export function parsePolisCommentsJson(text: string, options: PolisLoadOptions = {}): PolisComments {
  const source = options.source ?? 'comments.json';
  const records = parseJsonArray(text, source, 'comments');
  const statements: PolisStatement[] = [];
  const moderation: StatementModeration[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Record<string, unknown>;
    const fail = jsonRecordError(text, source, i);
    const idField = pickField(record, idKeys) ?? fail('missing statement id', idKeys.join(' or '));
    const id = toIntegerId(idField.value) ?? fail(expected.id, idField.key, idField.value);
    const modField = pickField(record, moderationKeys);
    const mod = toModeration(modField?.value) ?? fail(expected.moderation, modField?.key ?? 'mod', modField?.value);
    const isMeta = toBoolean(record.is_meta) ?? fail(expected.boolean, 'is_meta', record.is_meta);
    const txt = record.txt ?? '';
    if (typeof txt !== 'string') fail('expected text', 'txt', txt);
    const statement: PolisStatement = { id, text: txt as string, moderation: mod, isMeta };
    const author = pickField(record, authorKeys);
    if (author !== undefined && author.value !== null) {
      statement.author = toIntegerId(author.value) ?? fail(expected.id, author.key, author.value);
    }
    const created = toTime(record.created);
    if (created === undefined) fail(expected.time, 'created', record.created);
    else if (created !== null) statement.created = created;
    for (const [key, prop] of [
      ['agree_count', 'agreeCount'],
      ['disagree_count', 'disagreeCount'],
      ['pass_count', 'passCount'],
    ] as const) {
      if (record[key] === undefined || record[key] === null) continue;
      statement[prop] = toCount(record[key]) ?? fail(expected.count, key, record[key]);
    }
    statements.push(statement);
    moderation.push({ statement: id, moderation: mod, isMeta });
  }
  return { moderation, statements };
}
