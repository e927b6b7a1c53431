import { select, type Selection } from 'd3';
import { animate } from '../animate';

/** Data key of an element: its datum's key, or its `data-key` attribute before data is bound. */
export function byKey(this: Element, d: { key: string } | undefined): string {
  return d ? d.key : (this.getAttribute('data-key') ?? '');
}

/**
 * One <g> per datum at (x, y), keyed so that an update moves the same item: leaving groups fade
 * out, new ones are appended at their place. Returns the entered groups (to fill) and the update join.
 */
export function keyedGroups<T extends { key: string; x: number; y: number }>(
  root: SVGGElement,
  data: readonly T[],
  duration: number,
): { entered: Selection<SVGGElement, T, SVGGElement, unknown>; join: Selection<SVGGElement, T, SVGGElement, unknown> } {
  const join = select(root).selectAll<SVGGElement, T>('g').data(data, byKey);
  animate(join.exit(), duration).style('opacity', 0).remove();
  const entered = join
    .enter()
    .append('g')
    .attr('data-key', (d) => d.key)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  return { entered, join };
}
