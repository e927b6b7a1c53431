import { interpolateString, type BaseType, type Selection } from 'd3';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelection<E extends BaseType, D> = Selection<E, D, any, any>;

/**
 * The selection itself, or a transition of it when `duration` > 0. Transitions share the
 * attr/style/remove calls used here, so marks write one code path for both. Animate numbers
 * only: d3 interpolates colours to "rgb(…)" strings, so colours are set on the selection.
 */
export function animate<E extends BaseType, D>(selection: AnySelection<E, D>, duration: number): AnySelection<E, D> {
  return duration > 0 ? (selection.transition().duration(duration) as unknown as AnySelection<E, D>) : selection;
}

/**
 * Sets `transform`, animated as plain numbers. d3's own transform interpolation needs the SVG
 * DOM's `transform.baseVal` (absent in jsdom) and may reformat the string.
 */
export function animateTransform<E extends Element, D>(selection: AnySelection<E, D>, duration: number, value: (d: D) => string): void {
  if (duration <= 0) {
    selection.attr('transform', value);
    return;
  }
  selection
    .transition()
    .duration(duration)
    .attrTween('transform', function (d) {
      return interpolateString(this.getAttribute('transform') ?? value(d), value(d));
    });
}
