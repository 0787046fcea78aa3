import { GraphQLError } from 'graphql';
import { LAST_CHANGE_VERSIONS } from '../last-change';
import { MAX_VERSION_LOADS } from '../limits';

/** The code of a refused operation; the server's catalogue lists it with its status (400). */
const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * The versions read from git for each object a field is asked on, beside the answer's size: each
 * load reads and parses a whole framework, so a few of them cost more than thousands of fields. A
 * lookup by an id with `@ref` and `changes` are counted where their arguments are read (estimate.ts).
 */
export const VERSION_LOADS: Readonly<Record<string, number>> = {
  'FrameworkVersion.framework': 1,
  'Framework.commit': 1,
  'Level.lastChange': LAST_CHANGE_VERSIONS,
};

/** The field whose loads are one walk per version it starts from (see estimate.ts). */
export const LAST_CHANGE_FIELD = 'Level.lastChange';

/**
 * Fields below which the objects come from versions read from git without the field itself loading
 * one (it was loaded by what led there): a lastChange asked below them walks from that version.
 */
export const VERSIONED_BELOW: ReadonlySet<string> = new Set([
  'Query.changes',
  'LevelChange.from',
  'LevelChange.since',
  'LevelChange.version',
]);

/** Versions `changes` reads: both sides. */
export const CHANGES_LOADS = 2;

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
