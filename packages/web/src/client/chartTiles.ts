const svgNs = 'http://www.w3.org/2000/svg';

/** Where a chart body's child starts vertically: a block's translate, a rect's y, a text's first line less its size. */
function topOf(node: Element): number | null {
  if (node.localName === 'g') {
    const match = /translate\(\s*[-\d.e]+[\s,]+([-\d.e]+)\s*\)/.exec(node.getAttribute('transform') ?? '');
    return match ? Number(match[1]) : null;
  }
  if (node.localName === 'rect') return Number(node.getAttribute('y') ?? 0) - 1;
  if (node.localName === 'text') {
    const ys = [node, ...Array.from(node.children)].map((e) => Number(e.getAttribute('y'))).filter((y) => Number.isFinite(y) && y > 0);
    return ys.length === 0 ? null : Math.min(...ys) - Number(node.getAttribute('font-size') ?? 12);
  }
  return null;
}

/**
 * Splits a stacked chart (viz's block charts: legend, then headings and statement blocks top to
 * bottom in `g.kuulo-body`) into one `<svg>` per statement, each a window on the same coordinates,
 * so a printed page breaks between statements instead of leaving half a page empty before a
 * tall chart. A heading stays with the statement after it. Anything else returns as it is.
 */
export function chartTiles(svg: SVGSVGElement): SVGSVGElement[] {
  const body = svg.querySelector(':scope > g.kuulo-body');
  const box = svg.viewBox.baseVal;
  if (!body || !box || box.width === 0) return [svg];
  const children = Array.from(body.children);
  const tops = children.map(topOf);
  if (tops.some((top) => top === null)) return [svg];
  // A band starts at a block or heading that follows a block: headings and notes join the block after them.
  const starts: number[] = [];
  children.forEach((child, i) => {
    const previous = children[i - 1];
    if (i > 0 && previous?.localName === 'g' && (child.localName !== 'rect' || children[i + 1]?.localName === 'text')) starts.push(i);
  });
  if (starts.length === 0) return [svg];
  const cuts = starts.map((i) => Math.max(box.y, tops[i]! - 6));
  const bands = [box.y, ...cuts, box.y + box.height];
  const tiles = bands.slice(0, -1).map((y0, b) => {
    const height = bands[b + 1]! - y0;
    const tile = b === 0 ? svg : (svg.cloneNode(false) as SVGSVGElement);
    tile.setAttribute('height', String(height));
    tile.setAttribute('viewBox', `${box.x} ${y0} ${box.width} ${height}`);
    tile.classList.add('kuulo-chart-tile');
    if (b > 0) {
      // Later tiles continue the first one, which carries the title, description and data table.
      tile.removeAttribute('id');
      tile.removeAttribute('aria-labelledby');
      tile.removeAttribute('aria-describedby');
      tile.setAttribute('aria-hidden', 'true');
      const style = svg.querySelector(':scope > style');
      if (style) tile.appendChild(style.cloneNode(true));
      tile.appendChild(document.createElementNS(svgNs, 'g')).setAttribute('class', 'kuulo-body');
    }
    return tile;
  });
  children.forEach((child, i) => {
    const band = starts.filter((start) => start <= i).length;
    if (band > 0) tiles[band]!.querySelector(':scope > g.kuulo-body')!.appendChild(child);
  });
  return tiles;
}
