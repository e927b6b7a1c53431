import { InvalidArgumentError } from 'commander';

// Commander argument parsers: a bad value becomes "option '--x <n>' argument 'abc' is invalid. expected …".

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return Number(value);
}

export function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

/** A privacy floor: an integer from 2 to 100, as core's `checkPrivacyFloor` accepts. */
export function privacyFloor(value: string): number {
  const n = integer(value);
  if (n < 2 || n > 100) throw new InvalidArgumentError(`expected an integer from 2 to 100, got "${value}"`);
  return n;
}

/** A thread count: 1 or 2 (the CLI's parallel steps split in two). */
export function threadCount(value: string): number {
  if (value !== '1' && value !== '2') throw new InvalidArgumentError(`expected 1 or 2, got "${value}"`);
  return Number(value);
}
