import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isClientCode, MASKED_MESSAGE, type ApiErrorCode } from '../error-codes';

/** Apollo answers HTTP-level refusals with BAD_REQUEST; the status says which refusal it was. */
const BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

// graphql-js's wording for a near-miss name: " Did you mean "a", "b", or "c"?"
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function ownExtensions(error: unknown): Record<string, unknown> {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof GraphQLError) return original.extensions;
  return error instanceof GraphQLError ? error.extensions : {};
}

/**
 * The catalogue code an error is answered with, or null for an unexpected error (to be masked and
 * logged). Limit rules report through Apollo's validation step, which relabels every error
 * GRAPHQL_VALIDATION_FAILED, so their own code rides along as `limitCode`. Apollo's HTTP-level
 * refusals carry a 4xx status: with BAD_REQUEST, or with no code at all (a persisted query whose
 * hash does not match its text), they are the client's mistake.
 */
export function errorCodeOf(error: unknown): ApiErrorCode | null {
  const extensions = ownExtensions(error);
  const outer = error instanceof GraphQLError ? error.extensions : extensions;
  if (isClientCode(extensions.limitCode)) return extensions.limitCode;
  const code = outer.code ?? extensions.code;
  const status = ((extensions.http ?? outer.http) as { status?: number } | undefined)?.status;
  if ((code === 'BAD_REQUEST' || code === undefined) && status !== undefined) {
    const specific = BY_STATUS[status];
    if (specific) return specific;
    if (status >= 400 && status < 500) return 'BAD_REQUEST';
  }
  return isClientCode(code) ? code : null;
}

/** Options of formatError. */
export interface FormatErrorOptions {
  /** Drop "Did you mean …" from messages: it reveals the schema where introspection is off. */
  readonly hideSuggestions: boolean;
}

/**
 * Apollo's formatError for every error of every answer: the code from the catalogue, and
 * unexpected errors masked (the log keeps their message, with the stack).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatErrorOptions = { hideSuggestions: false },
): GraphQLFormattedError {
  const code = errorCodeOf(error);
  if (code === null) {
    return {
      message: MASKED_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  // Apollo's own setting hides suggestions in validation errors; variable coercion adds its own
  const message = options.hideSuggestions ? formatted.message.replace(SUGGESTION, '') : formatted.message;
  const { limitCode: _limitCode, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, message, extensions: { ...extensions, code } };
}
