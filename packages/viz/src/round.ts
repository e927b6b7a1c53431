/** Rounds to 3 decimals so SVG output is short and byte-stable across platforms. */
export function round(value: number): number {
  const r = Math.round(value * 1000) / 1000;
  // Avoid "-0" in attributes.
  return r === 0 ? 0 : r;
}
