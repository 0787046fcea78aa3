/** The explorer's only way to the data: the public GraphQL API at /graphql, as any client would use it. */

/** An error the API answered (with its stable code), or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** `extensions.code` from the API, or NETWORK_ERROR / BAD_RESPONSE when there was no GraphQL answer. */
    readonly code: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Closest ids the API offers for an unknown one (`extensions.suggestions`). */
  get suggestions(): string[] {
    const value = this.extensions.suggestions;
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  }

  /** The argument the error is about, e.g. "from" for diffLevels. */
  get argument(): string | null {
    return typeof this.extensions.argument === 'string' ? this.extensions.argument : null;
  }

  get requestId(): string | null {
    return typeof this.extensions.requestId === 'string' ? this.extensions.requestId : null;
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: Record<string, unknown> }[];
}

// GET lets the browser's HTTP cache and the server's ETag answer repeated questions; a query too long
// for a comfortable URL goes by POST instead.
const MAX_GET_URL = 8000;

/**
 * A document on one line, short enough for a GET URL. A `#` comment in a document would swallow
 * the rest of it, so the explorer's documents have none (tests/server/explorer/documents.test.ts).
 */
export function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}

/** Runs one operation and resolves to its data; any GraphQL error rejects with the first one. */
export async function request<T>(
  query: string,
  variables: Readonly<Record<string, unknown>> = {},
): Promise<T> {
  const document = oneLine(query);
  const headers = { accept: 'application/json', 'apollo-require-preflight': '1' };
  const url = `/graphql?query=${encodeURIComponent(document)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
  let response: Response;
  try {
    response =
      url.length <= MAX_GET_URL
        ? await fetch(url, { headers })
        : await fetch('/graphql', {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ query: document, variables }),
          });
  } catch {
    throw new ApiError(
      'The server could not be reached. Check the connection and try again.',
      'NETWORK_ERROR',
    );
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The server answered ${response.status} without a GraphQL response.`, 'BAD_RESPONSE');
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN';
    throw new ApiError(first.message ?? 'The server reported an error.', code, extensions);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError(`The server answered ${response.status} without data.`, 'BAD_RESPONSE');
  }
  return body.data;
}
