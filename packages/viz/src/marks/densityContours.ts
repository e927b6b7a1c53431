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
 * levels are stacked translucent fills in its colour. Redrawn, not animated, on update.
 */
export function densityContours(groups: readonly MapDensity[], options: DensityOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-density');
  root.setAttribute('aria-hidden', 'true');
  const path = geoPath().digits(3);
  const layers = groups.map((g) => ({
    ...g,
    contours: contourDensity<[number, number]>()
      .x((p) => p[0])
      .y((p) => p[1])
      .size([options.width, options.height])
      .bandwidth(options.bandwidth)
      .thresholds(options.levels ?? 6)(g.points),
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
