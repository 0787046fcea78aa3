import { NAMED_ATTRIBUTES } from '../domain/named-attributes';
import type { NameAt } from './level/parser';
import { nearMiss } from './near-miss';
import { problem, type ContentProblem } from './problem';

/** The names one level file uses, read even when the level failed to load (a broken title). */
export interface LevelNames {
  /** The level file, relative to the content directory. */
  readonly path: string;
  readonly competencies: readonly NameAt[];
  readonly attributes: readonly NameAt[];
}

/** What the name checks found, and which missing competencies a misspelling already explains. */
export interface NameCheck {
  readonly problems: ContentProblem[];
  /** Slugs reported as misspellings: no other level should be told to add one. */
  readonly misspelt: ReadonlySet<string>;
  /** `path\0slug`: this level lacks the slug because it spells it differently (already reported). */
  readonly explained: ReadonlySet<string>;
}

/** A name as one file writes it. */
interface Use extends NameAt {
  readonly path: string;
}

const NAMED_KEYS: ReadonlySet<string> = new Set(NAMED_ATTRIBUTES.map((a) => a.key));

/**
 * Competency headings and attribute labels that only one file of a track uses and that are a letter
 * or two away from one its other files use: most likely a typo. Each is reported at its heading or
 * label with a "did you mean", instead of as a competency the other levels lack (or this one lacks).
 * Files whose title is broken count too: their headings are still what the author meant. Named
 * attributes are each level's own check; here only labels the levels define themselves.
 */
export function checkTrackNames(files: readonly LevelNames[]): NameCheck {
  const problems: ContentProblem[] = [];
  const misspelt = new Set<string>();
  const explained = new Set<string>();
  const uses = (pick: (f: LevelNames) => readonly NameAt[]) =>
    files.map((f) => pick(f).map((n) => ({ ...n, path: f.path })));

  for (const { own, near, others, clear } of nearMisses(uses((f) => f.competencies))) {
    misspelt.add(own.slug);
    explained.add(`${own.path}\0${near.slug}`);
    problems.push(
      problem(
        'misspelt-competency',
        own.path,
        own.line,
        1,
        clear
          ? `No other level on this track has the competency "${own.name}"; did you mean "${near.name}", as in ${places(others)}? Correct the heading so the levels line up.`
          : `"${own.name}" here and "${near.name}" in ${places(others)} are nearly the same competency; spell it the same way on every level.`,
      ),
    );
  }
  const custom = uses((f) => f.attributes.filter((a) => !NAMED_KEYS.has(a.slug)));
  for (const { own, near, others, clear } of nearMisses(custom)) {
    problems.push(
      problem(
        'misspelt-attribute',
        own.path,
        own.line,
        1,
        clear
          ? `No other level on this track has the attribute "${own.name}"; did you mean "${near.name}", as in ${places(others)}? Write it as "- **${near.name}**: …".`
          : `"${own.name}" here and "${near.name}" in ${places(others)} are nearly the same attribute; spell it the same way on every level.`,
      ),
    );
  }
  return { problems, misspelt, explained };
}

interface Found {
  readonly own: Use;
  readonly near: Use;
  /** Every use of the near name, in other files. */
  readonly others: readonly Use[];
  /** The near name is used by more files than this one, so it is the one meant; else it cannot be told. */
  readonly clear: boolean;
}

/** Per file, each name no other file uses that is a near miss of one the others use and it lacks. */
function nearMisses(byFile: readonly (readonly Use[])[]): Found[] {
  const users = new Map<string, Use[]>();
  for (const names of byFile) for (const n of names) users.set(n.slug, [...(users.get(n.slug) ?? []), n]);
  const found: Found[] = [];
  for (const names of byFile) {
    const own = new Set(names.map((n) => n.slug));
    const candidates = [...users.values()].filter((u) => !own.has(u[0]!.slug)).map((u) => u[0]!);
    for (const name of names) {
      if (users.get(name.slug)!.length > 1) continue;
      const near = nearMiss(name.name, candidates, (c) => c.name);
      if (!near) continue;
      const others = users.get(near.slug)!;
      found.push({ own: name, near, others, clear: others.length > 1 });
    }
  }
  return found;
}

/** `L1.md:22, L2.md:22`: where the other spelling is written, at most three places. */
function places(uses: readonly Use[]): string {
  const shown = uses.slice(0, 3).map((u) => `${u.path.slice(u.path.lastIndexOf('/') + 1)}:${u.line}`);
  return uses.length > 3 ? `${shown.join(', ')} and ${uses.length - 3} more` : shown.join(', ');
}
