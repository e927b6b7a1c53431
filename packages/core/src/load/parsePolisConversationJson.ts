import { expected, shownValue, toBoolean } from './coerceValue.js';
import { jsonRecordLine } from './jsonRecordLine.js';
import { parseJson, typeName } from './parseJsonArray.js';
import { lineOfOffset } from './lineOfOffset.js';
import { PolisDataError } from './polisDataError.js';
import type { PolisLoadOptions } from './polisTypes.js';

/** The settings of a Polis `conversation.json` that matter to the math, plus its title. */
export interface PolisConversationInfo {
  /** Polis `strict_moderation`: statements are hidden until moderated in. */
  strictModeration: boolean;
  topic?: string;
  description?: string;
}

/** Settings from a Polis `conversation.json` (API export); unknown keys are ignored. */
export function parsePolisConversationJson(text: string, options: PolisLoadOptions = {}): PolisConversationInfo {
  const source = options.source ?? 'conversation.json';
  const data = parseJson(text, source);
  if (typeName(data) !== 'an object') {
    const line = lineOfOffset(text, text.search(/\S/)).line;
    throw new PolisDataError(`expected a JSON object, got ${typeName(data)}`, { source, line });
  }
  const record = data as Record<string, unknown>;
  const strictModeration = toBoolean(record.strict_moderation);
  if (strictModeration === undefined) {
    // The object is element 0 of nothing; locate the key by scanning as if wrapped in an array.
    const line = jsonRecordLine(`[${text}]`, 0, 'strict_moderation');
    throw new PolisDataError(expected.boolean, { source, line, field: 'strict_moderation', value: shownValue(record.strict_moderation) });
  }
  const info: PolisConversationInfo = { strictModeration };
  if (typeof record.topic === 'string') info.topic = record.topic;
  if (typeof record.description === 'string') info.description = record.description;
  return info;
}
