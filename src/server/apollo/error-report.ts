import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context';
import { errorCodeOf } from './format-error';

/**
 * Logs unexpected errors with their stack and records the code of every error sent, once per
 * request (never per field, which would wrap every resolver).
 */
export const errorReportPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          if (errorCodeOf(error) !== null) continue;
          contextValue.log.error(
            { err: error.originalError ?? error, path: error.path },
            'unexpected error while answering a GraphQL request',
          );
        }
      },
      async willSendResponse({ response, contextValue, operationName }) {
        const exchange = contextValue.exchange;
        exchange.operationName = operationName ?? null;
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (errors) exchange.errorCodes.push(...errors.map((e) => String(e.extensions?.code ?? 'UNKNOWN')));
      },
    };
  },
};
