import { shownValue } from './coerceValue.js';
import { jsonRecordLine } from './jsonRecordLine.js';
import { PolisDataError } from './polisDataError.js';

/** A thrower for record `index` of a JSON array file: names the source, the record's line and the field. */
export function jsonRecordError(text: string, source: string, index: number): (problem: string, field: string, value?: unknown) => never {
  return (problem, field, value) => {
    throw new PolisDataError(problem, {
      source,
      line: jsonRecordLine(text, index, field),
      field,
      ...(value === undefined ? {} : { value: shownValue(value) }),
    });
  };
}
