import type { FastifyError, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { MASKED_MESSAGE, sendError, type ApiErrorCode } from '../error-codes';
import { discardRestOfBody } from '../oversized-body';
import { LIMITS } from '../request-limits';

/** Fastify's own refusals, as codes of the catalogue. */
const FASTIFY_ERRORS: Record<string, { code: ApiErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: `The request body is larger than the limit of ${LIMITS.bodyBytes} bytes`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send GraphQL requests as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', message: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'BAD_REQUEST',
    message: 'Content-Length does not match the body',
  },
};

/**
 * What every response shares, whatever route answers it: the request id and nosniff headers, one
 * access line, and errors in the GraphQL error shape with a code from the catalogue.
 */
const errors: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Number(reply.elapsedTime.toFixed(2)),
      },
      'request',
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // answered once the client has stopped writing, so the close after it is not a reset
      return discardRestOfBody(request.raw).then(() => {
        if (!request.raw.socket.destroyed) sendError(reply, known.code, known.message);
      });
    }
    if (known) return sendError(reply, known.code, known.message);
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return sendError(reply, 'INVALID_JSON', `The request body is not valid JSON: ${error.message}`);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return sendError(reply, 'BAD_REQUEST', error.message);
    request.log.error({ err: error }, 'unexpected error while handling a request');
    return sendError(reply, 'INTERNAL_SERVER_ERROR', MASKED_MESSAGE);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `Nothing is served at ${request.method} ${request.url.split('?')[0]}`),
  );
};

/** Request ids, common headers, the access log and the error shape, for every route. */
export const errorsPlugin = fp(errors, { name: 'errors', fastify: '5.x' });
