import { select } from 'd3';
import { animateTransform } from '../animate';
import type { Translator } from '../i18n';
import { markRoot, type MarkOptions } from './markRoot';

export interface YouDatum {
  x: number;
  y: number;
  groupLabel: string | null;
}

export interface YouOptions extends MarkOptions {
  /** Plot width, to put the "You" text on the side with room. */
  width: number;
  /** The chart's language. */
  t: Translator;
}

/** A ring and "You" on the current participant's dot; empty when they are not on the map. */
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
  entered.append('circle').attr('r', 9).attr('fill', 'none').attr('stroke', '#FFFFFF').attr('stroke-width', 4);
  entered.append('circle').attr('r', 9).attr('fill', 'none').attr('stroke', '#000000').attr('stroke-width', 2);
  entered.append('circle').attr('class', 'kuulo-focus-ring').attr('r', 14);
  entered.append('text').attr('class', 'kuulo-halo').attr('dy', '0.35em').attr('font-size', 13).attr('font-weight', 700);
  const merged = entered.merge(join);
  const onRight = (d: YouDatum): boolean => d.x < options.width - 48;
  merged.attr('aria-label', (d) => options.t.t('chart.you.here', { inGroup: d.groupLabel === null ? 'no' : 'yes', label: d.groupLabel ?? '' }));
  merged.select('text').text(options.t.t('chart.you')).attr('x', (d) => (onRight(d) ? 13 : -13)).attr('text-anchor', (d) => (onRight(d) ? 'start' : 'end'));
  animateTransform(merged, duration, (d) => `translate(${d.x},${d.y})`);
  return root;
}
