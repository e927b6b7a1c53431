import type { ModerationState, VoteValue } from '../types.js';

// Field coercions shared by the JSON and CSV loaders: each returns undefined when the value is
// unusable, and the caller raises a PolisDataError with the location it knows.

const integerText = /^\s*-?\d+\s*$/;
const numberText = /^\s*-?\d+(\.\d*)?([eE][+-]?\d+)?\s*$/;

/** What each coercion expects, for error messages. */
export const expected = {
  vote: 'expected -1, 0 or 1',
  id: 'expected an integer id',
  time: 'expected a time in ms since the epoch or an ISO date',
  moderation: 'expected -1, 0 or 1',
  boolean: 'expected true or false',
  count: 'expected a non-negative integer',
  translations: 'expected a JSON object of language tag → text',
} as const;

/** −1, 0 or 1 as a number or as text. */
export function toVoteValue(value: unknown): VoteValue | undefined {
  const n = typeof value === 'string' && integerText.test(value) ? Number(value) : value;
  return n === -1 || n === 0 || n === 1 ? (n === 0 ? 0 : n) : undefined;
}

/** A safe integer as a number or as integer text (Polis pid / tid / gid). */
export function toIntegerId(value: unknown): number | undefined {
  const n = typeof value === 'string' && integerText.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/** Kuulo's `translations` column: a JSON object of language tag → text; '' means none ({}). */
export function toTranslations(value: string): Record<string, string> | undefined {
  if (value.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return Object.values(parsed).every((text) => typeof text === 'string') ? (parsed as Record<string, string>) : undefined;
}

/** A non-negative integer as a number or as text (vote tallies). */
export function toCount(value: unknown): number | undefined {
  const n = toIntegerId(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/**
 * Milliseconds since the epoch from a number, numeric text (`"1714782753431"`, `"1691740361800.0"`)
 * or an ISO date (`"2023-08-11T06:33:28.174000Z"`). null / undefined / '' mean "no time" (null).
 */
export function toTime(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (numberText.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Polis moderation state −1 / 0 / 1; null or missing means unmoderated (0). */
export function toModeration(value: unknown): ModerationState | undefined {
  if (value === null || value === undefined || value === '') return 0;
  return toVoteValue(value);
}

/** A boolean, or the spellings Postgres and CSV writers use for one; null or missing means false. */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === 't' || text === '1') return true;
  if (text === 'false' || text === 'f' || text === '0') return false;
  return undefined;
}

/** A JSON value as it would read in the file, for error messages. */
export function shownValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
