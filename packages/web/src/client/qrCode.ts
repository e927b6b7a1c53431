import { encode } from 'uqr';

const svgNs = 'http://www.w3.org/2000/svg';

/**
 * A QR code as an SVG drawn from the module matrix (one path, no markup parsing, so the page's CSP
 * holds), with the standard four-module quiet zone. Medium error correction survives a smudged printout.
 */
export function qrCode(text: string, label: string): SVGSVGElement {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', 'kuulo-qr');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  // Crisp module edges on paper and at any zoom.
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(svgNs, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  const modules = document.createElementNS(svgNs, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}
