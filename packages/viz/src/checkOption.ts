/** Throws unless `value` is a finite number ≥ `min`, naming the chart option and the value. */
export function checkNumber(where: string, name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new Error(`${where}: options.${name} must be a finite number ≥ ${min}, got ${String(value)}`);
  }
  return value;
}
