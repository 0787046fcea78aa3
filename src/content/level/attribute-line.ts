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

  constructor(private readonly problems: LevelProblems) {}

  /** Whether an attribute with this key has been read. */
  has(key: string): boolean {
    return this.lines.has(key);
  }

  /** Reads one list item from the top of the file; `beforeTitle` when no `#` title has come yet. */
  read(item: ListItem, beforeTitle: boolean): void {
    const parsed = item.inline ? splitAttribute(item.inline.children ?? []) : null;
    const column = this.problems.column(item.line);
    if (beforeTitle) {
      if (parsed)
        this.problems.report(
          'attribute-before-title',
          item.line,
          column,
          `The attribute "${parsed.label}" comes before the title; move it under the "# L…" heading.`,
        );
      else this.problems.unexpected(item.line, 'This list comes before the title and is ignored.');
      return;
    }
    const key = parsed ? camelCase(parsed.label) : '';
    if (!parsed || key.length === 0) {
      this.problems.report(
        'bad-attribute',
        item.line,
        column,
        'List items under the title are attributes written as "- **Label**: value"; this one is ignored.',
      );
      return;
    }
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

/** `**Label**: value` or `**Label:** value` → label and value; anything else → null. */
function splitAttribute(children: readonly Token[]): { label: string; value: string } | null {
  const startIndex = children.findIndex((c) => !(c.type === 'text' && c.content.trim() === ''));
  if (children[startIndex]?.type !== 'strong_open') return null;
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
  if (close < 0) return null;
  let label = childrenText(children.slice(startIndex + 1, close)).text;
  let value = childrenText(children.slice(close + 1)).text;
  if (label.endsWith(':')) label = label.slice(0, -1).trim();
  else if (value.startsWith(':')) value = value.slice(1).trim();
  else return null;
  return label.length > 0 && value.length > 0 ? { label, value } : null;
}
