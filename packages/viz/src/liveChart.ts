import { select } from 'd3';
import { checkNumber } from './checkOption';
import { enableZoom, type ZoomOptions } from './enableZoom';
import type { KuuloResult } from '@kuulo/core';
import { resolveDocument } from './resolveDocument';

/** Options every chart takes, which `liveChart` sets itself. */
interface Redrawable {
  document?: Document;
  target?: SVGSVGElement;
  duration?: number;
}

/** Options of `liveChart`: transition length, and zoom and pan for the map. */
export interface LiveChartOptions extends ZoomOptions {
  /** Transition length in ms when a new result arrives. Default 750; 0 when the user prefers reduced motion. */
  duration?: number;
  /** Zoom and pan (opinion map only). Default true. */
  zoom?: boolean;
}

/** A chart in a live page: swap in each new result (or other chart data, such as a ParticipantView) with `update`, and `destroy` when done. */
export interface ChartController<D = KuuloResult> {
  /** The chart's <svg>; insert it into the page. */
  readonly node: SVGSVGElement;
  /** Redraws with a new result, animating the opinion map (dots and hulls move, colours stay by group id). */
  update(result: D): void;
  /** Stops transitions and removes zoom handlers. */
  destroy(): void;
}

function prefersReducedMotion(document: Document): boolean {
  const view = document.defaultView as (Window & typeof globalThis) | null;
  return typeof view?.matchMedia === 'function' && view.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Browser use of any chart: draws `result` once, then `update(next)` redraws the same <svg> in
 * place with d3 transitions (off under prefers-reduced-motion), and the opinion map gets zoom.
 *
 * ```ts
 * const map = liveChart(opinionMap, result, { you: myId });
 * container.append(map.node);
 * socket.onmessage = (e) => map.update(JSON.parse(e.data));
 * ```
 */
export function liveChart<O extends Redrawable, D = KuuloResult>(
  chart: (result: D, options?: O) => SVGSVGElement,
  result: NoInfer<D>,
  options: NoInfer<O> & LiveChartOptions = {} as O & LiveChartOptions,
): ChartController<D> {
  const { duration: durationOption, zoom: zoomOption, scaleExtent, ...chartOptions } = options;
  const document = resolveDocument(options.document, 'liveChart');
  const duration = prefersReducedMotion(document) ? 0 : checkNumber('liveChart', 'duration', durationOption ?? 750, 0);
  const node = chart(result, { ...chartOptions, document, duration: 0 } as unknown as O);
  const removeZoom = zoomOption === false ? () => {} : enableZoom(node, scaleExtent ? { scaleExtent } : {});
  let destroyed = false;
  return {
    node,
    update(next) {
      if (destroyed) throw new Error('liveChart: update() called after destroy()');
      chart(next, { ...chartOptions, document, target: node, duration } as unknown as O);
    },
    destroy() {
      destroyed = true;
      select(node).selectAll('*').interrupt();
      removeZoom();
    },
  };
}
