/**
 * Opacity of a participant's dot from their membership confidence c (the share of bootstrap
 * resamples that kept them in their group): minOpacity + (1 − minOpacity) · c, so a participant
 * who always stayed is fully drawn and one who never did is faint but still visible.
 */
export function membershipOpacity(confidence: number, minOpacity: number): number {
  const c = Math.min(1, Math.max(0, confidence));
  return minOpacity + (1 - minOpacity) * c;
}
