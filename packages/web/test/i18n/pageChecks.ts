import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '@kuulo/viz';
import type { Page } from 'playwright-core';

/** Screenshots of the language checks, for people to look at: test-output/i18n/ at the repository root. */
export const i18nOutputDir = fileURLToPath(new URL('../../../../test-output/i18n/', import.meta.url));

export async function saveShot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(i18nOutputDir, { recursive: true });
  const path = `${i18nOutputDir}${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

/** One piece of interface text a person (or a screen reader) gets from the page. */
export interface ShownText {
  text: string;
  /** Where: the element's path from body, through shadow roots, plus the attribute for an attribute value. */
  path: string;
  /** The nearest `lang` attribute around it (the shadow host's too), '' when none. */
  lang: string;
}

/*
 * The in-page walkers are plain JavaScript strings: functions passed to page.evaluate would be
 * compiled by vitest's transform first, which may add helpers the page does not have.
 */
const pathSource = `
  const hostOf = (e) => e.parentElement ?? (e.parentNode instanceof ShadowRoot ? e.parentNode.host : null);
  const pathOf = (e) => {
    const parts = [];
    for (let n = e; n && n.nodeType === 1 && n !== document.body && n !== document.documentElement; n = hostOf(n)) {
      let part = n.localName;
      if (n.id) part += '#' + n.id;
      else if (n.classList && n.classList.length) part += '.' + [...n.classList].slice(0, 2).join('.');
      if (!n.parentElement && n.parentNode instanceof ShadowRoot) part = '::shadow > ' + part;
      parts.unshift(part);
    }
    return parts.join(' > ') || 'body';
  };
  const langOf = (e) => {
    for (let n = e; n; n = hostOf(n)) if (n.getAttribute && n.hasAttribute('lang')) return n.getAttribute('lang');
    return '';
  };
  const inSvg = (e) => e instanceof SVGElement && !(e instanceof SVGSVGElement && !e.ownerSVGElement);
  const outerSvg = (e) => { let s = e.ownerSVGElement; while (s && s.ownerSVGElement) s = s.ownerSVGElement; return s; };
  // SVG <title>/<desc> are never drawn but are what a screen reader reads: count them when their chart is shown.
  const shown = (e) => {
    if (inSvg(e)) { const svg = outerSvg(e); return !!svg && svg.checkVisibility({ visibilityProperty: true }); }
    if (e.localName === 'option' || e.localName === 'optgroup') { const select = e.closest('select'); return !!select && select.checkVisibility({ visibilityProperty: true }); }
    return e.checkVisibility({ visibilityProperty: true });
  };
  const elements = (root) => {
    const out = [];
    const visit = (node) => {
      for (const child of node.children) {
        out.push(child);
        if (child.shadowRoot) visit(child.shadowRoot);
        visit(child);
      }
    };
    visit(root);
    return out;
  };
`;

const textsSource = `(rootSelector) => {
  ${pathSource}
  const root = rootSelector ? document.querySelector(rootSelector).shadowRoot : document.body;
  const out = [];
  const skip = new Set(['script', 'style', 'noscript', 'template']);
  if (!rootSelector && document.title.trim()) out.push({ text: document.title.trim(), path: 'head > title', lang: document.documentElement.lang });
  for (const e of elements(root)) {
    if (skip.has(e.localName) || !shown(e)) continue;
    for (const node of e.childNodes) {
      if (node.nodeType !== 3) continue;
      const text = node.nodeValue.replace(/\\s+/g, ' ').trim();
      if (text) out.push({ text, path: pathOf(e), lang: langOf(e) });
    }
    for (const name of ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt']) {
      const value = e.getAttribute(name);
      if (value && value.trim()) out.push({ text: value.replace(/\\s+/g, ' ').trim(), path: pathOf(e) + ' [' + name + ']', lang: langOf(e) });
    }
    if (e.localName === 'input' && ['submit', 'button', 'reset'].includes(e.type) && e.value) out.push({ text: e.value, path: pathOf(e) + ' [value]', lang: langOf(e) });
  }
  return out;
}`;

const layoutSource = `([width, rootSelector]) => {
  ${pathSource}
  const root = rootSelector ? document.querySelector(rootSelector).shadowRoot : document.body;
  const problems = [];
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) problems.push('the page scrolls sideways: document scrollWidth ' + scrollWidth + ' > ' + width);
  const snippet = (e) => JSON.stringify((e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 60));
  const hasOwnText = (e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.nodeValue.trim());
  // Screen-reader-only boxes (1 px, clipped) hide their text on purpose.
  const srOnly = (e, style, rect) => style.clip !== 'auto' || (style.clipPath !== 'none' && style.clipPath !== '') || (rect.width <= 1 && rect.height <= 1);
  // Inside such a box (a chart's data table sits in a 1×1 clipped foreignObject) nothing shows either.
  const hiddenBoxes = new Map();
  const insideHiddenBox = (e) => {
    const n = hostOf(e);
    if (!n || n === document.documentElement) return false;
    if (!hiddenBoxes.has(n)) {
      const style = getComputedStyle(n);
      const rect = n.getBoundingClientRect();
      const clips = style.clip !== 'auto' || (style.clipPath !== 'none' && style.clipPath !== '') || (style.overflowX !== 'visible' && rect.width <= 1 && rect.height <= 1);
      hiddenBoxes.set(n, clips || insideHiddenBox(n));
    }
    return hiddenBoxes.get(n);
  };
  // An ancestor that clips sideways and itself fits: anything sticking out of it is cut, which the clipping check reports.
  const clippedInside = (e) => {
    for (let n = hostOf(e); n && n !== document.documentElement; n = hostOf(n)) {
      const style = getComputedStyle(n);
      if (style.overflowX !== 'visible') { const r = n.getBoundingClientRect(); return r.right <= width + 0.5 && r.left >= -0.5; }
    }
    return false;
  };
  for (const e of elements(root)) {
    if (!shown(e) || ['script', 'style', 'title', 'desc', 'option'].includes(e.localName)) continue;
    const style = getComputedStyle(e);
    const rect = e.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (srOnly(e, style, rect) || insideHiddenBox(e)) continue;
    const what = pathOf(e) + ' ' + snippet(e);
    if (!inSvg(e) && (rect.right > width + 0.5 || rect.left < -0.5) && rect.right > 0 && !clippedInside(e)) {
      problems.push(what + ' sticks out of the ' + width + ' px screen: x ' + Math.round(rect.left) + '..' + Math.round(rect.right));
    }
    if (!inSvg(e) && hasOwnText(e)) {
      const clipsX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      const clipsY = ['hidden', 'clip'].includes(style.overflowY) || (style.webkitLineClamp && style.webkitLineClamp !== 'none');
      if (clipsX && e.scrollWidth > e.clientWidth + 1) problems.push(what + ' cuts its text off sideways: scrollWidth ' + e.scrollWidth + ' > clientWidth ' + e.clientWidth);
      if (clipsY && e.scrollHeight > e.clientHeight + 1) problems.push(what + ' cuts its text off below: scrollHeight ' + e.scrollHeight + ' > clientHeight ' + e.clientHeight);
      // A word too long for its box wraps mid-word (overflow-wrap: anywhere) unless hyphenation breaks it properly.
      if (style.hyphens !== 'auto') {
        for (const node of e.childNodes) {
          if (node.nodeType !== 3) continue;
          for (const word of node.nodeValue.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) problems.push(pathOf(e) + ' breaks the word ' + JSON.stringify(word[0]) + ' over ' + lines.size + ' lines (' + Math.round(rect.width) + ' px wide box)');
          }
        }
      }
    }
    // A chart's text past its svg's edge is cut off (svg clips what lies outside it).
    if (inSvg(e) && (e.localName === 'text' || e.localName === 'tspan') && e.textContent.trim()) {
      const svg = outerSvg(e);
      const box = svg.getBoundingClientRect();
      const sides = [];
      if (rect.left < box.left - 1) sides.push('left by ' + Math.round(box.left - rect.left) + ' px');
      if (rect.right > box.right + 1) sides.push('right by ' + Math.round(rect.right - box.right) + ' px');
      if (rect.top < box.top - 1) sides.push('top by ' + Math.round(box.top - rect.top) + ' px');
      if (rect.bottom > box.bottom + 1) sides.push('bottom by ' + Math.round(rect.bottom - box.bottom) + ' px');
      if (sides.length && getComputedStyle(svg).overflow !== 'visible') problems.push(what + ' runs past its chart (svg) on the ' + sides.join(', '));
    }
  }
  return problems;
}`;

/** The texts a page shows or reads out: visible text nodes, SVG title/desc, and aria-label/title/placeholder/alt values. */
export function shownTexts(page: Page, rootSelector?: string): Promise<ShownText[]> {
  return page.evaluate(`(${textsSource})(${JSON.stringify(rootSelector ?? null)})`) as Promise<ShownText[]>;
}

/** What sticks out of a `width` px screen, is cut off (overflow hidden/clip, ellipsis, past a chart's edge) or breaks a word mid-word, one line each. */
export function layoutProblems(page: Page, width: number, rootSelector?: string): Promise<string[]> {
  return page.evaluate(`(${layoutSource})(${JSON.stringify([width, rootSelector ?? null])})`) as Promise<string[]>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * English words Intl writes while the pseudo-locale formats as English: month and weekday names,
 * AM/PM, and language names (Intl.DisplayNames of every two-letter code).
 */
export const intlEnglishWords: readonly string[] = (() => {
  const words = new Set<string>(['AM', 'PM']);
  for (let m = 0; m < 12; m++) for (const month of ['short', 'long'] as const) words.add(new Intl.DateTimeFormat('en', { month }).format(new Date(2024, m, 15)));
  for (let d = 0; d < 7; d++) for (const weekday of ['short', 'long'] as const) words.add(new Intl.DateTimeFormat('en', { weekday }).format(new Date(2024, 0, 1 + d)));
  const names = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) for (const b of letters) {
    const name = names.of(a + b);
    if (name) words.add(name);
  }
  return [...words];
})();

/**
 * Interface text that was not translated: any run of three or more plain ASCII letters once the
 * allowed tokens are taken out. Language names in the switcher pass when written in their own
 * language (`<a lang="sv">Svenska</a>`).
 */
export function untranslated(texts: readonly ShownText[], allowed: { tokens: readonly string[]; languageNames: Readonly<Record<string, string>> }): string[] {
  const tokens = [...allowed.tokens].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // A language code in brackets, "(smn)", is an identifier like the conversation id.
  const strip = new RegExp(`https?://\\S+|\\([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\\)|(?<![\\w-])(?:${tokens.join('|')})(?![\\w-])`, 'g');
  const offenders: string[] = [];
  for (const item of texts) {
    if (allowed.languageNames[item.lang] === item.text) continue;
    const rest = item.text.replace(strip, ' ');
    const ascii = rest.match(/[A-Za-z]{3,}/g);
    if (ascii) offenders.push(`${JSON.stringify(item.text)} (${ascii.join(', ')}) at ${item.path}`);
  }
  return [...new Set(offenders)];
}

/** Index of the `}` closing the `{` at `open`. */
function closing(message: string, open: number): number {
  let depth = 0;
  for (let i = open; i < message.length; i++) {
    if (message[i] === '{') depth += 1;
    else if (message[i] === '}' && --depth === 0) return i;
  }
  return message.length;
}

/**
 * The literal parts of an ICU message: text outside placeholders, and the option texts of
 * plural/select (with `#` left out). A few lines instead of the parser, which only viz depends on.
 */
function literalParts(message: string, into: string[] = []): string[] {
  let text = '';
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== '{') {
      text += message[i];
      continue;
    }
    into.push(text);
    text = '';
    const end = closing(message, i);
    const choice = /^\s*\w+\s*,\s*(?:plural|select|selectordinal)\s*,([\s\S]*)$/.exec(message.slice(i + 1, end));
    if (choice) {
      const options = choice[1]!;
      for (let j = options.indexOf('{'); j >= 0; j = options.indexOf('{', closing(options, j) + 1)) literalParts(options.slice(j + 1, closing(options, j)).replaceAll('#', ' '), into);
    }
    i = end;
  }
  into.push(text);
  return into;
}

function fragments(message: string): string[] {
  return literalParts(message.replaceAll("''", "'"))
    .flatMap((part) => part.split(/[.,:;!?()·…"“”]+/))
    .map((part) => part.trim())
    .filter((part) => /[A-Za-z]{3,}/.test(part));
}

/** A regular expression for a whole en message without plural/select: placeholders match any text. */
function messagePattern(message: string): RegExp | null {
  if (/\{\s*\w+\s*,\s*(?:plural|select|selectordinal)/.test(message)) return null;
  const parts = message.replaceAll("''", "'").split(/\{[^{}]*\}/);
  if (!parts.some((part) => /[A-Za-z]{3,}/.test(part))) return null;
  return new RegExp(parts.map(escapeRegExp).join('[\\s\\S]+?'));
}

/**
 * English interface text on a page in `lang`, one line per text that has any: the phrases of en
 * messages whose translation differs (minus phrases the `lang` catalog also uses and phrases of
 * `content`, the user's text), as whole words. Each line names the package:key of the en message
 * the text matches whole when there is one (to find the code that wrote it), else the keys whose
 * phrases it contains.
 */
export function englishOnPage(texts: readonly ShownText[], catalogs: readonly { name: string; en: Catalog; other: Catalog }[], content: readonly string[] = []): string[] {
  const phrases = new Map<string, string[]>();
  const whole: { key: string; pattern: RegExp; length: number }[] = [];
  for (const { name, en, other } of catalogs) {
    const otherText = Object.values(other).join('\n');
    for (const [key, message] of Object.entries(en)) {
      if (other[key] === message) continue;
      const pattern = messagePattern(message);
      if (pattern) whole.push({ key: `${name}:${key}`, pattern, length: message.length });
      for (const phrase of fragments(message)) {
        if (otherText.includes(phrase) || content.some((c) => c.includes(phrase))) continue;
        // One short word alone ("Map", "all") could be a word of another language: take phrases with two words or one of 6+ letters.
        if (!/\s/.test(phrase) && phrase.length < 6) continue;
        phrases.set(phrase, [...(phrases.get(phrase) ?? []), `${name}:${key}`]);
      }
    }
  }
  whole.sort((a, b) => b.length - a.length);
  const found: string[] = [];
  for (const item of texts) {
    const hits = [...phrases.keys()].filter((phrase) => new RegExp(`(?<![\\p{L}])${escapeRegExp(phrase)}(?![\\p{L}])`, 'u').test(item.text));
    if (!hits.length) continue;
    const message = whole.find((w) => w.pattern.test(item.text));
    const source = message ? `en message ${message.key}` : `phrases ${hits.map((h) => `${JSON.stringify(h)} (${phrases.get(h)!.slice(0, 2).join(', ')})`).join(', ')}`;
    found.push(`${JSON.stringify(item.text)} at ${item.path}: ${source}`);
  }
  return [...new Set(found)];
}
