import type { FastifyError, FastifyInstance } from 'fastify';

/** Every error the HTTP layer answers has the GraphQL shape, a stable code and the request id. */
export function errorBody(message: string, code: string, requestId: string): object {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than the limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send GraphQL requests as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Content-Length does not match the body',
  },
};

/** Maps Fastify's own errors (body limit, bad JSON, unknown routes and methods) to JSON answers. */
export function registerErrorHandlers(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      const message =
        known.code === 'PAYLOAD_TOO_LARGE' ? `${known.message} of ${bodyLimit} bytes` : known.message;
      return reply.code(known.status).send(errorBody(message, known.code, String(request.id)));
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return reply
        .code(400)
        .send(
          errorBody(
            `The request body is not valid JSON: ${error.message}`,
            'INVALID_JSON',
            String(request.id),
          ),
        );
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody(error.message, 'BAD_REQUEST', String(request.id)));
    }
    request.log.error({ err: error }, 'unexpected error while handling a request');
    return reply
      .code(500)
      .send(
        errorBody(
          'Internal server error. Quote the requestId when you report it.',
          'INTERNAL_SERVER_ERROR',
          String(request.id),
        ),
      );
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody(
          `Nothing is served at ${request.method} ${request.url.split('?')[0]}`,
          'NOT_FOUND',
          String(request.id),
        ),
      ),
  );
}
