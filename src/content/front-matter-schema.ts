import { MAX_RANK, MIN_RANK, type LevelStatus, type Progression } from '../domain/entities';
import { plainText } from '../domain/text/normalise';
import type { FrontMatterField } from './front-matter';
import { problem, type ContentProblem } from './problem';

/** Turns a YAML value into the typed value, or undefined when it does not fit. */
interface Rule<T> {
  readonly read: (value: unknown) => T | undefined;
  /** Completes "… must be …" in the message. */
  readonly expected: string;
}

type Schema = Record<string, Rule<unknown>>;
type Values<S extends Schema> = { [K in keyof S]?: S[K] extends Rule<infer T> ? T : never };

const text = (maxLength: number): Rule<string> => ({
  read: (v) => {
    if (typeof v !== 'string') return undefined;
    const folded = plainText(v);
    return folded.length > 0 && folded.length <= maxLength ? folded : undefined;
  },
  expected: `a text of 1 to ${maxLength} characters`,
});

/** Front matter a level file may carry. */
export const LEVEL_FRONT_MATTER = {
  // Codes become part of ids and URLs (`track/L3`), so they stay short and ASCII.
  code: {
    read: (v) => (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(v) ? v : undefined),
    expected: 'a short code such as L3 (a letter, then letters, digits or dashes, at most 20)',
  } as Rule<string>,
  rank: {
    read: (v) =>
      typeof v === 'number' && Number.isInteger(v) && v >= MIN_RANK && v <= MAX_RANK ? v : undefined,
    expected: `a whole number from ${MIN_RANK} to ${MAX_RANK}`,
  } as Rule<number>,
  title: text(200),
  status: {
    read: (v) => (v === 'published' || v === 'draft' ? (v as LevelStatus) : undefined),
    expected: 'published or draft',
  } as Rule<LevelStatus>,
} satisfies Schema;

/** Front matter a track.md may carry. */
export const TRACK_FRONT_MATTER = {
  name: text(200),
  description: text(5000),
  progression: {
    read: (v) => (v === 'cumulative' || v === 'standalone' ? (v as Progression) : undefined),
    expected:
      'cumulative (each level lists only what is new or has grown) or standalone (each level lists everything it expects)',
  } as Rule<Progression>,
} satisfies Schema;

/** A value as the author wrote it, cut short, for a message that says what was found. */
function shown(value: unknown): string {
  let written: string;
  try {
    written = JSON.stringify(value) ?? String(value);
  } catch {
    written = 'a value nested too deeply to show';
  }
  return written.length > 60 ? `${written.slice(0, 59)}…` : written;
}

/**
 * Reads the fields a schema allows, reporting every key it does not know and every value of the
 * wrong type, so an author sees all their front matter mistakes in one run.
 */
export function readFields<S extends Schema>(
  fields: ReadonlyMap<string, FrontMatterField>,
  schema: S,
  path: string,
  problems: ContentProblem[],
): Values<S> {
  const values: Record<string, unknown> = {};
  const allowed = Object.keys(schema);
  for (const field of fields.values()) {
    const rule = Object.hasOwn(schema, field.key) ? schema[field.key] : undefined;
    if (!rule) {
      problems.push(
        problem(
          'bad-front-matter-key',
          path,
          field.line,
          field.column,
          `Front matter key "${field.key}" is not allowed here; the allowed keys are ${allowed.join(', ')}.`,
        ),
      );
      continue;
    }
    const value = rule.read(field.value);
    if (value === undefined) {
      problems.push(
        problem(
          'bad-front-matter-value',
          path,
          field.line,
          field.column,
          `Front matter "${field.key}" must be ${rule.expected}, not ${shown(field.value)}.`,
        ),
      );
      continue;
    }
    values[field.key] = value;
  }
  return values as Values<S>;
}
