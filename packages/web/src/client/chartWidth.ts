/** A chart width that fits its container: the container's width within [min, max], or `max` when not laid out yet. */
export function chartWidth(container: Element, min = 280, max = 720): number {
  const width = Math.floor(container.getBoundingClientRect().width);
  if (!(width > 0)) return max;
  return Math.max(min, Math.min(max, width));
}
