import type { CompetencyData, ItemData } from '../../domain/framework';
import { slugify } from '../../domain/text/keys';
import { checkHasExpectations } from './checks';
import type { LevelProblems } from './problems';

/** A competency being read: its heading, and the items under it so far. */
export interface CompetencyBuilder {
  readonly name: string;
  readonly emoji: string | null;
  readonly slug: string;
  readonly line: number;
  /** A heading we could not use: its lists are swallowed rather than added to the one before. */
  readonly discard: boolean;
  readonly expectations: ItemData[];
  readonly examples: ItemData[];
}

/** The `##` competencies of a level, in file order and each slug once, and the one being read. */
export class Competencies {
  private readonly usable: CompetencyBuilder[] = [];
  private readonly slugLines = new Map<string, number>();
  private open: CompetencyBuilder | null = null;

  constructor(private readonly problems: LevelProblems) {}

  /** The competency whose section the walk is in; null before the first `##` heading. */
  get current(): CompetencyBuilder | null {
    return this.open;
  }

  /** How many usable competencies have been read. */
  get count(): number {
    return this.usable.length;
  }

  /** Starts the section of a `## 🦉 Domain expertise` heading; the one before must have ended. */
  start(heading: string, line: number): void {
    const { emoji, name } = splitEmoji(heading);
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
      this.problems.report(
        'bad-competency-heading',
        line,
        this.problems.column(line),
        `This "##" heading has no competency name; write it as "## 🦉 Domain expertise".`,
      );
      this.open = builder(true);
      return;
    }
    const first = this.slugLines.get(slug);
    if (first !== undefined) {
      this.problems.report(
        'duplicate-competency',
        line,
        this.problems.column(line),
        `The competency "${name}" is already defined on line ${first}; merge the two.`,
      );
      this.open = builder(true);
      return;
    }
    this.slugLines.set(slug, line);
    this.open = builder(false);
    this.usable.push(this.open);
  }

  /** Ends the current section, if any: a usable competency needs expectations. */
  end(): void {
    const c = this.open;
    if (c && !c.discard) checkHasExpectations(c, this.problems);
    this.open = null;
  }

  /** The usable competencies, as read from the file at `path`. */
  data(path: string): CompetencyData[] {
    return this.usable.map((c) => ({
      slug: c.slug,
      name: c.name,
      emoji: c.emoji,
      expectations: c.expectations,
      examples: c.examples,
      source: { path, line: c.line },
    }));
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
