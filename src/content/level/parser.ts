import type { LevelStatus } from '../../domain/entities';
import type { ItemData, LevelData } from '../../domain/framework';
import { plainText } from '../../domain/text/normalise';
import type { ContentProblem } from '../problem';
import { inlineText } from '../markdown/inline-text';
import { AttributeLines } from './attribute-line';
import { checkHasCompetencies, checkNamedAttributes, checkNearDuplicates, checkQuoteEscapes } from './checks';
import { Competencies } from './competencies';
import { DetailsBlocks } from './details-block';
import { LevelProblems } from './problems';
import { misnamedLevel, resolveTitle, type Misnamed, type TitleHeading, type TitleOverrides } from './title';
import {
  blockEnd,
  describe,
  listItems,
  parseBlocks,
  type ListItem,
  type ListItemRange,
  type Token,
} from './tokens';

/** What front matter may set on a level; everything else comes from the markdown. */
export interface LevelOverrides extends TitleOverrides {
  readonly status?: LevelStatus;
}

/** A level as parsed, or null when its code, rank or title cannot be told, with every problem found. */
export interface ParsedLevel {
  readonly level: LevelData | null;
  readonly problems: ContentProblem[];
  /** The competency headings read, even when `level` is null, for the track's checks to compare. */
  readonly competencyNames: readonly NameAt[];
  /** The attribute labels read (slug: the key), likewise. */
  readonly attributeNames: readonly NameAt[];
  /**
   * Set when the file is named after another level than the one its title makes it (`L3.md` titled
   * `# L2: …`): the track's checks report it, as the cause of any duplicate or gap it makes.
   */
  readonly misnamed: Misnamed | null;
}

/** A competency heading or attribute label as written, and its line. */
export interface NameAt {
  readonly slug: string;
  readonly name: string;
  readonly line: number;
}

/**
 * Parses one level file's markdown (front matter already blanked out, so token lines are file
 * lines) into a LevelData. Works on markdown-it's block tokens and their line maps, never on lines
 * of text, so bullets, emphasis markers, wrapping and blank lines are the parser's business.
 */
export function parseLevel(body: string, path: string, overrides: LevelOverrides): ParsedLevel {
  const tokens = parseBlocks(body);
  // Without any title, content is not "before the title": read it as if the title were there.
  const hasTitle = tokens.some((t) => t.type === 'heading_open' && t.tag === 'h1');
  const parser = new LevelParser(body, path, hasTitle);
  parser.walk(tokens, 0);
  return parser.finish(overrides);
}

/** The token walk: which block goes where, in file order; the parts it meets do their own checks. */
class LevelParser {
  private readonly problems: LevelProblems;
  private readonly attributes: AttributeLines;
  private readonly details: DetailsBlocks;
  private readonly competencies: Competencies;
  private title: TitleHeading | null = null;
  private summary: string | null = null;
  private readonly escapeLines = new Set<number>();

  constructor(
    body: string,
    private readonly path: string,
    /** False when the file has no `#` title at all (missing-title is reported once, at the end). */
    private readonly hasTitle: boolean,
  ) {
    this.problems = new LevelProblems(path, body);
    this.attributes = new AttributeLines(this.problems);
    this.details = new DetailsBlocks(this.problems);
    this.competencies = new Competencies(this.problems);
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
        case 'html_block': {
          const swallowed = this.details.html(token.content, line, this.competencies.current !== null);
          if (swallowed) this.walk(parseBlocks(swallowed.text), swallowed.lineBase);
          break;
        }
        case 'hr':
          break; // authors separate competencies with rules; they carry nothing
        case 'paragraph_open':
          this.problems.unexpected(
            line,
            'This paragraph is not part of the format and is ignored; write items as list entries.',
          );
          this.noteEscapes(tokens[i + 1], lineBase);
          break;
        default:
          this.problems.unexpected(line, `This ${describe(token)} is not part of the format and is ignored.`);
      }
      i = end;
    }
  }

  /** Ends the walk: the level-wide checks, then the level data (null when the title cannot be told). */
  finish(overrides: LevelOverrides): ParsedLevel {
    this.endCompetency();
    checkQuoteEscapes(this.escapeLines, this.problems);
    const identity = resolveTitle(this.title, overrides, this.problems, this.path);
    const names = {
      competencyNames: this.competencies.data(this.path).map((c) => ({
        slug: c.slug,
        name: c.name,
        line: c.source.line,
      })),
      attributeNames: this.attributes.attributes.map((a) => ({
        slug: a.key,
        name: a.label,
        line: this.attributes.lineOf(a.key)!,
      })),
    };
    if (!identity) return { level: null, problems: this.problems.list, ...names, misnamed: null };
    const { code, rank, title, line } = identity;

    checkHasCompetencies(identity, this.competencies.count, this.problems);
    checkNamedAttributes(identity, this.attributes, this.problems);
    const competencies = this.competencies.data(this.path);
    checkNearDuplicates(competencies, this.problems);
    const level: LevelData = {
      code,
      rank,
      title,
      summary: this.summary,
      status: overrides.status ?? 'published',
      attributes: this.attributes.attributes,
      competencies,
      source: { path: this.path, line },
    };
    return {
      level,
      problems: this.problems.list,
      ...names,
      misnamed: misnamedLevel(identity, overrides, this.path),
    };
  }

  private heading(tag: string, inline: Token | undefined, line: number, lineBase: number): void {
    const text = inline ? this.text(inline, lineBase) : '';
    if (tag === 'h1') {
      if (this.title) {
        this.problems.report(
          'multiple-titles',
          line,
          this.problems.column(line),
          `A level has one "#" title; this one repeats the title on line ${this.title.line}. Use "##" for competencies.`,
        );
      } else {
        this.title = { text, line };
      }
      return;
    }
    if (tag !== 'h2') {
      this.problems.unexpected(
        line,
        `"${'#'.repeat(Number(tag.slice(1)))}" headings are not part of the format and are ignored; use "##" for a competency.`,
      );
      return;
    }
    this.endCompetency();
    this.competencies.start(text, line);
  }

  private blockquote(inner: readonly Token[], line: number, lineBase: number): void {
    const texts = inner.filter((t) => t.type === 'inline').map((t) => this.text(t, lineBase));
    if ((this.title || !this.hasTitle) && !this.competencies.current && this.summary === null) {
      const summary = plainText(texts.join(' '));
      this.summary = summary.length > 0 ? summary : null;
      return;
    }
    this.problems.unexpected(
      line,
      'Only the block quote right under the title is read (as the summary); this one is ignored.',
    );
  }

  private list(tokens: readonly Token[], start: number, end: number, line: number, lineBase: number): void {
    const items = listItems(tokens, start, end).map((item) => this.item(item, lineBase));
    const details = this.details.kind;
    const current = this.competencies.current;
    if (details !== null) {
      if (details === 'examples' && current) {
        this.addItems(items, current.examples);
      } else if (details === 'pending') {
        this.problems.unexpected(
          line,
          'This list is inside <details> without <summary>Examples</summary> and is ignored.',
        );
      }
      return;
    }
    if (current) {
      this.addItems(items, current.expectations);
      return;
    }
    for (const item of items) this.attributes.read(item, !this.title && this.hasTitle);
  }

  private addItems(items: readonly ListItem[], into: ItemData[]): void {
    for (const item of items) {
      if (item.text.length === 0) {
        this.problems.report(
          'empty-item',
          item.line,
          this.problems.column(item.line),
          'This list item is empty and is ignored; remove it or write the sentence.',
        );
      } else {
        into.push({ text: item.text, source: { path: this.path, line: item.line } });
      }
    }
  }

  private item(range: ListItemRange, lineBase: number): ListItem {
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
        this.problems.unexpected(
          (t.map?.[0] ?? 0) + 1 + lineBase,
          `This ${describe(t)} inside a list item is ignored; keep each item one sentence.`,
        );
      }
    }
    return { line, text: plainText(texts.join(' ')), inline };
  }

  /** A `<details>` block left open is reported before the competency it is in. */
  private endCompetency(): void {
    this.details.end();
    this.competencies.end();
  }

  private text(inline: Token, lineBase: number): string {
    const { text } = this.noteEscapes(inline, lineBase);
    return text;
  }

  /** An inline token's text, noting the lines of its quote escapes for the report at the end. */
  private noteEscapes(inline: Token | undefined, lineBase: number): { text: string } {
    if (!inline || inline.type !== 'inline') return { text: '' };
    const result = inlineText(inline);
    const first = (inline.map?.[0] ?? 0) + 1 + lineBase;
    for (const offset of result.quoteEscapes) this.escapeLines.add(first + offset);
    return result;
  }
}
