import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { API_ERRORS, isClientCode, MASKED_MESSAGE, type ApiErrorCode } from '../error-codes';

function originalExtensions(error: unknown): Record<string, unknown> | undefined {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  return original instanceof GraphQLError ? original.extensions : undefined;
}

/** Apollo answers HTTP-level refusals with BAD_REQUEST; the status says which refusal it was. */
const BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Apollo's formatError for every error of every answer. Limit rules report through Apollo's
 * validation step, which relabels every error GRAPHQL_VALIDATION_FAILED: restore the specific code.
 * Codes outside the catalogue's client codes are unexpected and lose their message (the log keeps
 * it, with the stack).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const extensions = originalExtensions(error);
  const limitCode = extensions?.limitCode;
  if (typeof limitCode === 'string') {
    return { ...formatted, extensions: { ...formatted.extensions, code: limitCode, limitCode: undefined } };
  }
  const code = formatted.extensions?.code;
  const status = (extensions?.http as { status?: number } | undefined)?.status;
  const specific = code === 'BAD_REQUEST' && status !== undefined ? BY_STATUS[status] : undefined;
  if (specific) return { ...formatted, extensions: { ...formatted.extensions, code: specific } };
  if (isClientCode(code)) return formatted;
  return {
    message: MASKED_MESSAGE,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies keyof typeof API_ERRORS },
  };
}
