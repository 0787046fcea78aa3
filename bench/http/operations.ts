/**
 * The five GraphQL operations every target answers, and the request bodies sent for them: repeated
 * (the same body every request) and unique (a variable changes on every request, so no cache can
 * answer).
 */

export const OP_NAMES = ['tiny', 'level', 'matrix', 'diff', 'search'] as const;
export type OpName = (typeof OP_NAMES)[number];
export const MODES = ['repeated', 'unique'] as const;
export type Mode = (typeof MODES)[number];

/** One named query the benchmark sends. */
export interface Operation {
  readonly name: OpName;
  readonly operationName: string;
  readonly description: string;
  /** The root selection, without braces. */
  readonly fields: string;
}

const SOURCE = 'source { path line }';
const ITEM = `id text position ${SOURCE} competency { id slug name } level { id code title }`;
const CHANGE = 'status from to fromPosition toPosition similarity segments { kind text }';
const SUMMARY = 'summary { added removed changed unchanged }';

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'tiny',
    operationName: 'TrackTitles',
    description: 'track and level titles',
    fields: 'tracks { id name levels { id code title } }',
  },
  {
    name: 'level',
    operationName: 'FullLevel',
    description: 'one full level (SRE L3), every field, ~20 KB',
    fields:
      'level(id: "site-reliability-engineer/L3") { id code rank title summary status planningHorizon impactRadius ' +
      `evaluation responsibilityAndDirectionNeeded ${SOURCE} attributes { key label value } ` +
      'track { id name description } previous { id code title } next { id code title } ' +
      `competencies { id slug name emoji ${SOURCE} expectations { ${ITEM} } examples { ${ITEM} } } }`,
  },
  {
    name: 'matrix',
    operationName: 'SreMatrix',
    description: 'the SRE competency matrix',
    fields:
      'track(id: "site-reliability-engineer") { competencyMatrix { levels { id code title } ' +
      'rows { slug name emoji cells { id expectations { id text } examples { id text } } } } }',
  },
  {
    name: 'diff',
    operationName: 'SreDiff',
    description: 'the SRE L2 → L3 diff with word segments',
    fields:
      'diffLevels(from: "site-reliability-engineer/L2", to: "site-reliability-engineer/L3") { ' +
      'from { id title } to { id title } attributes { key label status from to } ' +
      `competencies { slug name emoji status ${SUMMARY} expectations { ${CHANGE} } examples { ${CHANGE} } } ${SUMMARY} }`,
  },
  {
    name: 'search',
    operationName: 'Search',
    description: 'search "incident review", 20 hits',
    fields:
      'search(query: "incident review", limit: 20) { kind id text score level { id title } competency { name } }',
  },
];

/**
 * Repeated: the operation as it is. Unique: the same plus `nonce: level(id: $nonce) { id }`, a
 * lookup that answers null, so the response keeps the same size (plus `"nonce":null`) while the
 * variables — and with them every cache key — change on each request.
 */
export function queryOf(op: Operation, mode: Mode): string {
  return mode === 'repeated'
    ? `query ${op.operationName} { ${op.fields} }`
    : `query ${op.operationName}($nonce: ID!) { ${op.fields} nonce: level(id: $nonce) { id } }`;
}

const NONCE_MARK = '__BENCH_NONCE__';

/** The unique body around its nonce: every request sends `before + nonce + after`. */
export function uniqueTemplate(op: Operation): { before: string; after: string } {
  const body = JSON.stringify({
    query: queryOf(op, 'unique'),
    variables: { nonce: NONCE_MARK },
    operationName: op.operationName,
  });
  const at = body.indexOf(NONCE_MARK);
  return { before: body.slice(0, at), after: body.slice(at + NONCE_MARK.length) };
}

/** The body of one request; a unique body with a fixed nonce, for the response checks. */
export function bodyOf(op: Operation, mode: Mode, nonce = 'check-0'): string {
  if (mode === 'repeated')
    return JSON.stringify({ query: queryOf(op, 'repeated'), operationName: op.operationName });
  const { before, after } = uniqueTemplate(op);
  return `${before}${nonce}${after}`;
}
