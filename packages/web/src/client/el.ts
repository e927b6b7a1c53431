/** A child of `el`: nodes as they are, strings as text nodes (never parsed as HTML). */
export type Child = Node | string | number | null | undefined | false;

export interface ElProps {
  class?: string;
  /** Attributes; `false`/`undefined` leave one out, `true` sets it empty. */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Event listeners by event name. */
  on?: Record<string, (event: Event) => void>;
}

/**
 * Creates an element with attributes, listeners and children. Data only ever goes in as text
 * nodes and attribute values, so a statement like `<img onerror=…>` stays text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElProps = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) node.addEventListener(type, listener);
  append(node, children);
  return node;
}

/** Appends children (strings as text). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all children (strings as text). */
export function replaceChildren(parent: Element | DocumentFragment, children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;

/** A document-unique id for label/aria wiring (several widgets may share a page). */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `kuulo-${prefix}-${counter}`;
}
