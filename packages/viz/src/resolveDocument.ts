/**
 * The Document charts build their elements with: the `document` option, else the global one.
 * On a server pass one explicitly (for example a jsdom window's document).
 */
export function resolveDocument(document: Document | undefined, where: string): Document {
  const doc = document ?? (globalThis as { document?: Document }).document;
  if (doc === undefined || typeof doc.createElementNS !== 'function') {
    throw new Error(`${where}: no document: pass options.document (for example new JSDOM().window.document) when there is no global document`);
  }
  return doc;
}
