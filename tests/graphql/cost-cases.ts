import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import type { Framework } from '../../src/domain/framework';
import { INTROSPECTION } from '../../src/graphql/cost/budgets';
import { CostLimit } from '../../src/graphql/cost/limit';
import { buildFrameworkSchema } from '../../src/graphql/schema';
import { knownDocuments } from '../../src/server/known-operations';
import { LIMITS } from '../../src/server/request-limits';
import { CHECKLIST, DIFF, LEVEL, MATRIX, SEARCH, TRACKS } from '../../src/explorer/client/queries';
import { ROOT } from '../support/child';

export const schema = buildFrameworkSchema();

const documents = new Map<string, DocumentNode>();
/** One parsed document per text, as Apollo's document store keeps them. */
export function documentOf(query: string): DocumentNode {
  let document = documents.get(query);
  if (!document) documents.set(query, (document = parse(query)));
  return document;
}

/** The limit the server applies: calibrated on the explorer's, examples/' and introspection documents. */
export const limit = new CostLimit([...knownDocuments(), ...INTROSPECTION], LIMITS.cost);

/** The estimate for one operation: the fields its answer could have, over every root field. */
export function estimate(
  framework: Framework,
  query: string,
  variables: Record<string, unknown> = {},
): number {
  const cost = limit.measure(schema, documentOf(query), undefined, variables, framework);
  return [...cost.byRoot.values()].reduce((a, b) => a + b, 0);
}

/** The field the limit refuses an operation for, or null when it is accepted. */
export function refusedFor(
  framework: Framework,
  query: string,
  variables: Record<string, unknown> = {},
): string | null {
  try {
    limit.check(schema, documentOf(query), undefined, variables, framework);
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.code !== 'QUERY_TOO_COMPLEX') throw error;
    return (error.extensions.field as string | undefined) ?? '(fragments)';
  }
}

/** The operations in examples/, by file name. */
export const EXAMPLES: [string, string][] = readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => [f, readFileSync(path.join(ROOT, 'examples', f), 'utf8')]);

/** Every operation the explorer sends, with realistic variables for every level, track and pair. */
export function explorerOperations(framework: Framework): [string, string, Record<string, unknown>][] {
  const ops: [string, string, Record<string, unknown>][] = [['TRACKS', TRACKS, {}]];
  for (const level of framework.levels) ops.push([`LEVEL ${level.id}`, LEVEL, { id: level.id }]);
  for (const track of framework.tracks) {
    ops.push([`MATRIX ${track.id}`, MATRIX, { track: track.id }]);
    ops.push([`SEARCH ${track.id}`, SEARCH, { query: 'team', track: track.id, limit: 100 }]);
    for (const from of track.levels)
      for (const to of track.levels) {
        ops.push([`DIFF ${from.id} ${to.id}`, DIFF, { from: from.id, to: to.id }]);
        ops.push([
          `DIFF written ${from.id} ${to.id}`,
          DIFF,
          { from: from.id, to: to.id, basis: 'WRITTEN', authoring: true },
        ]);
        ops.push([`CHECKLIST ${from.id} ${to.id}`, CHECKLIST, { from: from.id, to: to.id }]);
      }
  }
  // across tracks, as the diff view and the checklist allow
  const [first, last] = [framework.levels[0]!, framework.levels[framework.levels.length - 1]!];
  ops.push([`DIFF ${first.id} ${last.id}`, DIFF, { from: first.id, to: last.id }]);
  ops.push([`CHECKLIST ${first.id} ${last.id}`, CHECKLIST, { from: first.id, to: last.id }]);
  ops.push(['SEARCH', SEARCH, { query: 'team', limit: 100 }]);
  return ops;
}

// wide and deep, within the depth and alias limits: the shape tests/http/hostile.test.ts sends
const costly = `{ ${Array.from(
  { length: 12 },
  (_, i) =>
    `t${i}: framework { tracks { levels { competencies { expectations { level { competencies { examples { level { competencies { name slug emoji id } } } } } } } } } }`,
).join(' ')} }`;
const nest = (fields: string[], leaf: string) =>
  `{ ${fields.join(' { ')} { ${leaf}${' }'.repeat(fields.length)} }`;

/** Fan-out the limit must refuse on any content, each within the depth limit of 12. */
export const HOSTILE: [string, string][] = [
  ['the costly query of the HTTP tests', costly],
  [
    'levels → track → levels → competencies → level → …',
    nest(
      [
        'levels',
        'track',
        'levels',
        'competencies',
        'level',
        'track',
        'levels',
        'competencies',
        'level',
        'track',
        'levels',
      ],
      'id',
    ),
  ],
  [
    'items → level → competencies → items → level → …',
    nest(
      [
        'tracks',
        'levels',
        'competencies',
        'expectations',
        'level',
        'competencies',
        'examples',
        'level',
        'competencies',
        'expectations',
      ],
      'text',
    ),
  ],
  [
    'neighbours, their tracks, then each competency’s level again',
    `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: levels { previous { track { levels { competencies { level { competencies { expectations { text } } } } } } } }`).join(' ')} }`,
  ],
];

/**
 * The number of fields in an answer's data, counted the way the estimate counts them: one per scalar,
 * null or object value, one per list element, and what is inside each object.
 */
export function countFields(data: unknown): number {
  const value = (v: unknown): number =>
    Array.isArray(v) ? v.reduce((n: number, e) => n + value(e), 0) : 1 + inside(v);
  const inside = (v: unknown): number =>
    v !== null && typeof v === 'object' ? Object.values(v).reduce((n: number, f) => n + value(f), 0) : 0;
  return inside(data);
}
