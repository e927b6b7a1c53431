/**
 * The sign (+1 or −1) that makes a principal component canonical: its loadings sum to a positive number,
 * or, when the sum is negligible, its largest-magnitude loading (first such in column order) is positive.
 * An eigenvector's sign is arbitrary; fixing it this way keeps the map's orientation a function of the
 * votes, not of the solver's start vector. The zero vector gets +1.
 */
export function canonicalSign(component: ArrayLike<number>): 1 | -1 {
  let sum = 0;
  let sumAbs = 0;
  let largest = 0;
  for (let c = 0; c < component.length; c++) {
    const x = component[c]!;
    sum += x;
    sumAbs += Math.abs(x);
    if (Math.abs(x) > Math.abs(largest) * (1 + 1e-9)) largest = x;
  }
  if (Math.abs(sum) > 1e-9 * sumAbs) return sum > 0 ? 1 : -1;
  return largest < 0 ? -1 : 1;
}
