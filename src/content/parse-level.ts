import MarkdownIt from 'markdown-it';
import { MAX_RANK, MIN_RANK, type Attribute, type LevelStatus } from '../domain/entities';
import type { CompetencyDraft, ItemDraft, LevelDraft } from '../domain/framework';
import { NAMED_ATTRIBUTES } from '../domain/named-attributes';
import { nearDuplicateExpectations } from './near-duplicates';
import { problem, type ContentProblem, type ProblemCode } from './problem';
import { camelCase, slugify } from '../domain/text/keys';
import { plainText } from '../domain/text/normalise';
import { childrenText, inlineText } from './markdown/inline-text';

type Token = MarkdownIt.Token;

/** What front matter may set on a level; everything else comes from the markdown. */
export interface LevelOverrides {
  readonly code?: string;
  readonly rank?: number;
  readonly title?: string;
  readonly status?: LevelStatus;
}

/** A level as parsed, or null when its code, rank or title cannot be told, with every problem found. */
export interface ParsedLevel {
  readonly level: LevelDraft | null;
  readonly problems: ContentProblem[];
}

// html: true makes `<details>` an html_block token instead of escaped text. text_join is off so that
// backslash escapes stay tokens of their own and `\'` can be reported.
const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
md.core.ruler.disable('text_join');

const TITLE = /^([A-Za-z]{1,4}(\d{1,3}))\s*:\s*(.*)$/;

/**
 * Parses one level file's markdown (front matter already blanked out, so token lines are file
 * lines) into a LevelDraft. Works on markdown-it's block tokens and their line maps, never on lines
 * of text, so bullets, emphasis markers, wrapping and blank lines are the parser's business.
 */
export function parseLevel(body: string, path: string, overrides: LevelOverrides): ParsedLevel {
  const tokens = md.parse(body, {});
  // Without any title, content is not "before the title": read it as if the title were there.
  const hasTitle = tokens.some((t) => t.type === 'heading_open' && t.tag === 'h1');
  const parser = new LevelParser(body, path, hasTitle);
  parser.walk(tokens, 0);
  return parser.finish(overrides);
}

interface CompetencyBuilder {
  readonly name: string;
  readonly emoji: string | null;
  readonly slug: string;
  readonly line: number;
  /** A heading we could not use: its lists are swallowed rather than added to the one before. */
  readonly discard: boolean;
  readonly expectations: ItemDraft[];
  readonly examples: ItemDraft[];
}

interface DetailsBlock {
  readonly line: number;
  /** pending: no <summary> yet; outside: before the first competency (already reported). */
  kind: 'pending' | 'examples' | 'other' | 'outside';
}

class LevelParser {
  private readonly problems: ContentProblem[] = [];
  private readonly lines: string[];
  private title: { text: string; line: number } | null = null;
  private summary: string | null = null;
  private readonly attributes: Attribute[] = [];
  private readonly attributeLines = new Map<string, number>();
  private readonly competencies: CompetencyBuilder[] = [];
  private readonly slugLines = new Map<string, number>();
  private current: CompetencyBuilder | null = null;
  private details: DetailsBlock | null = null;
  private readonly escapeLines = new Set<number>();

  constructor(
    body: string,
    private readonly path: string,
    /** False when the file has no `#` title at all (missing-title is reported once, at the end). */
    private readonly hasTitle: boolean,
  ) {
    this.lines = body.split('\n');
  }

  /** Walks block tokens at one nesting level; `lineBase` is added to token lines (re-parsed HTML remainders). */
  walk(tokens: readonly Token[], lineBase: number): void {
    let lastLine = lineBase + 1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const line = token.map ? token.map[0] + 1 + lineBase : lastLine;
      lastLine = line;
      const end = blockEnd(tokens, i);
      switch (token.type) {
        case 'heading_open':
          this.heading(token.tag, tokens[i + 1], line, lineBase);
          break;
        case 'blockquote_open':
          this.blockquote(tokens.slice(i + 1, end), line, lineBase);
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.list(tokens, i, end, line, lineBase);
          break;
        case 'html_block':
          this.html(token.content, line);
          break;
        case 'hr':
          break; // authors separate competencies with rules; they carry nothing
        case 'paragraph_open':
          this.unexpected(
            line,
            'This paragraph is not part of the format and is ignored; write items as list entries.',
          );
          this.noteEscapes(tokens[i + 1], lineBase);
          break;
        default:
          this.unexpected(line, `This ${describe(token)} is not part of the format and is ignored.`);
      }
      i = end;
    }
  }

  finish(overrides: LevelOverrides): ParsedLevel {
    this.endCompetency();
    for (const line of [...this.escapeLines].sort((a, b) => a - b)) {
      const column = Math.max(this.lineText(line).search(/\\['"]/), 0) + 1;
      this.report(
        'repaired-escape',
        line,
        column,
        'A backslash before a quote (\\\' or \\") was read as the quote alone; remove the backslash.',
      );
    }
    const resolved = this.resolveTitle(overrides);
    if (!resolved) return { level: null, problems: this.problems };
    const { code, rank, title, line } = resolved;

    const usable = this.competencies.filter((c) => !c.discard);
    if (this.competencies.length === 0) {
      this.report(
        'no-competencies',
        line,
        1,
        `${code} has no competencies; add "## <emoji> <Name>" headings with expectations under them.`,
      );
    }
    for (const { key, label } of NAMED_ATTRIBUTES) {
      if (!this.attributeLines.has(key)) {
        this.report(
          'missing-attribute',
          line,
          1,
          `${code} has no "${label}" attribute; add "- **${label}**: …" under the title.`,
        );
      }
    }
    const competencies: CompetencyDraft[] = usable.map((c) => ({
      slug: c.slug,
      name: c.name,
      emoji: c.emoji,
      expectations: c.expectations,
      examples: c.examples,
      source: { path: this.path, line: c.line },
    }));
    for (const d of nearDuplicateExpectations(competencies.flatMap((c) => c.expectations))) {
      this.report(
        'near-duplicate-expectation',
        d.later.source.line,
        this.column(d.later.source.line),
        `This expectation says nearly the same as the one on line ${d.earlier.source.line}; merge them or make the difference clear.`,
      );
    }
    const level: LevelDraft = {
      code,
      rank,
      title,
      summary: this.summary,
      status: overrides.status ?? 'published',
      attributes: this.attributes,
      competencies,
      source: { path: this.path, line },
    };
    return { level, problems: this.problems };
  }

  private resolveTitle(
    o: LevelOverrides,
  ): { code: string; rank: number; title: string; line: number } | null {
    const heading = this.title;
    if (!heading && o.title === undefined) {
      this.report(
        'missing-title',
        1,
        1,
        'This level has no title; start it with a heading such as "# L3: Senior Engineer".',
      );
      return null;
    }
    const line = heading?.line ?? 1;
    const match = heading ? TITLE.exec(heading.text) : null;
    const code = o.code ?? match?.[1];
    const rank = o.rank ?? (o.code !== undefined ? rankOf(o.code) : match ? Number(match[2]) : undefined);
    const title = o.title ?? (match ? plainText(match[3]!) : heading!.text);
    const shown = heading?.text ?? title;
    if (code === undefined) {
      this.report(
        'bad-title',
        line,
        this.column(line),
        `The title "${shown}" has no level code; write it as "# L3: ${shown}" or set code and rank in front matter.`,
      );
      return null;
    }
    if (rank === undefined || rank < MIN_RANK || rank > MAX_RANK) {
      this.report(
        'bad-title',
        line,
        this.column(line),
        `The rank of ${code} cannot be told (it needs a number from ${MIN_RANK} to ${MAX_RANK}); use a code such as L3 or set rank in front matter.`,
      );
      return null;
    }
    if (title.length === 0) {
      this.report(
        'bad-title',
        line,
        this.column(line),
        `${code} has an empty title; write it after the code, as in "# ${code}: Senior Engineer".`,
      );
      return null;
    }
    return { code, rank, title, line };
  }

  private heading(tag: string, inline: Token | undefined, line: number, lineBase: number): void {
    const text = inline ? this.text(inline, lineBase) : '';
    if (tag === 'h1') {
      if (this.title) {
        this.report(
          'multiple-titles',
          line,
          this.column(line),
          `A level has one "#" title; this one repeats the title on line ${this.title.line}. Use "##" for competencies.`,
        );
      } else {
        this.title = { text, line };
      }
      return;
    }
    if (tag !== 'h2') {
      this.unexpected(
        line,
        `"${'#'.repeat(Number(tag.slice(1)))}" headings are not part of the format and are ignored; use "##" for a competency.`,
      );
      return;
    }
    this.endCompetency();
    const { emoji, name } = splitEmoji(text);
    const slug = slugify(name);
    const builder = (discard: boolean): CompetencyBuilder => ({
      name,
      emoji,
      slug,
      line,
      discard,
      expectations: [],
      examples: [],
    });
    if (slug.length === 0) {
      this.report(
        'bad-competency-heading',
        line,
        this.column(line),
        `This "##" heading has no competency name; write it as "## 🦉 Domain expertise".`,
      );
      this.current = builder(true);
      return;
    }
    const first = this.slugLines.get(slug);
    if (first !== undefined) {
      this.report(
        'duplicate-competency',
        line,
        this.column(line),
        `The competency "${name}" is already defined on line ${first}; merge the two.`,
      );
      this.current = builder(true);
      return;
    }
    this.slugLines.set(slug, line);
    this.current = builder(false);
    this.competencies.push(this.current);
  }

  private blockquote(inner: readonly Token[], line: number, lineBase: number): void {
    const texts = inner.filter((t) => t.type === 'inline').map((t) => this.text(t, lineBase));
    if ((this.title || !this.hasTitle) && !this.current && this.summary === null) {
      const summary = plainText(texts.join(' '));
      this.summary = summary.length > 0 ? summary : null;
      return;
    }
    this.unexpected(
      line,
      'Only the block quote right under the title is read (as the summary); this one is ignored.',
    );
  }

  private list(tokens: readonly Token[], start: number, end: number, line: number, lineBase: number): void {
    const items = listItems(tokens, start, end).map((item) => this.item(item, lineBase));
    if (this.details) {
      if (this.details.kind === 'examples' && this.current) {
        this.addItems(items, this.current.examples);
      } else if (this.details.kind === 'pending') {
        this.unexpected(
          line,
          'This list is inside <details> without <summary>Examples</summary> and is ignored.',
        );
      }
      return;
    }
    if (this.current) {
      this.addItems(items, this.current.expectations);
      return;
    }
    for (const item of items) this.attribute(item);
  }

  private addItems(items: readonly ListItem[], into: ItemDraft[]): void {
    for (const item of items) {
      if (item.text.length === 0) {
        this.report(
          'empty-item',
          item.line,
          this.column(item.line),
          'This list item is empty and is ignored; remove it or write the sentence.',
        );
      } else {
        into.push({ text: item.text, source: { path: this.path, line: item.line } });
      }
    }
  }

  private attribute(item: ListItem): void {
    const parsed = item.inline ? splitAttribute(item.inline.children ?? []) : null;
    const column = this.column(item.line);
    if (!this.title && this.hasTitle) {
      if (parsed)
        this.report(
          'attribute-before-title',
          item.line,
          column,
          `The attribute "${parsed.label}" comes before the title; move it under the "# L…" heading.`,
        );
      else this.unexpected(item.line, 'This list comes before the title and is ignored.');
      return;
    }
    const key = parsed ? camelCase(parsed.label) : '';
    if (!parsed || key.length === 0) {
      this.report(
        'bad-attribute',
        item.line,
        column,
        'List items under the title are attributes written as "- **Label**: value"; this one is ignored.',
      );
      return;
    }
    const first = this.attributeLines.get(key);
    if (first !== undefined) {
      this.report(
        'duplicate-attribute',
        item.line,
        column,
        `The attribute "${parsed.label}" is already given on line ${first}; keep one.`,
      );
      return;
    }
    this.attributeLines.set(key, item.line);
    this.attributes.push({ key, label: parsed.label, value: parsed.value });
  }

  private item(range: { open: number; close: number; tokens: readonly Token[] }, lineBase: number): ListItem {
    const open = range.tokens[range.open]!;
    const line = (open.map?.[0] ?? 0) + 1 + lineBase;
    const texts: string[] = [];
    let inline: Token | null = null;
    let nestedReported = false;
    for (let j = range.open + 1; j < range.close; j++) {
      const t = range.tokens[j]!;
      if (t.level !== open.level + 1) continue;
      if (t.type === 'paragraph_open') {
        const content = range.tokens[j + 1];
        if (content?.type === 'inline') {
          inline ??= content;
          texts.push(this.text(content, lineBase));
        }
      } else if (t.nesting !== -1 && !nestedReported && t.type !== 'paragraph_close') {
        nestedReported = true;
        this.unexpected(
          (t.map?.[0] ?? 0) + 1 + lineBase,
          `This ${describe(t)} inside a list item is ignored; keep each item one sentence.`,
        );
      }
    }
    return { line, text: plainText(texts.join(' ')), inline };
  }

  /** Reads `<details>`, `<summary>` and `</details>` out of an HTML block; hands anything else back to markdown. */
  private html(content: string, firstLine: number): void {
    const tag =
      /\s*(?:<details\b[^>]*>|<\/details\s*>|<summary\b[^>]*>([\s\S]*?)<\/summary\s*>|<!--[\s\S]*?-->)/iy;
    let pos = 0;
    let line = firstLine;
    for (;;) {
      tag.lastIndex = pos;
      const m = tag.exec(content);
      const leading = m ? m[0].length - m[0].trimStart().length : leadingSpace(content, pos);
      line += countNewlines(content, pos, pos + leading);
      if (!m) {
        const rest = content.slice(pos + leading);
        if (rest.length === 0) return;
        if (rest.startsWith('<')) {
          this.unexpected(line, 'HTML other than <details><summary>Examples</summary> is ignored.');
          return;
        }
        // Markdown that an HTML block swallowed (a list right after </summary>, a heading right after
        // </details>, with no blank line between): parse it as markdown, at its own lines.
        this.walk(md.parse(rest, {}), line - 1);
        return;
      }
      const tagText = m[0].trimStart().toLowerCase();
      if (tagText.startsWith('<details')) this.openDetails(line);
      else if (tagText.startsWith('</details')) this.closeDetails(line);
      else if (tagText.startsWith('<summary')) this.summaryTag(m[1] ?? '', line);
      line += countNewlines(content, pos + leading, pos + m[0].length);
      pos += m[0].length;
    }
  }

  private openDetails(line: number): void {
    if (this.details) {
      this.unexpected(line, 'A <details> block inside another one is ignored.');
      return;
    }
    if (!this.current) {
      this.report(
        'examples-outside-competency',
        line,
        this.column(line),
        'This <details> block comes before the first competency; move it under the "##" heading it belongs to.',
      );
      this.details = { line, kind: 'outside' };
      return;
    }
    this.details = { line, kind: 'pending' };
  }

  private summaryTag(html: string, line: number): void {
    const label = plainText(html.replace(/<[^>]*>/g, ''));
    if (!this.details) {
      this.unexpected(line, 'A <summary> outside <details> is ignored.');
    } else if (this.details.kind === 'pending') {
      this.details.kind = /^examples?$/i.test(label) ? 'examples' : 'other';
      if (this.details.kind === 'other')
        this.unexpected(
          line,
          `A <details> block titled "${label}" is ignored; only "Examples" blocks are read.`,
        );
    }
  }

  private closeDetails(line: number): void {
    if (!this.details) this.unexpected(line, 'This </details> closes nothing and is ignored.');
    this.details = null;
  }

  private endCompetency(): void {
    if (this.details) {
      const line = this.details.line;
      this.report(
        'unclosed-details',
        line,
        this.column(line),
        'This <details> block is never closed; add </details> after its list.',
      );
      this.details = null;
    }
    const c = this.current;
    if (c && !c.discard && c.expectations.length === 0) {
      this.report(
        'empty-competency',
        c.line,
        this.column(c.line),
        `The competency "${c.name}" has no expectations; add list items under its heading.`,
      );
    }
    this.current = null;
  }

  private text(inline: Token, lineBase: number): string {
    const { text } = this.noteEscapes(inline, lineBase);
    return text;
  }

  private noteEscapes(inline: Token | undefined, lineBase: number): { text: string } {
    if (!inline || inline.type !== 'inline') return { text: '' };
    const result = inlineText(inline);
    const first = (inline.map?.[0] ?? 0) + 1 + lineBase;
    for (const offset of result.quoteEscapes) this.escapeLines.add(first + offset);
    return result;
  }

  private unexpected(line: number, message: string): void {
    this.report('unexpected-content', line, this.column(line), message);
  }

  private report(code: ProblemCode, line: number, column: number, message: string): void {
    this.problems.push(problem(code, this.path, line, column, message));
  }

  private lineText(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  /** Column of the first non-blank character: token maps carry lines only. */
  private column(line: number): number {
    return (/^\s*/.exec(this.lineText(line))?.[0].length ?? 0) + 1;
  }
}

interface ListItem {
  readonly line: number;
  readonly text: string;
  /** The item's first paragraph, where an attribute's `**Label**` is. */
  readonly inline: Token | null;
}

/** Index of the token closing the block that opens at `i` (itself for a single token). */
function blockEnd(tokens: readonly Token[], i: number): number {
  if (tokens[i]!.nesting !== 1) return i;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    depth += tokens[j]!.nesting;
    if (depth === 0) return j;
  }
  return tokens.length - 1;
}

function listItems(tokens: readonly Token[], start: number, end: number) {
  const level = tokens[start]!.level + 1;
  const items: { open: number; close: number; tokens: readonly Token[] }[] = [];
  for (let j = start + 1; j < end; j++) {
    if (tokens[j]!.type === 'list_item_open' && tokens[j]!.level === level) {
      const close = blockEnd(tokens, j);
      items.push({ open: j, close, tokens });
      j = close;
    }
  }
  return items;
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

function rankOf(code: string): number | undefined {
  const digits = /\d+/.exec(code)?.[0];
  return digits === undefined ? undefined : Number(digits);
}

function leadingSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i - from;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** A word for a block token in messages. */
function describe(token: Token): string {
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

// One emoji: a flag (two regional indicators), a keycap, or a pictograph with its variation
// selector, skin tone, tag sequence and zero-width-joined parts.
const PICTOGRAPH = '\\p{Extended_Pictographic}\\uFE0F?\\p{Emoji_Modifier}?[\\u{E0020}-\\u{E007F}]*';
const LEADING_EMOJI = new RegExp(
  `^(?:\\p{Regional_Indicator}{2}|[#*0-9]\\uFE0F?\\u20E3|${PICTOGRAPH}(?:\\u200D${PICTOGRAPH})*)`,
  'u',
);

/** `🦉 Domain expertise` → emoji 🦉, name `Domain expertise`; no emoji → null. */
function splitEmoji(heading: string): { emoji: string | null; name: string } {
  const emoji = LEADING_EMOJI.exec(heading)?.[0] ?? null;
  if (emoji === null) return { emoji: null, name: heading.trim() };
  return { emoji, name: heading.slice(emoji.length).trim() };
}
