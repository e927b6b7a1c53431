import { select } from 'd3';
import { animateTransform } from '../animate';
import type { Translator } from '../i18n';
import { round } from '../round';
import { markRoot, type MarkOptions } from './markRoot';

export interface YouDatum {
  x: number;
  y: number;
  groupLabel: string | null;
  /** The group's colour (the inner ring and the leader). Default none: black. */
  color?: string | null;
  /** The visible text. Default "You". */
  text?: string;
  /** Side of the text. Default: right unless near the right edge. */
  side?: 'left' | 'right';
  /** A point of the own group's area to draw a line to, when "You" is outside it. Default none. */
  leader?: [number, number] | null;
}

export interface YouOptions extends MarkOptions {
  /** Plot width, to put the "You" text on the side with room. */
  width: number;
  /** The chart's language. */
  t: Translator;
}

/**
 * A ring and "You" on the current participant's dot, an inner ring in their group's colour and a text
 * naming the group, plus a dashed line to their group's area when outside it; empty when not on the map.
 */
export function youAreHere(you: YouDatum | null, options: YouOptions): SVGGElement {
  const root = markRoot(options, 'kuulo-you');
  const duration = options.duration ?? 0;
  const join = select(root).selectAll<SVGGElement, YouDatum>('g').data(you ? [you] : []);
  join.exit().remove();
  const entered = join
    .enter()
    .append('g')
    .attr('class', 'kuulo-focusable')
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  entered.append('path').attr('class', 'kuulo-you-leader-halo').attr('fill', 'none').attr('stroke', '#FFFFFF').attr('stroke-width', 4);
  entered.append('path').attr('class', 'kuulo-you-leader').attr('fill', 'none').attr('stroke-width', 2).attr('stroke-dasharray', '4 3');
  entered.append('circle').attr('r', 9).attr('fill', 'none').attr('stroke', '#FFFFFF').attr('stroke-width', 4);
  entered.append('circle').attr('r', 9).attr('fill', 'none').attr('stroke', '#000000').attr('stroke-width', 2);
  entered.append('circle').attr('class', 'kuulo-you-group').attr('r', 6).attr('fill', 'none').attr('stroke-width', 3);
  entered.append('circle').attr('class', 'kuulo-focus-ring').attr('r', 14);
  entered.append('text').attr('class', 'kuulo-halo').attr('dy', '0.35em').attr('font-size', 13).attr('font-weight', 700);
  const merged = entered.merge(join);
  const onRight = (d: YouDatum): boolean => (d.side ? d.side === 'right' : d.x < options.width - 48);
  // The leader runs from the ring's edge to the group's area, in the mark's own coordinates.
  const leader = (d: YouDatum): string => {
    if (!d.leader) return '';
    const [dx, dy] = [d.leader[0] - d.x, d.leader[1] - d.y];
    const len = Math.hypot(dx, dy) || 1;
    return `M${round((9 * dx) / len)},${round((9 * dy) / len)}L${round(dx)},${round(dy)}`;
  };
  merged.attr('aria-label', (d) => options.t.t('chart.you.here', { inGroup: d.groupLabel === null ? 'no' : 'yes', label: d.groupLabel ?? '' }));
  merged.select('path.kuulo-you-leader-halo').attr('d', leader);
  merged.select('path.kuulo-you-leader').attr('d', leader).attr('stroke', (d) => d.color ?? '#000000');
  merged.select('circle.kuulo-you-group').attr('stroke', (d) => d.color ?? 'none');
  merged.select('text').text((d) => d.text ?? options.t.t('chart.you')).attr('x', (d) => (onRight(d) ? 13 : -13)).attr('text-anchor', (d) => (onRight(d) ? 'start' : 'end'));
  animateTransform(merged, duration, (d) => `translate(${d.x},${d.y})`);
  return root;
}
