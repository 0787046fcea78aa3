import MarkdownIt from 'markdown-it';

/** A markdown-it token. */
export type Token = MarkdownIt.Token;

// html: true makes `<details>` an html_block token instead of escaped text. text_join is off so that
// backslash escapes stay tokens of their own and `\'` can be reported.
const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
md.core.ruler.disable('text_join');

/** The block tokens of a level's markdown; token maps count lines from the start of `text`. */
export function parseBlocks(text: string): Token[] {
  return md.parse(text, {});
}

/** Index of the token closing the block that opens at `i` (itself for a single token). */
export function blockEnd(tokens: readonly Token[], i: number): number {
  if (tokens[i]!.nesting !== 1) return i;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    depth += tokens[j]!.nesting;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

/** Where one item of a list opens and closes among `tokens`. */
export interface ListItemRange {
  readonly open: number;
  readonly close: number;
  readonly tokens: readonly Token[];
}

/** The items of the list that opens at `start` and closes at `end`, nested lists' items left out. */
export function listItems(tokens: readonly Token[], start: number, end: number): ListItemRange[] {
  const level = tokens[start]!.level + 1;
  const items: ListItemRange[] = [];
  for (let j = start + 1; j < end; j++) {
    if (tokens[j]!.type === 'list_item_open' && tokens[j]!.level === level) {
      const close = blockEnd(tokens, j);
      items.push({ open: j, close, tokens });
      j = close;
    }
  }
  return items;
}

/** A list item as read: its line, its plain text, and its first paragraph. */
export interface ListItem {
  readonly line: number;
  readonly text: string;
  /** The item's first paragraph, where an attribute's `**Label**` is. */
  readonly inline: Token | null;
}

/** A word for a block token in messages. */
export function describe(token: Token): string {
  switch (token.type) {
    case 'fence':
    case 'code_block':
      return 'code block';
    case 'table_open':
      return 'table';
    case 'bullet_list_open':
    case 'ordered_list_open':
      return 'nested list';
    case 'blockquote_open':
      return 'block quote';
    case 'heading_open':
      return 'heading';
    default:
      return token.type.replace(/_open$/, '').replace(/_/g, ' ');
  }
}
