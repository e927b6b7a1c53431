import { svgNamespace } from '../svgNamespace';

/** Options every mark takes: where to build elements, an earlier render to update, animation length. */
export interface MarkOptions {
  document: Document;
  /** The <g> this mark returned for the previous result; updated in place when given. */
  target?: SVGGElement;
  /** Transition length in ms when updating `target`. Default 0 (no animation). */
  duration?: number;
}

/** The mark's <g>: `target` when updating, else a new one with `className`. */
export function markRoot(options: MarkOptions, className: string): SVGGElement {
  const g = options.target ?? (options.document.createElementNS(svgNamespace, 'g') as SVGGElement);
  g.setAttribute('class', className);
  return g;
}
