import { svgNamespace } from './svgNamespace';

/**
 * The child <g> of `parent` with class `className`, created (appended) on first use, so a redraw
 * finds the layers of the previous render in the same paint order.
 */
export function layer(parent: Element, className: string): SVGGElement {
  const found = Array.from(parent.children).find((c) => c.localName === 'g' && c.getAttribute('class') === className);
  if (found) return found as SVGGElement;
  const g = parent.ownerDocument.createElementNS(svgNamespace, 'g') as SVGGElement;
  g.setAttribute('class', className);
  parent.appendChild(g);
  return g;
}
