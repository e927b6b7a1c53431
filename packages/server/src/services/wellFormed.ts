import { apiError } from '../errors.js';

// Node 20 has String.prototype.isWellFormed; the ES2022 lib this package compiles against does not declare it.
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface IllFormed {
  /** Where the string sits, e.g. `body.text` or `body.xids[3]`; a property name is named by its object (`body.files (a property name)`). */
  path: string;
  /** Index (UTF-16 code units) of the lone surrogate in that string. */
  index: number;
  /** The lone surrogate as U+XXXX. */
  unit: string;
}

interface Frame {
  value: unknown;
  parent: Frame | null;
  key: string | number;
}

function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let f: Frame | null = frame; f; f = f.parent) parts.push(typeof f.key === 'number' ? `[${f.key}]` : f.parent ? `.${f.key}` : f.key);
  return parts.reverse().join('');
}

function illFormedAt(path: string, text: string): IllFormed {
  const match = loneSurrogate.exec(text)!;
  return { path, index: match.index, unit: `U+${match[0].charCodeAt(0).toString(16).toUpperCase()}` };
}

/**
 * The first string (value or object key) in a parsed JSON value or query object holding a lone
 * surrogate, which SQLite would store as U+FFFD; null when every string is well-formed. Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
export function findIllFormed(value: unknown, root: string): IllFormed | null {
  const stack: Frame[] = [{ value, parent: null, key: root }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return illFormedAt(pathOf(frame), v);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: frame, key: i });
    } else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) {
      const keys = Object.keys(v);
      // An ill-formed key is named by its object: echoing it would repeat the broken text.
      for (const key of keys) if (!isWellFormed(key)) return illFormedAt(`${pathOf(frame)} (a property name)`, key);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], parent: frame, key: keys[i]! });
    }
  }
  return null;
}

/** VALIDATION_FAILED naming the first ill-formed string among the request's parts, if any. */
export function refuseIllFormed(parts: Record<string, unknown>): void {
  for (const [root, value] of Object.entries(parts)) {
    if (value === undefined || value === null) continue;
    const found = findIllFormed(value, root);
    if (found) {
      throw apiError('VALIDATION_FAILED', `${found.path} has a lone surrogate (${found.unit}) at character ${found.index}: text must be well-formed Unicode`);
    }
  }
}
