import type { FastifyReply } from 'fastify';

/** One API error code: the HTTP status it is answered with and whether it is the client's mistake. */
export interface ApiError {
  readonly status: number;
  /** A client mistake: its message is shown as it is, it is never logged with a stack. */
  readonly client: boolean;
  /** What it means, for the README and for people reading metrics. */
  readonly description: string;
}

/**
 * Every `extensions.code` this server answers with. Error formatting, metrics and the README read
 * this table; a code that is not here is an unexpected error and is masked as INTERNAL_SERVER_ERROR.
 */
export const API_ERRORS = {
  BAD_USER_INPUT: { status: 400, client: true, description: 'an argument or variable is not allowed' },
  BAD_REQUEST: {
    status: 400,
    client: true,
    description: 'not a GraphQL request (CSRF rule, batch, missing query)',
  },
  GRAPHQL_PARSE_FAILED: { status: 400, client: true, description: 'the document is not valid GraphQL' },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    client: true,
    description: 'the document does not fit the schema',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    client: true,
    description: 'operationName names no operation',
  },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, client: true, description: 'send the full query with its hash' },
  PERSISTED_QUERY_NOT_SUPPORTED: { status: 200, client: true, description: 'persisted queries are off' },
  QUERY_TOO_DEEP: { status: 400, client: true, description: 'selections nested deeper than the limit' },
  TOO_MANY_ALIASES: { status: 400, client: true, description: 'more aliases than the limit' },
  TOO_MANY_DIRECTIVES: { status: 400, client: true, description: 'more directives than the limit' },
  QUERY_TOO_COMPLEX: { status: 400, client: true, description: 'the answer could be larger than the limit' },
  INVALID_JSON: { status: 400, client: true, description: 'the request body is not valid JSON' },
  VERSION_CONTENT_INVALID: {
    // in a GraphQL answer it is a field error beside the rest of the data (200); the CSV export answers 422
    status: 422,
    client: true,
    description: 'the version asked for has content errors and is not served; extensions.problems lists them',
  },
  UNAUTHORIZED: {
    status: 401,
    client: true,
    description: 'the bearer token is not valid (or missing where AUTH_REQUIRED=true)',
  },
  FORBIDDEN: {
    status: 403,
    client: true,
    description: 'drafts were asked for without the drafts permission',
  },
  NOT_FOUND: { status: 404, client: true, description: 'nothing is served at that path' },
  METHOD_NOT_ALLOWED: { status: 405, client: true, description: 'the method is not allowed there' },
  NOT_ACCEPTABLE: { status: 406, client: true, description: 'the Accept header allows no type served there' },
  REQUEST_TIMEOUT: { status: 408, client: true, description: 'the request took longer than allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, client: true, description: 'the body is larger than the limit' },
  URI_TOO_LONG: { status: 414, client: true, description: 'the URL is longer than the limit' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, client: true, description: 'the body is not JSON' },
  EXPECTATION_FAILED: {
    status: 417,
    client: true,
    description: 'the Expect header asks for something other than 100-continue',
  },
  HEADERS_TOO_LARGE: { status: 431, client: true, description: 'the headers are larger than the limit' },
  INTERNAL_SERVER_ERROR: { status: 500, client: false, description: 'unexpected; the log has the stack' },
  AUTH_UNAVAILABLE: {
    status: 503,
    client: false,
    description:
      "the token issuer's signing keys could not be fetched in time; the token was not judged, try again",
  },
  EXPLORER_NOT_BUILT: {
    status: 503,
    client: false,
    description: 'the explorer was not built on this server',
  },
} as const satisfies Record<string, ApiError>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** Whether a code is one this server answers with as a client's mistake (shown, not masked). */
export function isClientCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && code in API_ERRORS && API_ERRORS[code as ApiErrorCode].client;
}

/** The message every masked error carries. */
export const MASKED_MESSAGE = 'Internal server error. Quote the requestId when you report it.';

/** Every error the HTTP layer answers has the GraphQL shape, a stable code and the request id. */
export function errorBody(code: ApiErrorCode, message: string, requestId: string): object {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

/** Answers an error from the catalogue: its status, the GraphQL error shape, no caching. */
export function sendError(reply: FastifyReply, code: ApiErrorCode, message: string): FastifyReply {
  return (
    reply
      .code(API_ERRORS[code].status)
      .header('cache-control', 'no-store')
      // refusals before routing skip the hooks that set these on every other answer
      .header('x-request-id', reply.request.id)
      .header('x-content-type-options', 'nosniff')
      .type('application/json; charset=utf-8')
      .send(errorBody(code, message, String(reply.request.id)))
  );
}
