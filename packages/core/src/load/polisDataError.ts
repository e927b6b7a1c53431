/** Where in an input file a problem was found. Every part is optional: a file-level problem has no line. */
export interface PolisDataLocation {
  /** File name or label, e.g. `votes.csv`. */
  source: string;
  /** 1-based line in the file. */
  line?: number;
  /** Column or JSON key, e.g. `vote`. */
  field?: string;
  /** The offending value as text (absent when the value itself is missing). */
  value?: string;
}

/**
 * Malformed Polis input. The message reads like
 * `votes.csv line 17, field "vote": expected -1, 0 or 1, got "2"`, and the parts are kept as properties
 * so a caller can point at the place without parsing the message.
 */
export class PolisDataError extends Error {
  readonly source: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly value: string | undefined;

  constructor(problem: string, location: PolisDataLocation) {
    super(formatMessage(problem, location));
    this.name = 'PolisDataError';
    this.source = location.source;
    this.line = location.line;
    this.field = location.field;
    this.value = location.value;
  }
}

function formatMessage(problem: string, { source, line, field, value }: PolisDataLocation): string {
  let where = source;
  if (line !== undefined) where += ` line ${line}`;
  if (field !== undefined) where += `, field "${field}"`;
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  return `${where}: ${problem}${got}`;
}
