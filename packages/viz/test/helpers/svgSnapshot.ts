import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';

const outputDir = fileURLToPath(new URL('../output/', import.meta.url));

/** Rounds every decimal number to 3 places, so snapshots do not depend on float noise. */
export function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d{4,}/g, (m) => String(Math.round(Number(m) * 1000) / 1000));
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

/**
 * One element per line, indented, so a snapshot diff points at the element that changed.
 * `sortAttributes` makes the text independent of the order attributes were set in.
 */
export function prettySvg(svg: string, sortAttributes = false): string {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(svg, 'image/svg+xml');
  const out: string[] = [];
  const walk = (el: Element, depth: number, parentNs: string | null): void => {
    const pad = '  '.repeat(depth);
    const list = Array.from(el.attributes);
    if (sortAttributes) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const attrs = list.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`);
    if (el.namespaceURI !== parentNs && !el.hasAttribute('xmlns')) attrs.unshift(` xmlns="${el.namespaceURI}"`);
    const open = `${pad}<${el.tagName}${attrs.join('')}`;
    const children = Array.from(el.childNodes);
    if (children.length === 0) return void out.push(`${open}/>`);
    if (children.every((c) => c.nodeType === 3)) return void out.push(`${open}>${escapeText(el.textContent ?? '')}</${el.tagName}>`);
    out.push(`${open}>`);
    for (const c of children) {
      if (c.nodeType === 1) walk(c as Element, depth + 1, el.namespaceURI);
      else if (c.nodeType === 3 && c.textContent!.trim()) out.push(`${pad}  ${escapeText(c.textContent!)}`);
    }
    out.push(`${pad}</${el.tagName}>`);
  };
  walk(doc.documentElement, 0, null);
  return out.join('\n') + '\n';
}

/**
 * Compares an SVG with test/output/<name>.svg (run `vitest -u` to accept changes). On a
 * mismatch it also writes <name>-changed.svg next to it, to open both side by side.
 */
export async function expectSvgSnapshot(svg: string, name: string): Promise<void> {
  const actual = prettySvg(roundNumbers(svg));
  const changed = `${outputDir}${name}-changed.svg`;
  try {
    await expect(actual).toMatchFileSnapshot(`${outputDir}${name}.svg`);
    if (existsSync(changed)) rmSync(changed);
  } catch (error) {
    writeFileSync(changed, actual);
    throw error;
  }
}
