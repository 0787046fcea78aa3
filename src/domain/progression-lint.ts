import { attributeValue, type Competency, type Item, type Level, type Track } from './entities';
import { expectedAt, type ExpectedItem } from './expected';
import type { Framework } from './framework';
import { attributeRange, scaleWords, type Range } from './progression-scales';
import { restatement, type Restatement } from './progression-step';
import { normaliseForMatch } from './text/normalise';

/** The progression lint's codes; each is also in the loader's problem catalogue, as a warning. */
export type ProgressionCode =
  | 'progression-stalled-competency'
  | 'progression-trivial-step'
  | 'progression-scope-mismatch'
  | 'progression-verbatim-restatement';

/** One piece of advice to an author, shaped like a content problem (file:line:column, code, message). */
export interface ProgressionWarning {
  readonly code: ProgressionCode;
  readonly severity: 'warning';
  /** Relative to the content directory, as the item's source says. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Every progression warning of the framework's cumulative tracks, level by level in rank order,
 * each level's in line order. The framework is a caller's view: a level it leaves out (a draft) is
 * neither linted nor built on.
 */
export function lintProgression(framework: Framework): ProgressionWarning[] {
  return framework.tracks.flatMap((track) =>
    track.levels.flatMap((level) => progressionWarnings(framework, level)),
  );
}

const memo = new WeakMap<Framework, Map<string, readonly ProgressionWarning[]>>();

/** The progression warnings of one level (none on a standalone track). */
export function progressionWarnings(framework: Framework, level: Level): readonly ProgressionWarning[] {
  let byLevel = memo.get(framework);
  if (!byLevel) memo.set(framework, (byLevel = new Map()));
  const known = byLevel.get(level.id);
  if (known) return known;
  const track = framework.track(level.trackId);
  if (track?.progression !== 'cumulative') return [];
  track.levels.forEach((each, k) => byLevel.set(each.id, lintLevel(framework, track, k)));
  return byLevel.get(level.id) ?? [];
}

/**
 * The most warnings one level can have: one per competency (stalled) and two per expectation (a
 * restatement, verbatim or trivial, and a scope mismatch); what the GraphQL cost charges.
 */
export function progressionWarningBound(level: Level): number {
  return level.competencies.reduce((n, c) => n + 1 + 2 * c.expectations.length, 0);
}

/** How one of a level's own items stands to what is below it. */
type Step =
  | { readonly kind: 'new' | 'grown' }
  | { readonly kind: 'trivial'; readonly from: Item; readonly change: Restatement }
  | { readonly kind: 'verbatim'; readonly of: Item; readonly grownInto: ExpectedItem | null };

function lintLevel(framework: Framework, track: Track, k: number): ProgressionWarning[] {
  const level = track.levels[k]!;
  const warnings: ProgressionWarning[] = [];
  const own = expectedAt(framework, level).filter((e) => e.statedAt === level);
  const below = k > 0 ? track.levels[k - 1]! : null;
  const steps = new Map<Item, Step>();
  if (below) {
    const held = expectedAt(framework, below);
    const lower = lowerItems(track.levels.slice(0, k));
    for (const item of own) {
      const step = stepOf(item, held, lower);
      steps.set(item.expectation, step);
      const warning = stepWarning(level, item.expectation, step);
      if (warning) warnings.push(warning);
    }
    for (const competency of level.competencies) {
      const moved = competency.expectations.some((e) => {
        const kind = steps.get(e)?.kind;
        return kind === 'new' || kind === 'grown';
      });
      if (!moved) warnings.push(stalled(level, below, competency));
    }
  }
  const radius = attributeRange(attributeValue(level, 'impactRadius'), 'radius');
  const horizon = attributeRange(attributeValue(level, 'planningHorizon'), 'horizon');
  for (const item of own) {
    const warning = scopeWarning(level, item.expectation, radius, horizon);
    if (warning) warnings.push(warning);
  }
  return warnings.sort((a, b) => a.line - b.line || compareCodes(a.code, b.code));
}

/** Every expectation of the levels below, by normalised text, the nearest level's first. */
function lowerItems(levels: readonly Level[]): Map<string, Item> {
  const byText = new Map<string, Item>();
  for (const level of [...levels].reverse())
    for (const c of level.competencies)
      for (const e of c.expectations) {
        const key = normaliseForMatch(e.text);
        if (!byText.has(key)) byText.set(key, e);
      }
  return byText;
}

function stepOf(item: ExpectedItem, held: readonly ExpectedItem[], lower: Map<string, Item>): Step {
  const same = lower.get(normaliseForMatch(item.expectation.text));
  if (same) {
    const stillHeld = held.some((h) => h.expectation === same);
    const grownInto = stillHeld ? null : (held.find((h) => h.grownFrom.includes(same)) ?? null);
    return { kind: 'verbatim', of: same, grownInto };
  }
  // the item it grows from, as the diff and Level.expected pair them (expected.ts)
  const from = item.grownFrom[0];
  if (!from) return { kind: 'new' };
  const change = restatement(from.text, item.expectation.text);
  return change.trivial ? { kind: 'trivial', from, change } : { kind: 'grown' };
}

function stepWarning(level: Level, item: Item, step: Step): ProgressionWarning | null {
  if (step.kind === 'verbatim') {
    const lower = `${levelCodeOf(step.of)}'s expectation (${place(step.of)})`;
    const message = step.grownInto
      ? `This is ${lower} word for word, which ${levelCodeOf(step.grownInto.expectation)} has since grown into "${quote(step.grownInto.expectation.text)}" (${place(step.grownInto.expectation)}). Restating the older form at ${level.code} is a step back: remove it, or write how it grows at ${level.code}.`
      : `This is ${lower} word for word. On a cumulative track ${level.code} already expects everything below it, so this adds nothing: remove it, or restate it in the larger form ${level.code} expects.`;
    return warning('progression-verbatim-restatement', item, message);
  }
  if (step.kind === 'trivial') {
    return warning(
      'progression-trivial-step',
      item,
      `This restates ${levelCodeOf(step.from)}'s "${quote(step.from.text)}" (${place(step.from)}) with ${step.change.summary} and no change of scope, so a reader cannot see what grows at ${level.code}. Say what is larger at ${level.code} (reach, horizon, autonomy), or remove it and let the lower item stand.`,
    );
  }
  return null;
}

function stalled(level: Level, below: Level, competency: Competency): ProgressionWarning {
  return warning(
    'progression-stalled-competency',
    competency,
    `${competency.name} appears at ${level.code} but nothing in it is new or grown from what ${below.code} expects (its items repeat lower ones; see their warnings). Add what ${level.code} expects beyond ${below.code} in ${competency.name}.`,
  );
}

/** Ranks an item may sit away from its level's attribute before its words contradict it. */
const SCOPE_TOLERANCE = 1;
/** From this rank (several teams) up, radius words say how wide an item reaches; "my team" is the place every level works in. */
const WIDE_RADIUS = 3;

function scopeWarning(
  level: Level,
  item: Item,
  radius: Range | null,
  horizon: Range | null,
): ProgressionWarning | null {
  const reasons: string[] = [];
  if (radius) {
    const words = scaleWords(item.text, 'radius');
    const widest = widestOf(words);
    if (widest && widest.rank < radius.min - SCOPE_TOLERANCE)
      reasons.push(`"${widest.phrase}" is narrower than its impact radius (${radius.value})`);
    const wide = widestOf(words.filter((w) => w.rank >= WIDE_RADIUS));
    if (wide && wide.rank > radius.max + SCOPE_TOLERANCE)
      reasons.push(`"${wide.phrase}" is wider than its impact radius (${radius.value})`);
  }
  if (horizon) {
    const furthest = widestOf(scaleWords(item.text, 'horizon'));
    if (furthest && furthest.rank > horizon.max + SCOPE_TOLERANCE)
      reasons.push(`"${furthest.phrase}" looks further ahead than its planning horizon (${horizon.value})`);
  }
  if (reasons.length === 0) return null;
  return warning(
    'progression-scope-mismatch',
    item,
    `The scope of this item does not fit ${level.code}: ${reasons.join('; ')}. Write it at the reach ${level.code} works at, or move it to the level it fits.`,
  );
}

function widestOf<T extends { readonly rank: number }>(words: readonly T[]): T | null {
  return words.reduce<T | null>((best, w) => (best === null || w.rank > best.rank ? w : best), null);
}

function warning(
  code: ProgressionCode,
  at: { readonly source: { readonly path: string; readonly line: number } },
  message: string,
): ProgressionWarning {
  return { code, severity: 'warning', path: at.source.path, line: at.source.line, column: 1, message };
}

/** `L2` from an item's level id (`track/L2`, or `track/L2@ref` at a version). */
function levelCodeOf(item: Item): string {
  return item.levelId.slice(item.levelId.lastIndexOf('/') + 1).replace(/@.*$/u, '');
}

/** `L2.md:14`: the file within its track folder, which is where the author is already looking. */
function place(item: Item): string {
  return `${item.source.path.slice(item.source.path.lastIndexOf('/') + 1)}:${item.source.line}`;
}

const QUOTE_LENGTH = 60;

function quote(text: string): string {
  return text.length <= QUOTE_LENGTH ? text : `${text.slice(0, QUOTE_LENGTH - 1).trimEnd()}…`;
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
