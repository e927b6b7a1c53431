import { contourDensity, geoPath, select } from 'd3';
import type { MapDensity } from '../opinionMapLayout';
import { byKey } from './keyedGroups';
import { markRoot, type MarkOptions } from './markRoot';

export interface DensityOptions extends MarkOptions {
  width: number;
  height: number;
  /** Kernel bandwidth in pixels. */
  bandwidth: number;
  /** Contour levels per group. Default 6. */
  levels?: number;
}

/**
 * Density contours per group, for maps with too many participants for dots: each group's
 * levels are stacked translucent fills in its colour, each point counting with its weight
 * (membership confidence, when known). Redrawn, not animated, on update.
 */
export function densityContours(groups: readonly MapDensity[], options: DensityOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-density');
  root.setAttribute('aria-hidden', 'true');
  const path = geoPath().digits(3);
  const layers = groups.map((g) => ({
    ...g,
    contours: contourDensity<{ x: number; y: number; w: number }>()
      .x((p) => p.x)
      .y((p) => p.y)
      .weight((p) => p.w)
      .size([options.width, options.height])
      .bandwidth(options.bandwidth)
      .thresholds(options.levels ?? 6)(g.points.map(([x, y], i) => ({ x, y, w: g.weights?.[i] ?? 1 }))),
  }));
  const groupSel = select(root)
    .selectAll<SVGGElement, (typeof layers)[number]>('g')
    .data(layers, byKey)
    .join('g')
    .attr('data-key', (d) => d.key)
    .attr('fill', (d) => d.color)
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 0.5);
  groupSel
    .selectAll('path')
    .data((d) => d.contours)
    .join('path')
    .attr('d', (c) => path(c) ?? '')
    .attr('fill-opacity', 0.14)
    .attr('stroke-opacity', 0.5);
  return root;
}
