/** Throws unless `value` is a finite number ≥ `min`, naming the chart option and the value. */
export function checkNumber(where: string, name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new Error(`${where}: options.${name} must be a finite number ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a number in [0, 1], naming the chart option and the value. */
export function checkShare(where: string, name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${where}: options.${name} must be a number in [0, 1], got ${String(value)}`);
  return value;
}
