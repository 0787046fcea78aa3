import { plainText } from '../../domain/text/normalise';
import type { LevelProblems } from './problems';

/**
 * What the open `<details>` block is. pending: no `<summary>` yet; examples: a competency's examples;
 * other: a block with another summary, ignored; outside: before the first competency (already reported).
 */
export type DetailsKind = 'pending' | 'examples' | 'other' | 'outside';

/** Markdown that an HTML block swallowed, to be walked as markdown; its token lines start after `lineBase`. */
export interface SwallowedMarkdown {
  readonly text: string;
  readonly lineBase: number;
}

/**
 * The `<details><summary>Examples</summary> … </details>` blocks of a level. markdown-it sees their tags
 * as HTML blocks between the lists, so this follows them as the token walk meets them and says which
 * block, if any, the walk is in.
 */
export class DetailsBlocks {
  private open: { readonly line: number; kind: DetailsKind } | null = null;

  constructor(private readonly problems: LevelProblems) {}

  /** The kind of the block the walk is in; null outside any. */
  get kind(): DetailsKind | null {
    return this.open?.kind ?? null;
  }

  /**
   * Reads `<details>`, `<summary>` and `</details>` out of an HTML block starting at `firstLine`; hands
   * back any markdown after them. `inCompetency` when a `##` competency is open.
   */
  html(content: string, firstLine: number, inCompetency: boolean): SwallowedMarkdown | null {
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
        if (rest.length === 0) return null;
        if (rest.startsWith('<')) {
          this.problems.unexpected(line, 'HTML other than <details><summary>Examples</summary> is ignored.');
          return null;
        }
        // Markdown that an HTML block swallowed (a list right after </summary>, a heading right after
        // </details>, with no blank line between): parse it as markdown, at its own lines.
        return { text: rest, lineBase: line - 1 };
      }
      const tagText = m[0].trimStart().toLowerCase();
      if (tagText.startsWith('<details')) this.openTag(line, inCompetency);
      else if (tagText.startsWith('</details')) this.closeTag(line);
      else if (tagText.startsWith('<summary')) this.summaryTag(m[1] ?? '', line);
      line += countNewlines(content, pos + leading, pos + m[0].length);
      pos += m[0].length;
    }
  }

  /** At the end of a competency: a block still open was never closed. */
  end(): void {
    if (this.open) {
      const line = this.open.line;
      this.problems.report(
        'unclosed-details',
        line,
        this.problems.column(line),
        'This <details> block is never closed; add </details> after its list.',
      );
      this.open = null;
    }
  }

  private openTag(line: number, inCompetency: boolean): void {
    if (this.open) {
      this.problems.unexpected(line, 'A <details> block inside another one is ignored.');
      return;
    }
    if (!inCompetency) {
      this.problems.report(
        'examples-outside-competency',
        line,
        this.problems.column(line),
        'This <details> block comes before the first competency; move it under the "##" heading it belongs to.',
      );
      this.open = { line, kind: 'outside' };
      return;
    }
    this.open = { line, kind: 'pending' };
  }

  private summaryTag(html: string, line: number): void {
    const label = plainText(html.replace(/<[^>]*>/g, ''));
    if (!this.open) {
      this.problems.unexpected(line, 'A <summary> outside <details> is ignored.');
    } else if (this.open.kind === 'pending') {
      this.open.kind = /^examples?$/i.test(label) ? 'examples' : 'other';
      if (this.open.kind === 'other')
        this.problems.unexpected(
          line,
          `A <details> block titled "${label}" is ignored; only "Examples" blocks are read.`,
        );
    }
  }

  private closeTag(line: number): void {
    if (!this.open) this.problems.unexpected(line, 'This </details> closes nothing and is ignored.');
    this.open = null;
  }
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
