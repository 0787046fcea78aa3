import { GraphQLError } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { LAST_CHANGE_VERSIONS } from '../last-change';
import { MAX_VERSION_LOADS, MAX_VERSIONS_LIMIT } from '../limits';

/** The code of a refused operation; the server's catalogue lists it with its status (400). */
const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * The versions a field reads from git itself, each a whole framework read and parsed, so a few of
 * them weigh more than thousands of fields. A lookup whose id names a version (`track/L3@v1`)
 * reads one; `changes` reads both sides.
 */
const OWN_LOADS: Readonly<Record<string, (args: Record<string, unknown>) => number>> = {
  'FrameworkVersion.framework': () => 1,
  'Framework.commit': () => 1,
  'Query.changes': () => 2,
  'Query.track': (a) => refs(a.id),
  'Query.level': (a) => refs(a.id),
  'Query.competency': (a) => refs(a.id),
  'Query.expectation': (a) => refs(a.id),
  'Query.example': (a) => refs(a.id),
  'Query.diffLevels': (a) => refs(a.from) + refs(a.to),
  'Query.stepChecklist': (a) => refs(a.from) + refs(a.to),
};

const refs = (id: unknown): number => (typeof id === 'string' && id.includes('@') ? 1 : 0);

/**
 * `lastChange` walks the history back from the version its level came from, reading up to
 * LAST_CHANGE_VERSIONS versions, once per starting version however many levels and aliases ask
 * (last-change.ts memoises it). The library adds up what siblings cost and cannot say where a field
 * is, so a walk is counted as this marker, far above any count of loads: a field whose objects come
 * from one version read from git turns the markers below it into the walks from there, and what is
 * left at the top is the one walk from the content being served.
 */
const WALK = 2 ** 30;

/** How many versions the objects below a field can come from, where that is not the content served. */
const VERSIONS_BELOW: Readonly<Record<string, (args: Record<string, unknown>) => number>> = {
  'FrameworkVersion.framework': () => 1,
  'LevelChange.from': () => 1,
  'LevelChange.since': () => 1,
  'LevelChange.version': () => 1,
  'Query.changes': () => 2,
  'Query.track': refs,
  'Query.level': refs,
  'Query.competency': refs,
  'Query.expectation': refs,
  'Query.example': refs,
  // both sides, when either names a version: one of them may be the content served or another version
  'Query.diffLevels': (a) => (refs(a.from) + refs(a.to) > 0 ? 2 : 0),
  'Query.stepChecklist': (a) => (refs(a.from) + refs(a.to) > 0 ? 2 : 0),
};

/** Turns the walks below a field into loads, for the versions its objects come from. */
function settleWalks(below: number, versions: number): number {
  const walks = Math.floor(below / WALK);
  return walks === 0 ? below : below - walks * WALK + versions * LAST_CHANGE_VERSIONS;
}

/** The loads of one operation, in all and by the field that reads them. */
export class LoadCount {
  readonly byField = new Map<string, number>();

  /**
   * The estimator that counts loads: a field's own, plus those below it, times the versions it
   * lists (only `versions` lists objects from many versions; the objects of any other list come
   * from one version, whose walk is memoised).
   */
  readonly estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const key = `${type.name}.${field.name}`;
    const own = key === 'Level.lastChange' ? WALK : (OWN_LOADS[key]?.(args) ?? 0);
    if (own > 0) {
      const counted = own === WALK ? LAST_CHANGE_VERSIONS : own;
      this.byField.set(key, (this.byField.get(key) ?? 0) + counted);
    }
    const versions = VERSIONS_BELOW[key]?.(args) ?? 0;
    const below = versions > 0 ? settleWalks(childComplexity, versions) : childComplexity;
    if (key !== 'Query.versions') return own + below;
    // a limit over the maximum is refused by the argument's rule when the field runs
    const limit = typeof args.limit === 'number' ? args.limit : MAX_VERSIONS_LIMIT;
    return Math.min(limit, MAX_VERSIONS_LIMIT) * settleWalks(below, 1);
  };

  /** Every version the operation could read: what the estimator summed, and the served walk once. */
  total(summed: number): number {
    return settleWalks(summed, Math.min(1, Math.floor(summed / WALK)));
  }

  /** The field that reads the most versions, to name in a refusal. */
  heaviest(): string {
    let heaviest = '';
    let most = 0;
    for (const [field, loads] of this.byField) if (loads > most) [heaviest, most] = [field, loads];
    return heaviest;
  }
}

/** The refusal of an operation that could read more than MAX_VERSION_LOADS versions from git. */
export function tooManyVersionLoads(loads: number, field: string): GraphQLError {
  return new GraphQLError(
    `This query could read about ${loads} versions from git (most of them for ${field}), more than the limit of ${MAX_VERSION_LOADS}. Ask for fewer versions' content at once, or split it.`,
    {
      extensions: {
        code: QUERY_TOO_COMPLEX,
        field,
        versionLoads: loads,
        limit: MAX_VERSION_LOADS,
        http: { status: 400 },
      },
    },
  );
}
