/**
 * The only way the explorer makes markup: elements and text nodes, never HTML strings, so text from
 * the content can never become markup.
 */

/** Anything `h` accepts as a child; null, undefined and false are skipped so conditions read inline. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attribute values; null, undefined and false leave the attribute out, true writes it empty. */
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children, flattening arrays and turning strings into text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string' || typeof child === 'number')
      parent.appendChild(document.createTextNode(String(child)));
    else if (child instanceof Node) parent.appendChild(child);
    else append(parent, child);
  }
}

/** Text for screen readers only: says in words what a symbol or a colour shows. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'vh' }, text);
}

/** A symbol that is only decoration, hidden from screen readers (its meaning is said in words beside it). */
export function decoration(text: string): HTMLSpanElement {
  return h('span', { 'aria-hidden': 'true' }, text);
}

/** Turns a slug or id into a string usable in an id attribute. */
export function domId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '-');
}
