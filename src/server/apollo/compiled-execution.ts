import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { DocumentStore } from './caches';
import type { RequestContext } from './context';

/** Per document: operation name → its compiled code, or 'uncompilable'. */
type Compiled = Map<string, CompiledQuery | 'uncompilable'>;

/**
 * Executes known documents with graphql-jit instead of graphql-js, through Apollo's public
 * `responseForOperation` hook: by then Apollo has parsed, validated and limited the request (and
 * resolved its operation), and after it Apollo formats, reports and serialises the answer as usual.
 * So the compiled path changes how fields run, never which requests are answered or how.
 *
 * - A document is compiled once the document store holds it, from the second time its text is
 *   seen: compiling costs more than interpreting once, and a document that never repeats is not
 *   worth either the time or the memory.
 * - Any error (bad variables, a resolver that throws) makes this hook step aside, and Apollo
 *   executes the request itself, so every error keeps Apollo's one path and wording.
 * - Compiled code is keyed by the stored document object, so it goes when the store evicts it.
 */
export function compiledExecutionPlugin(
  schema: GraphQLSchema,
  store: DocumentStore,
): ApolloServerPlugin<RequestContext> {
  const documents = new WeakMap<DocumentNode, Compiled>();

  const compiledFor = (document: DocumentNode, operationName: string): CompiledQuery | null => {
    if (!store.holds(document)) return null;
    let compiled = documents.get(document);
    if (!compiled) {
      compiled = new Map();
      documents.set(document, compiled);
    }
    let known = compiled.get(operationName);
    if (known === undefined) {
      const made = compileQuery(schema, document, operationName || undefined);
      known = isCompiledQuery(made) ? made : 'uncompilable';
      compiled.set(operationName, known);
    }
    return known === 'uncompilable' ? null : known;
  };

  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          const { document, operation, contextValue, request } = requestContext;
          // Apollo has resolved the operation by now; without one it answers the error itself
          if (!operation) return null;
          const compiled = compiledFor(document, operation.name?.value ?? '');
          if (!compiled) return null;
          let result;
          try {
            result = await compiled.query(undefined, contextValue, request.variables ?? {});
          } catch {
            return null;
          }
          if (result.errors?.length) return null;
          contextValue.exchange.answeredBy = 'compiled';
          return {
            http: requestContext.response.http,
            body: { kind: 'single', singleResult: { data: result.data as Record<string, unknown> } },
          };
        },
      };
    },
  };
}
