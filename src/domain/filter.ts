import { attributeValue, type Level } from './entities';
import type { Framework } from './framework';
import { NAMED_ATTRIBUTE_KEYS, type NamedAttributeKey } from './named-attributes';
import { normaliseForMatch } from './text/normalise';

/**
 * Conditions on one string; every operator given must hold. Comparison is on `normaliseForMatch`
 * forms: NFC, trimmed, inner white space folded to one space, lower-cased.
 */
export interface StringMatch {
  /** Equal to this value. */
  readonly eq?: string | null;
  /** Equal to one of these values; an empty list matches nothing. */
  readonly in?: readonly string[] | null;
  /** Contains this text; an empty string matches any value. */
  readonly contains?: string | null;
}

/** A condition on any attribute by key; the level must have that attribute, and every operator given must hold. */
export interface AttributeMatch extends StringMatch {
  /** The camelCase attribute key, compared exactly. */
  readonly key: string;
}

/** A condition on each named attribute, under the attribute's key. */
export type NamedAttributeMatches = { readonly [K in NamedAttributeKey]?: StringMatch | null };

/** The levels question's filter; every condition given must hold. */
export interface LevelFilter extends NamedAttributeMatches {
  /** Track id, compared case-insensitively. */
  readonly track?: string | null;
  /** Level code such as `L3`, compared case-insensitively. */
  readonly code?: string | null;
  /** Lowest rank, inclusive. */
  readonly rankMin?: number | null;
  /** Highest rank, inclusive. */
  readonly rankMax?: number | null;
  readonly attributes?: readonly AttributeMatch[] | null;
  /** Include draft levels; default false. */
  readonly includeDrafts?: boolean | null;
}

/**
 * The levels matching every given condition, ordered by track then rank. A condition on an attribute
 * (named or by key) fails for a level without that attribute, even when it gives no operator, so
 * `{ key: 'x' }` reads as "has attribute x". Nulls are treated as absent, as GraphQL sends them.
 */
export function filterLevels(framework: Framework, filter: LevelFilter = {}): Level[] {
  const conditions: ((level: Level) => boolean)[] = [];
  if (!filter.includeDrafts) conditions.push((l) => l.status === 'published');
  if (filter.track != null) {
    const track = normaliseForMatch(filter.track);
    conditions.push((l) => normaliseForMatch(l.trackId) === track);
  }
  if (filter.code != null) {
    const code = normaliseForMatch(filter.code);
    conditions.push((l) => normaliseForMatch(l.code) === code);
  }
  const { rankMin, rankMax } = filter;
  if (rankMin != null) conditions.push((l) => l.rank >= rankMin);
  if (rankMax != null) conditions.push((l) => l.rank <= rankMax);
  for (const key of NAMED_ATTRIBUTE_KEYS) {
    const match = filter[key];
    if (match != null) conditions.push(attributeCondition(key, match));
  }
  for (const match of filter.attributes ?? []) conditions.push(attributeCondition(match.key, match));
  return framework.levels.filter((level) => conditions.every((holds) => holds(level)));
}

function attributeCondition(key: string, match: StringMatch): (level: Level) => boolean {
  const test = stringMatcher(match);
  return (level) => {
    const value = attributeValue(level, key);
    return value !== null && test(value);
  };
}

/** A predicate for one StringMatch, with its operands normalised once rather than per level. */
export function stringMatcher(match: StringMatch): (value: string) => boolean {
  const tests: ((value: string) => boolean)[] = [];
  if (match.eq != null) {
    const eq = normaliseForMatch(match.eq);
    tests.push((v) => v === eq);
  }
  if (match.in != null) {
    const options = new Set(match.in.map(normaliseForMatch));
    tests.push((v) => options.has(v));
  }
  if (match.contains != null) {
    const part = normaliseForMatch(match.contains);
    tests.push((v) => v.includes(part));
  }
  return (value) => {
    const normalised = normaliseForMatch(value);
    return tests.every((t) => t(normalised));
  };
}
