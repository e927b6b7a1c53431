import { select } from 'd3';
import { animate } from '../animate';
import type { MapHull } from '../opinionMapLayout';
import { byKey } from './keyedGroups';
import { markRoot, type MarkOptions } from './markRoot';

function hullPath(points: readonly [number, number][]): string {
  return points.length === 0 ? '' : `M${points.map((p) => `${p[0]},${p[1]}`).join('L')}Z`;
}

/**
 * A translucent outline around each group, keyed by group id, dashed when the group is unstable.
 * Each hull is a keyboard stop named "Group A: n participants" (plus its stability, when known).
 * Hulls have a fixed vertex count, so updates morph them.
 */
export function groupHulls(hulls: readonly MapHull[], options: MarkOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-hulls');
  const duration = options.duration ?? 0;
  const join = select(root)
    .selectAll<SVGGElement, MapHull>('g.kuulo-group')
    .data(hulls, byKey);
  animate(join.exit(), duration).style('opacity', 0).remove();
  const entered = join
    .enter()
    .append('g')
    .attr('class', 'kuulo-group kuulo-focusable')
    .attr('data-key', (d) => d.key)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', (d) => d.ariaLabel);
  entered
    .append('path')
    .attr('class', 'kuulo-hull')
    .attr('d', (d) => hullPath(d.points))
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', 0.1)
    .attr('stroke', (d) => d.color)
    .attr('stroke-opacity', 0.8)
    .attr('stroke-width', 1.5)
    .attr('stroke-linejoin', 'round');
  const merged = entered.merge(join).order();
  merged.attr('aria-label', (d) => d.ariaLabel);
  const paths = merged
    .select<SVGPathElement>('path')
    .attr('fill', (d) => d.color)
    .attr('stroke', (d) => d.color)
    .attr('stroke-dasharray', (d) => (d.unstable ? '6 4' : null));
  animate(paths, duration).attr('d', (d) => hullPath(d.points));
  return root;
}
