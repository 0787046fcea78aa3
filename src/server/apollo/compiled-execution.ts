import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { RequestContext } from './context';

/** Per document: operation name → its compiled code, or 'seen' after its first request. */
type Compiled = Map<string, CompiledQuery | 'seen' | 'uncompilable'>;

/**
 * Executes known documents with graphql-jit instead of graphql-js, through Apollo's public
 * `responseForOperation` hook: by then Apollo has parsed, validated and limited the request (and
 * resolved its operation), and after it Apollo formats, reports and serialises the answer as usual.
 * So the compiled path changes how fields run, never which requests are answered or how.
 *
 * - A document is compiled the second time it is seen: compiling costs more than interpreting once.
 * - Any error (bad variables, a resolver that throws) makes this hook step aside, and Apollo
 *   executes the request itself, so every error keeps Apollo's one path and wording.
 * - Compiled code is keyed by the parsed document, which Apollo's document store hands back for the
 *   same query text; it goes when the store evicts the document.
 */
export function compiledExecutionPlugin(schema: GraphQLSchema): ApolloServerPlugin<RequestContext> {
  const documents = new WeakMap<DocumentNode, Compiled>();

  const compiledFor = (document: DocumentNode, operationName: string): CompiledQuery | null => {
    let compiled = documents.get(document);
    if (!compiled) {
      compiled = new Map();
      documents.set(document, compiled);
    }
    const known = compiled.get(operationName);
    if (known === undefined) {
      compiled.set(operationName, 'seen');
      return null;
    }
    if (known !== 'seen') return known === 'uncompilable' ? null : known;
    const made = compileQuery(schema, document, operationName || undefined);
    const result = isCompiledQuery(made) ? made : 'uncompilable';
    compiled.set(operationName, result);
    return result === 'uncompilable' ? null : result;
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
