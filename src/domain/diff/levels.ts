import type { Competency, Item, Level } from '../entities';
import type { ExpectedItem } from '../expected';
import { textSimilarity } from '../text/similarity';
import { TermWeights } from './counterparts';
import { changesFromPairs, diffTexts } from './match-items';
import type {
  AttributeChange,
  ChangeStatus,
  CompetencyDiff,
  DiffOptions,
  DiffSummary,
  LevelDiff,
  TextChange,
  TextDiffOptions,
} from './types';

/**
 * What changes from `from` to `to`; the levels may be on different tracks, or the same level. Items pair
 * as in {@link diffTexts}, counterparts included, with terms weighted by how rare they are among the
 * items of the two levels: the sentences being compared are the corpus that tells a telling word from a
 * common one, so the result depends on these two levels alone (not on the rest of the framework or on
 * its version) and is the same both ways round.
 */
export function diffLevels(from: Level, to: Level, options: DiffOptions = {}): LevelDiff {
  const weights = TermWeights.over([...itemTexts(from), ...itemTexts(to)]);
  const textOptions: TextDiffOptions = { ...options, weights };
  const competencies = matchBySlug(from.competencies, to.competencies).map(([a, b]) =>
    diffCompetency(a, b, textOptions),
  );
  return levelDiff(from, to, competencies);
}

/** What each side of a reader's diff expects (expected.ts). */
export interface ExpectedSides {
  readonly from: readonly ExpectedItem[];
  readonly to: readonly ExpectedItem[];
  /**
   * Both sides come from one track of one version, so an item still expected is the same item on
   * both, and a grown one names what it grew from: they pair by identity. Otherwise (across tracks
   * or versions) they pair by text, as any two levels do.
   */
  readonly sameTrack: boolean;
}

/**
 * What changes from `from` to `to` for a reader: the expectations compared are what each level
 * expects (its own and, on a cumulative track, those still expected from below), so an expectation
 * the 'to' level still expects is unchanged, never removed, and one it states in a grown form is
 * changed, with its word segments. Examples are each level's own evidence and are compared as
 * written. Competencies follow `to`'s expectations, then those only `from` has.
 */
export function diffExpected(
  from: Level,
  to: Level,
  sides: ExpectedSides,
  options: DiffOptions = {},
): LevelDiff {
  const texts = (items: readonly ExpectedItem[]) => items.map((i) => i.expectation.text);
  const weights = TermWeights.over([
    ...texts(sides.from),
    ...texts(sides.to),
    ...itemTexts(from),
    ...itemTexts(to),
  ]);
  const textOptions: TextDiffOptions = { ...options, weights };
  const slugs = new Set([
    ...to.competencies.map((c) => c.slug),
    ...sides.to.map((i) => i.competency.slug),
    ...from.competencies.map((c) => c.slug),
    ...sides.from.map((i) => i.competency.slug),
  ]);
  const competencies = [...slugs].map((slug) => {
    const [a, b] = [sides.from, sides.to].map((side) => side.filter((i) => i.competency.slug === slug));
    const expectations = sides.sameTrack
      ? pairByIdentity(a!, b!)
      : diffTexts(texts(a!), texts(b!), textOptions);
    const written = (level: Level) => level.competencies.find((c) => c.slug === slug) ?? null;
    const shown = written(to) ?? b![0]?.competency ?? written(from) ?? a![0]!.competency;
    return diffCompetency(written(from), written(to), textOptions, {
      expectations,
      shown,
      present: [a!.length > 0 || written(from) !== null, b!.length > 0 || written(to) !== null],
    });
  });
  return levelDiff(from, to, competencies);
}

/**
 * Pairs what two levels of one track expect: the same item, or an item and the one it grew from
 * (upwards) or grew into (downwards); the rest is added or removed.
 */
function pairByIdentity(from: readonly ExpectedItem[], to: readonly ExpectedItem[]) {
  const index = new Map<Item, number>(from.map((e, i) => [e.expectation, i]));
  const taken = new Set<number>();
  const partnerOfTo = new Int32Array(to.length).fill(-1);
  const similarityOfTo = new Float64Array(to.length);
  to.forEach((item, j) => {
    const candidates = [item.expectation, ...item.grownFrom].map((e) => index.get(e));
    let i = candidates.find((c) => c !== undefined && !taken.has(c));
    i ??= from.findIndex((f, k) => !taken.has(k) && f.grownFrom.includes(item.expectation));
    if (i === undefined || i < 0) return;
    taken.add(i);
    partnerOfTo[j] = i;
    similarityOfTo[j] = textSimilarity(from[i]!.expectation.text, item.expectation.text);
  });
  const texts = (items: readonly ExpectedItem[]) => items.map((e) => e.expectation.text);
  return changesFromPairs(texts(from), texts(to), partnerOfTo, similarityOfTo);
}

function levelDiff(from: Level, to: Level, competencies: CompetencyDiff[]): LevelDiff {
  const summary = summarise(competencies.flatMap((c) => [...c.expectations, ...c.examples]));
  return { from, to, attributes: diffAttributes(from, to), competencies, summary };
}

function itemTexts(level: Level): string[] {
  return level.competencies.flatMap((c) => [...c.expectations, ...c.examples].map((item) => item.text));
}

function summarise(changes: readonly TextChange[]): DiffSummary {
  const summary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const change of changes) summary[change.status]++;
  return summary;
}

function diffAttributes(from: Level, to: Level): AttributeChange[] {
  const before = new Map(from.attributes.map((a) => [a.key, a]));
  const after = new Set(to.attributes.map((a) => a.key));
  const changes: AttributeChange[] = to.attributes.map((a) => {
    const old = before.get(a.key);
    const status: ChangeStatus = !old ? 'added' : old.value === a.value ? 'unchanged' : 'changed';
    return { key: a.key, label: a.label, from: old?.value ?? null, to: a.value, status };
  });
  for (const a of from.attributes)
    if (!after.has(a.key))
      changes.push({ key: a.key, label: a.label, from: a.value, to: null, status: 'removed' });
  return changes;
}

/** Pairs of competencies with the same slug, in `to`'s order, then those only `from` has. */
function matchBySlug(
  from: readonly Competency[],
  to: readonly Competency[],
): [Competency | null, Competency | null][] {
  const before = new Map(from.map((c) => [c.slug, c]));
  const after = new Set(to.map((c) => c.slug));
  const pairs: [Competency | null, Competency | null][] = to.map((c) => [before.get(c.slug) ?? null, c]);
  for (const c of from) if (!after.has(c.slug)) pairs.push([c, null]);
  return pairs;
}

/** A reader's diff gives a competency's expectations, which level shows it, and which sides have it (written or expected). */
interface Expected {
  readonly expectations: TextChange[];
  readonly shown: Competency;
  readonly present: readonly [boolean, boolean];
}

function diffCompetency(
  from: Competency | null,
  to: Competency | null,
  options: TextDiffOptions,
  expected?: Expected,
): CompetencyDiff {
  const texts = (c: Competency | null, kind: 'expectations' | 'examples') =>
    c?.[kind].map((i) => i.text) ?? [];
  const expectations =
    expected?.expectations ?? diffTexts(texts(from, 'expectations'), texts(to, 'expectations'), options);
  const examples = diffTexts(texts(from, 'examples'), texts(to, 'examples'), options);
  const shown = expected?.shown ?? (to ?? from)!;
  const [inFrom, inTo] = expected?.present ?? [!!from, !!to];
  const status: ChangeStatus = !inFrom
    ? 'added'
    : !inTo
      ? 'removed'
      : [...expectations, ...examples].every((c) => c.status === 'unchanged')
        ? 'unchanged'
        : 'changed';
  const summary = summarise([...expectations, ...examples]);
  return { slug: shown.slug, name: shown.name, emoji: shown.emoji, status, expectations, examples, summary };
}
