import { svgNamespace, xhtmlNamespace } from './svgNamespace';

function childNamed(parent: Element, localName: string): Element | undefined {
  return Array.from(parent.children).find((c) => c.localName === localName);
}

/** A chart's data as a table: the text alternative screen readers and copy-paste can use. */
export interface DataTable {
  caption: string;
  columns: string[];
  /** The first cell of each row is its header. */
  rows: (string | number)[][];
}

/**
 * Sets the chart's <title> and <desc> (first children, as SVG accessibility expects) and points
 * the root's aria attributes at them. Texts go in as text nodes, never parsed as markup.
 */
export function setTitleAndDesc(svg: SVGSVGElement, id: string, title: string, desc: string): void {
  const document = svg.ownerDocument;
  const titleEl = childNamed(svg, 'title') ?? document.createElementNS(svgNamespace, 'title');
  const descEl = childNamed(svg, 'desc') ?? document.createElementNS(svgNamespace, 'desc');
  titleEl.setAttribute('id', `${id}-title`);
  titleEl.textContent = title;
  descEl.setAttribute('id', `${id}-desc`);
  descEl.textContent = desc;
  svg.insertBefore(descEl, svg.firstChild);
  svg.insertBefore(titleEl, svg.firstChild);
  svg.setAttribute('aria-labelledby', `${id}-title`);
  svg.setAttribute('aria-describedby', `${id}-desc ${id}-table`);
}

/**
 * Appends (or replaces) the chart's data table inside a 1×1 clipped <foreignObject>: invisible,
 * but read by screen readers and kept with the SVG when it is saved on its own.
 */
export function setDataTable(svg: SVGSVGElement, id: string, table: DataTable): void {
  const document = svg.ownerDocument;
  childNamed(svg, 'foreignObject')?.remove();
  const fo = document.createElementNS(svgNamespace, 'foreignObject');
  fo.setAttribute('class', 'kuulo-table');
  for (const [k, v] of [['x', '0'], ['y', '0'], ['width', '1'], ['height', '1'], ['overflow', 'hidden']]) fo.setAttribute(k!, v!);
  const html = (name: string, text?: string | number): HTMLElement => {
    const el = document.createElementNS(xhtmlNamespace, name) as HTMLElement;
    if (text !== undefined) el.textContent = String(text);
    return el;
  };
  const tableEl = html('table');
  tableEl.setAttribute('id', `${id}-table`);
  tableEl.appendChild(html('caption', table.caption));
  const headRow = html('tr');
  for (const column of table.columns) {
    const th = html('th', column);
    th.setAttribute('scope', 'col');
    headRow.appendChild(th);
  }
  tableEl.appendChild(html('thead')).appendChild(headRow);
  const body = tableEl.appendChild(html('tbody'));
  for (const row of table.rows) {
    if (row.length !== table.columns.length) {
      throw new Error(`setDataTable: row "${row[0]}" has ${row.length} cells but "${table.caption}" has ${table.columns.length} columns`);
    }
    const tr = body.appendChild(html('tr'));
    row.forEach((cell, i) => {
      const el = html(i === 0 ? 'th' : 'td', cell);
      if (i === 0) el.setAttribute('scope', 'row');
      tr.appendChild(el);
    });
  }
  fo.appendChild(tableEl);
  svg.appendChild(fo);
}
