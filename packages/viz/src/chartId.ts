const counters = new WeakMap<Document, Map<string, number>>();

/**
 * A page-unique id prefix for a chart's title, description and table, counted per document
 * so that output is deterministic (the first opinion map in a document is always "…-1").
 */
export function chartId(document: Document, kind: string): string {
  let byKind = counters.get(document);
  if (byKind === undefined) counters.set(document, (byKind = new Map()));
  const n = (byKind.get(kind) ?? 0) + 1;
  byKind.set(kind, n);
  return `kuulo-${kind}-${n}`;
}
