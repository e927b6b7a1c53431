import { chartStyle, fontFamily } from './chartStyle';
import { svgNamespace } from './svgNamespace';

/**
 * Creates the chart's root <svg> with size, viewBox, the shared style and `lang` (so screen
 * readers pronounce its texts), or resizes `target` (a chart drawn before) in place.
 * `role="figure"`, not "img", so focusable parts stay reachable.
 */
export function createSvg(document: Document, width: number, height: number, className: string, lang: string, target?: SVGSVGElement): SVGSVGElement {
  const svg = target ?? document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('class', `kuulo-chart ${className}`);
  svg.setAttribute('lang', lang);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'figure');
  svg.setAttribute('font-family', fontFamily);
  svg.setAttribute('font-size', '12');
  if (target === undefined) {
    const style = document.createElementNS(svgNamespace, 'style');
    style.textContent = chartStyle;
    svg.appendChild(style);
  }
  return svg;
}

/** Removes everything a chart drew except its <style>, before a full redraw. */
export function clearChart(svg: SVGSVGElement): void {
  for (const child of Array.from(svg.childNodes)) {
    if (!(child.nodeType === 1 && (child as Element).localName === 'style')) svg.removeChild(child);
  }
}
