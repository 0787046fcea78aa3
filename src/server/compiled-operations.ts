import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { ListSizes } from './cost';
import { LIMITS } from './limits';

/** A document Apollo has already answered without errors, compiled to JavaScript by graphql-jit. */
export interface CompiledOperation {
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly compiled: CompiledQuery;
  /** staticFieldBound per content version's list sizes, computed on first use. */
  readonly bounds: WeakMap<ListSizes, number>;
}

/**
 * Documents that Apollo has answered successfully twice, compiled with graphql-jit, so the next
 * request with the same query text (and any variables) skips parsing, validation and graphql-js's
 * interpreter. Only a document that has passed every limit and validation rule gets here; whatever
 * goes wrong on this path is answered by Apollo again, so errors always take the one canonical path.
 */
export class CompiledOperations {
  private readonly compiled: LRUCache<string, CompiledOperation>;
  // a document is compiled on its second success: compiling costs more than interpreting once
  private readonly seen = new LRUCache<string, true>({ max: 2_000 });

  constructor(
    private readonly schema: GraphQLSchema,
    max = 500,
  ) {
    this.compiled = new LRUCache({ max });
  }

  get(query: string, operationName: string | null): CompiledOperation | undefined {
    return this.compiled.get(key(query, operationName));
  }

  /** Records a success; compiles the document when it has succeeded before. */
  succeeded(query: string, operationName: string | null): void {
    const k = key(query, operationName);
    if (this.compiled.has(k)) return;
    if (!this.seen.has(k)) {
      this.seen.set(k, true);
      return;
    }
    const document = parse(query, { maxTokens: LIMITS.tokens });
    const compiled = compileQuery(this.schema, document, operationName ?? undefined);
    if (isCompiledQuery(compiled))
      this.compiled.set(k, { document, operationName, compiled, bounds: new WeakMap() });
  }

  get size(): number {
    return this.compiled.size;
  }
}

const key = (query: string, operationName: string | null): string => `${operationName ?? ''}\u0000${query}`;
