/**
 * The request bodies of the soak: a flood of unique documents (a new string literal in the query
 * every request, so Apollo parses, validates and stores a new document each time), a flood of unique
 * variables on one document (the document is cached and compiled, the answers are not), and the
 * small repeated request of the quiet period.
 */
import { OPERATIONS, bodyOf, uniqueTemplate, type Operation } from '../http/operations';

/** A body as the text around its tag: every request sends `before + tag + after`. */
export interface Template {
  readonly before: string;
  readonly after: string;
}

const MARK = '__SOAK_TAG__';

function split(body: string): Template {
  const at = body.indexOf(MARK);
  return { before: body.slice(0, at), after: body.slice(at + MARK.length) };
}

/**
 * The operation plus `nonce: level(id: "<tag>") { id }` written into the document: valid, within
 * every limit, answering null for the nonce, and a document no cache has seen.
 */
export function uniqueDocumentTemplate(op: Operation): Template {
  return split(
    JSON.stringify({
      query: `query ${op.operationName} { ${op.fields} nonce: level(id: "${MARK}") { id } }`,
      operationName: op.operationName,
    }),
  );
}

/** The benchmark's own unique body: one document, `$nonce` new every request. */
export function uniqueVariablesTemplate(op: Operation): Template {
  return uniqueTemplate(op);
}

/** The body of one request: tags are the run's prefix and a counter, so no two requests share one. */
export function bodyAt(template: Template, prefix: string, n: number): string {
  return `${template.before}${prefix}-${n.toString(36)}${template.after}`;
}

/** The quiet period's request and the start-up probe: track and level titles, answered from cache. */
export const SMALL_BODY = bodyOf(
  OPERATIONS.find((o) => o.name === 'tiny')!,
  'repeated',
);
