import { jsonErrorOffset } from './jsonErrorOffset.js';
import { jsonRecordLine } from './jsonRecordLine.js';
import { lineOfOffset } from './lineOfOffset.js';
import { PolisDataError } from './polisDataError.js';

/** Parse `text` as a JSON array of objects (`what` names them in errors); anything else is a PolisDataError. */
export function parseJsonArray(text: string, source: string, what: string): Record<string, unknown>[] {
  const data = parseJson(text, source);
  if (!Array.isArray(data)) {
    const line = lineOfOffset(text, text.search(/\S/)).line;
    throw new PolisDataError(`expected a JSON array of ${what}, got ${typeName(data)}`, { source, line });
  }
  for (let i = 0; i < data.length; i++) {
    const record: unknown = data[i];
    if (typeName(record) !== 'an object') {
      const line = jsonRecordLine(text, i);
      throw new PolisDataError(`expected each of the ${what} to be an object, got ${typeName(record)}`, { source, line });
    }
  }
  return data as Record<string, unknown>[];
}

/** JSON.parse with the failure reported as a PolisDataError at its line and column. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const at = lineOfOffset(text, offset < 0 ? text.length : offset);
    const reason = offset >= text.length ? 'unexpected end of input (file truncated?)' : (error as Error).message;
    throw new PolisDataError(`invalid JSON at column ${at.column}: ${reason}`, { source, line: at.line });
  }
}

/** "an array", "an object", "a string", … for error messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : t === 'number' ? 'a number' : t === 'string' ? 'a string' : `a ${t}`;
}
