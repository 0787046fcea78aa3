import type { CompetencyData } from '../../domain/framework';
import { NAMED_ATTRIBUTES } from '../../domain/named-attributes';
import { slugify } from '../../domain/text/keys';
import { nearMiss } from '../near-miss';
import type { AttributeLines } from './attribute-line';
import { nearDuplicateExpectations } from './near-duplicates';
import type { LevelProblems } from './problems';
import type { LevelIdentity } from './title';

// Checks of a level as a whole, made once the walk has read all of it.

const NAMED_KEYS: ReadonlySet<string> = new Set(NAMED_ATTRIBUTES.map((a) => a.key));

/** Reports each line where a `\'` or `\"` was read as the quote alone. */
export function checkQuoteEscapes(lines: ReadonlySet<number>, problems: LevelProblems): void {
  for (const line of [...lines].sort((a, b) => a - b)) {
    const column = Math.max(problems.lineText(line).search(/\\['"]/), 0) + 1;
    problems.report(
      'repaired-escape',
      line,
      column,
      'A backslash before a quote (\\\' or \\") was read as the quote alone; remove the backslash.',
    );
  }
}

/** Reports a level without any competency heading. */
export function checkHasCompetencies(level: LevelIdentity, count: number, problems: LevelProblems): void {
  if (count > 0) return;
  problems.report(
    'no-competencies',
    level.line,
    1,
    `${level.code} has no competencies; add "## <emoji> <Name>" headings with expectations under them.`,
  );
}

/**
 * Reports each named attribute the level lacks. A lack that an attribute line already explains is
 * reported there instead: a label one letter off (did you mean) or an item already reported as a bad
 * attribute (its own problem says how to write it), so the title line gets no second, vaguer problem.
 */
export function checkNamedAttributes(
  level: LevelIdentity,
  attributes: AttributeLines,
  problems: LevelProblems,
): void {
  for (const { key, label } of NAMED_ATTRIBUTES) {
    if (attributes.has(key)) continue;
    const unnamed = attributes.attributes.filter((a) => !NAMED_KEYS.has(a.key));
    const near = nearMiss(label, unnamed, (a) => a.label);
    if (near) {
      const line = attributes.lineOf(near.key)!;
      problems.report(
        'misspelt-attribute',
        line,
        problems.column(line),
        `"${near.label}" is not one of the named attributes; did you mean "${label}"? Write it as "- **${label}**: ${near.value}".`,
      );
      continue;
    }
    const rejected = attributes.rejected.some(
      (r) =>
        r.label !== null &&
        (slugify(r.label) === slugify(label) || nearMiss(r.label, [label], String) !== null),
    );
    if (rejected) continue;
    problems.report(
      'missing-attribute',
      level.line,
      1,
      `${level.code} has no "${label}" attribute; add "- **${label}**: …" under the title.`,
    );
  }
}

/** Reports each expectation that repeats an earlier one of the same level. */
export function checkNearDuplicates(competencies: readonly CompetencyData[], problems: LevelProblems): void {
  for (const d of nearDuplicateExpectations(competencies.flatMap((c) => c.expectations))) {
    problems.report(
      'near-duplicate-expectation',
      d.later.source.line,
      problems.column(d.later.source.line),
      `This expectation says nearly the same as the one on line ${d.earlier.source.line}; merge them or make the difference clear.`,
    );
  }
}

/** Reports a competency, once its heading's section has ended, that has no expectations. */
export function checkHasExpectations(
  competency: { readonly name: string; readonly line: number; readonly expectations: readonly unknown[] },
  problems: LevelProblems,
): void {
  if (competency.expectations.length > 0) return;
  problems.report(
    'empty-competency',
    competency.line,
    problems.column(competency.line),
    `The competency "${competency.name}" has no expectations; add list items under its heading.`,
  );
}
