import type { Attribute } from '../../domain/entities';
import { camelCase } from '../../domain/text/keys';
import { childrenText } from '../markdown/inline-text';
import type { LevelProblems } from './problems';
import type { ListItem, Token } from './tokens';

/** The `- **Label**: value` lines under a level's title, each key once, in file order. */
export class AttributeLines {
  /** The attributes read so far. */
  readonly attributes: Attribute[] = [];
  private readonly lines = new Map<string, number>();
  private readonly bad: { readonly line: number; readonly label: string | null }[] = [];

  constructor(private readonly problems: LevelProblems) {}

  /** Whether an attribute with this key has been read. */
  has(key: string): boolean {
    return this.lines.has(key);
  }

  /** The line of the attribute with this key; undefined when there is none. */
  lineOf(key: string): number | undefined {
    return this.lines.get(key);
  }

  /** The items under the title that were not read as attributes, with the label each seems to give. */
  get rejected(): readonly { readonly line: number; readonly label: string | null }[] {
    return this.bad;
  }

  /** Reads one list item from the top of the file; `beforeTitle` when no `#` title has come yet. */
  read(item: ListItem, beforeTitle: boolean): void {
    const parsed = item.inline ? splitAttribute(item.inline.children ?? [], item.text) : null;
    const column = this.problems.column(item.line);
    if (beforeTitle) {
      if (parsed && 'value' in parsed)
        this.problems.report(
          'attribute-before-title',
          item.line,
          column,
          `The attribute "${parsed.label}" comes before the title; move it under the "# L…" heading.`,
        );
      else this.problems.unexpected(item.line, 'This list comes before the title and is ignored.');
      return;
    }
    if (!parsed || 'wrong' in parsed) {
      this.bad.push({ line: item.line, label: parsed?.label ?? null });
      this.problems.report(
        'bad-attribute',
        item.line,
        column,
        `${parsed?.wrong ?? notAnAttribute(item.text)} Until then the item is ignored.`,
      );
      return;
    }
    const key = camelCase(parsed.label);
    const first = this.lines.get(key);
    if (first !== undefined) {
      this.problems.report(
        'duplicate-attribute',
        item.line,
        column,
        `The attribute "${parsed.label}" is already given on line ${first}; keep one.`,
      );
      return;
    }
    this.lines.set(key, item.line);
    this.attributes.push({ key, label: parsed.label, value: parsed.value });
  }
}

/** An attribute as read, or what is wrong with the item and the label it seems to give. */
type SplitAttribute =
  | { readonly label: string; readonly value: string }
  | { readonly label: string | null; readonly wrong: string };

const HOW = '"- **Label**: value"';

/**
 * `**Label**: value` or `**Label:** value` → label and value. Anything else → what exactly is wrong
 * and how to write it, so an author is not left to guess which of bold, colon or value is missing.
 */
function splitAttribute(children: readonly Token[], text: string): SplitAttribute {
  const startIndex = children.findIndex((c) => !(c.type === 'text' && c.content.trim() === ''));
  const first = children[startIndex];
  if (first?.type !== 'strong_open') return notBold(first, text);
  let depth = 0;
  let close = -1;
  for (let k = startIndex; k < children.length; k++) {
    const t = children[k]!.type;
    if (t === 'strong_open') depth++;
    if (t === 'strong_close' && --depth === 0) {
      close = k;
      break;
    }
  }
  let label = childrenText(children.slice(startIndex + 1, close)).text;
  let value = childrenText(children.slice(close + 1)).text;
  if (label.endsWith(':')) label = label.slice(0, -1).trim();
  else if (value.startsWith(':')) value = value.slice(1).trim();
  else {
    const shown = value.length > 0 ? value : 'value';
    return {
      label,
      wrong: `The label "${label}" has no colon after it; write it as "- **${label}**: ${shown}".`,
    };
  }
  if (label.length === 0 || camelCase(label).length === 0)
    return { label: null, wrong: `The bold label before the colon is empty; write the item as ${HOW}.` };
  if (value.length === 0)
    return { label, wrong: `The attribute "${label}" has no value; write it as "- **${label}**: <value>".` };
  return { label, value };
}

/** What is wrong with an item that does not start with a bold label. */
function notBold(first: Token | undefined, text: string): SplitAttribute {
  const m = /^([^:]{1,60}?)\s*:\s*(.*)$/.exec(text);
  const label = m ? m[1]!.replace(/^[*_]+|[*_]+$/g, '').trim() : null;
  if (!m || !label || camelCase(label).length === 0) return { label: null, wrong: notAnAttribute(text) };
  const value = m[2]!.length > 0 ? m[2]! : '<value>';
  const why =
    first?.type === 'em_open'
      ? `The label "${label}" is in italics (one * or _), not bold`
      : `The label "${label}" is not bold`;
  return { label, wrong: `${why}; write it as "- **${label}**: ${value}".` };
}

/** An item with no `Label:` at all: a sentence that may belong under a competency. */
function notAnAttribute(text: string): string {
  if (text.length === 0) return `This list item is empty; remove it or write it as ${HOW}.`;
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `"${shown}" has no label: list items under the title are attributes written as ${HOW}; if it is an expectation, move it under a "##" competency heading.`;
}
