import { resolveDocument } from './resolveDocument';

/** Options of `renderToString`: the Document factory (e.g. from jsdom) used on the server. */
export interface RenderToStringOptions {
  /**
   * Makes the Document to draw in, e.g. `() => new JSDOM('').window.document`. Taking a factory
   * keeps jsdom (or any DOM) out of viz's runtime dependencies. Default: the global document.
   */
  createDocument?: () => Document;
}

/**
 * Draws a chart in a (server-side) Document and serializes it as a standalone SVG file:
 * XML syntax with namespaces, so it opens on its own and in <img>. Nothing animates here.
 *
 * ```ts
 * renderToString((document) => opinionMap(result, { document }), { createDocument: () => new JSDOM('').window.document });
 * ```
 */
export function renderToString(draw: (document: Document) => SVGSVGElement, options: RenderToStringOptions = {}): string {
  const document = resolveDocument(options.createDocument?.(), 'renderToString');
  const svg = draw(document);
  if (!svg || svg.localName !== 'svg') throw new Error(`renderToString: draw must return an <svg> element, got ${svg ? `<${svg.localName}>` : String(svg)}`);
  const Serializer = document.defaultView?.XMLSerializer ?? (globalThis as { XMLSerializer?: typeof XMLSerializer }).XMLSerializer;
  if (Serializer === undefined) throw new Error('renderToString: the document has no XMLSerializer (its defaultView is missing); use a full DOM such as jsdom');
  return new Serializer().serializeToString(svg);
}
