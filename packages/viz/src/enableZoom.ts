import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';

/** Options of `enableZoom`: the zoom range. */
export interface ZoomOptions {
  /** Smallest and largest zoom factor. Default [1, 8]. */
  scaleExtent?: [number, number];
}

/**
 * Browser-only zoom and pan of a chart's `g.kuulo-viewport` with d3-zoom (wheel, drag, pinch),
 * plus keys for keyboard users: + and − zoom, arrows pan, 0 resets. Returns a function that
 * removes it. Charts without a viewport (bar charts) are left alone.
 */
export function enableZoom(svg: SVGSVGElement, options: ZoomOptions = {}): () => void {
  const viewport = Array.from(svg.children).find((c) => c.getAttribute('class') === 'kuulo-viewport');
  if (!viewport) return () => {};
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent(options.scaleExtent ?? [1, 8])
    .extent([[0, 0], [width, height]])
    .translateExtent([[0, 0], [width, height]])
    // d3's default reads the global `navigator`; ask the chart's own window instead.
    .touchable(function (this: SVGSVGElement) {
      return Boolean(this.ownerDocument.defaultView?.navigator?.maxTouchPoints) || 'ontouchstart' in this;
    })
    .on('zoom', (event: { transform: { toString(): string } }) => viewport.setAttribute('transform', event.transform.toString()));
  const selection = select(svg);
  selection.call(behavior);
  const hadTabindex = svg.hasAttribute('tabindex');
  if (!hadTabindex) svg.setAttribute('tabindex', '0');
  svg.setAttribute('aria-keyshortcuts', '+ - 0 ArrowUp ArrowDown ArrowLeft ArrowRight');
  const step = 40;
  const onKey = (event: KeyboardEvent): void => {
    const actions: Record<string, () => void> = {
      '+': () => behavior.scaleBy(selection, 1.5),
      '=': () => behavior.scaleBy(selection, 1.5),
      '-': () => behavior.scaleBy(selection, 1 / 1.5),
      '0': () => behavior.transform(selection, zoomIdentity),
      ArrowLeft: () => behavior.translateBy(selection, step, 0),
      ArrowRight: () => behavior.translateBy(selection, -step, 0),
      ArrowUp: () => behavior.translateBy(selection, 0, step),
      ArrowDown: () => behavior.translateBy(selection, 0, -step),
    };
    const action = actions[event.key];
    if (action) {
      action();
      event.preventDefault();
    }
  };
  svg.addEventListener('keydown', onKey);
  return () => {
    svg.removeEventListener('keydown', onKey);
    selection.on('.zoom', null);
    viewport.removeAttribute('transform');
    svg.removeAttribute('aria-keyshortcuts');
    if (!hadTabindex) svg.removeAttribute('tabindex');
  };
}
