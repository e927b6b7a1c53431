import { describe, expect, it } from 'vitest';
import { opinionMap, renderToString } from '../src/index';
import { createDocument, polisResult } from './helpers/fixtures';

describe('renderToString', () => {
  const result = polisResult('below-100-ptpts');

  it('renderToString(draw, {createDocument}) returns a standalone SVG file with namespaces', () => {
    const xml = renderToString((document) => opinionMap(result, { document }), { createDocument });
    expect(xml.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(xml).toContain('<table xmlns="http://www.w3.org/1999/xhtml"');
    const doc = new (createDocument().defaultView!.DOMParser)().parseFromString(xml, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.localName).toBe('svg');
  });

  it('uses a fresh document per call, so ids restart and output is identical', () => {
    const draw = (document: Document) => opinionMap(result, { document });
    expect(renderToString(draw, { createDocument })).toBe(renderToString(draw, { createDocument }));
    expect(renderToString(draw, { createDocument })).toContain('id="kuulo-opinion-map-1-title"');
  });

  it('draws in the same code path as the browser: the element equals the string', () => {
    const document = createDocument();
    const svg = opinionMap(result, { document });
    const xml = new (document.defaultView!.XMLSerializer)().serializeToString(svg);
    expect(renderToString((d) => opinionMap(result, { document: d }), { createDocument })).toBe(xml);
  });

  it('fails clearly without a document, or when draw returns something else', () => {
    expect(() => renderToString((document) => opinionMap(result, { document }))).toThrow('renderToString: no document');
    expect(() => renderToString((document) => document.createElement('div') as unknown as SVGSVGElement, { createDocument })).toThrow('renderToString: draw must return an <svg> element, got <div>');
  });
});
