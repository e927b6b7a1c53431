import { lineOfOffset } from './lineOfOffset.js';

/**
 * Line of element `index` of the top-level JSON array in `text`, or of its member `key` when that
 * key is present. JSON.parse forgets positions, so error paths scan the text once more to find them.
 */
export function jsonRecordLine(text: string, index: number, key?: string): number {
  let depth = 0;
  let element = -1;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      // Inside the wanted element, a string at depth 2 followed by ':' is one of its keys.
      if (start !== -1 && depth === 2 && key !== undefined && /^\s*:/.test(text.slice(end, end + 20))) {
        if (JSON.parse(text.slice(i, end)) === key) return lineOfOffset(text, i).line;
      }
      if (depth === 1 && start === -1 && ++element === index) start = i;
      i = end - 1;
    } else if (c === '[' || c === '{') {
      if (depth === 1 && start === -1 && ++element === index) start = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (start !== -1 && depth <= 1) break;
    } else if (depth === 1 && start === -1 && c !== undefined && c !== ',' && !/\s/.test(c)) {
      if (++element === index) start = i;
      while (i + 1 < text.length && !/[\s,\]]/.test(text[i + 1] ?? '')) i++;
    }
  }
  return lineOfOffset(text, start === -1 ? 0 : start).line;
}

/** Offset just past the closing quote of the JSON string that opens at `open`. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return text.length;
}
