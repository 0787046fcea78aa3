import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/** The request limits, published in the README; a request over any of them gets a 4xx and the code beside it. */
export const LIMITS = {
  /** bytes of request body (HTTP 413 PAYLOAD_TOO_LARGE) */
  bodyBytes: 64 * 1024,
  /** lexical tokens in the query document (HTTP 400 GRAPHQL_PARSE_FAILED) */
  tokens: 2_000,
  /** nesting of selections, fragments included (HTTP 400 QUERY_TOO_DEEP) */
  depth: 12,
  /** aliased fields in one operation (HTTP 400 TOO_MANY_ALIASES) */
  aliases: 30,
  /** directives in one operation (HTTP 400 TOO_MANY_DIRECTIVES) */
  directives: 20,
  /**
   * fields the answer could have, sized from what it asks (src/graphql/cost), a search counting as
   * SEARCH_WORK fields more: the floor of the limit, which grows to the content's own size for
   * larger content (HTTP 400 QUERY_TOO_COMPLEX)
   */
  cost: 20_000,
} as const;

/** Error codes of the limit rules, beside the GraphQL spec's GRAPHQL_VALIDATION_FAILED. */
export const LimitCode = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  directives: 'TOO_MANY_DIRECTIVES',
  cost: 'QUERY_TOO_COMPLEX',
} as const;

// graphql-armor's rules throw out of the validation visitor by default, which graphql-js does not
// catch; reporting instead keeps the answer a 400 with every problem listed.
const report =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code, limitCode: code },
      }),
    );
  };

/**
 * The schema has no mutations or subscriptions; graphql-js only notices at execution, with an error
 * that has no code. Refusing them while validating makes them a 400 that says why.
 */
const queriesOnlyRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'query') return;
    context.reportError(
      new GraphQLError(`This API is read-only: ${node.operation} operations are not supported.`, {
        nodes: node,
      }),
    );
  },
});

/** The validation rules that bound the work one operation can ask for. */
export function limitRules(): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    queriesOnlyRule,
    maxDepthRule({ ...common, n: LIMITS.depth, onReject: [report(LimitCode.depth)] }),
    // graphql-armor lets `__typename` aliases through by default; 500 of them are work all the same
    maxAliasesRule({
      ...common,
      n: LIMITS.aliases,
      allowList: [],
      onReject: [report(LimitCode.aliases)],
    }),
    maxDirectivesRule({ ...common, n: LIMITS.directives, onReject: [report(LimitCode.directives)] }),
  ];
}
