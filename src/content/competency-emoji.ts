import type { CompetencyData, LevelData } from '../domain/framework';
import { problem, type ContentProblem } from './problem';

/** A competency heading as one level writes it. */
interface Heading {
  readonly level: LevelData;
  readonly competency: CompetencyData;
}

/**
 * Competency headings without the emoji every other level of the track gives the same competency
 * (`## Domain expertise` where the others write `## 🦉 Domain expertise`), or with another one: the
 * emoji is part of the data readers see, so a level would show that competency unlike the rest.
 * Reported at the heading with the heading to write. A track whose levels disagree among
 * themselves is left alone, as is another emoji on a two-level track: which one is meant cannot be
 * told there.
 */
export function checkCompetencyEmoji(levels: readonly LevelData[]): ContentProblem[] {
  const bySlug = new Map<string, Heading[]>();
  for (const level of levels) {
    for (const competency of level.competencies) {
      bySlug.set(competency.slug, [...(bySlug.get(competency.slug) ?? []), { level, competency }]);
    }
  }
  const problems: ContentProblem[] = [];
  for (const headings of bySlug.values()) {
    for (const own of headings) {
      const others = headings.filter((h) => h !== own);
      const emoji = agreedEmoji(others);
      if (emoji === null || same(own.competency.emoji, emoji)) continue;
      if (own.competency.emoji !== null && others.length < 2) continue;
      const { name, source } = own.competency;
      const written =
        own.competency.emoji === null
          ? `"## ${name}" has no emoji`
          : `"## ${own.competency.emoji} ${name}" has another emoji`;
      problems.push(
        problem(
          'inconsistent-competency-emoji',
          source.path,
          source.line,
          1,
          `${written}, where ${places(others)} ${others.length === 1 ? 'writes' : 'write'} "## ${emoji} ${name}"; write the heading that way so the competency looks the same on every level.`,
        ),
      );
    }
  }
  return problems;
}

/** The emoji all the headings use, or null when one has none or they differ. */
function agreedEmoji(headings: readonly Heading[]): string | null {
  const first = headings[0]?.competency.emoji ?? null;
  if (first === null) return null;
  return headings.every((h) => same(h.competency.emoji, first)) ? first : null;
}

/** Emoji compared without the variation selector, which some editors add and others drop. */
function same(a: string | null, b: string): boolean {
  return a !== null && a.replaceAll('\uFE0F', '') === b.replaceAll('\uFE0F', '');
}

/** `L1.md:10, L2.md:10 and 2 more`: where the other headings are written. */
function places(headings: readonly Heading[]): string {
  const shown = headings.slice(0, 3).map(({ competency: { source } }) => {
    return `${source.path.slice(source.path.lastIndexOf('/') + 1)}:${source.line}`;
  });
  return headings.length > 3 ? `${shown.join(', ')} and ${headings.length - 3} more` : shown.join(', ');
}
