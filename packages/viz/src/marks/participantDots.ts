import { select } from 'd3';
import { animate } from '../animate';
import type { MapDot } from '../opinionMapLayout';
import { byKey } from './keyedGroups';
import { markRoot, type MarkOptions } from './markRoot';

/**
 * One circle per participant, keyed by participant id so a new result moves each person's dot
 * instead of redrawing it; with uncertainty, faded by membership confidence (`opacity`).
 * Hidden from screen readers: the group hulls and table describe them.
 */
export function participantDots(dots: readonly MapDot[], options: MarkOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-participants');
  root.setAttribute('aria-hidden', 'true');
  const duration = options.duration ?? 0;
  const join = select(root)
    .selectAll<SVGCircleElement, MapDot>('circle')
    .data(dots, byKey);
  animate(join.exit(), duration).attr('r', 0).remove();
  const entered = join
    .enter()
    .append('circle')
    .attr('data-key', (d) => d.key)
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('r', (d) => (duration > 0 ? 0 : d.r))
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', (d) => (d.grouped ? 0.85 : 0.6))
    .attr('stroke', '#FFFFFF')
    .attr('stroke-width', 0.75)
    .attr('opacity', (d) => d.opacity ?? null);
  const merged = entered.merge(join).order();
  merged.attr('fill', (d) => d.color);
  // Without uncertainty the attribute goes away rather than animating to 1, keeping plain maps unchanged.
  merged.filter((d) => d.opacity === undefined).attr('opacity', null);
  animate(merged, duration)
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('r', (d) => d.r)
    .attr('fill-opacity', (d) => (d.grouped ? 0.85 : 0.6));
  animate(merged.filter((d) => d.opacity !== undefined), duration).attr('opacity', (d) => d.opacity!);
  return root;
}
