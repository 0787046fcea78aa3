import {
  createLocalJWKSet,
  errors as joseErrors,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type KeyLike,
} from 'jose';

/** Why the issuer's keys could not be had: a stable name for logs and tests. */
export type IssuerFailureReason =
  'timeout' | 'unreachable' | 'status' | 'too-large' | 'not-json' | 'not-a-key-set';

/** One failed fetch of the key set, as logged. */
export interface IssuerFailure {
  readonly reason: IssuerFailureReason;
  readonly detail: string;
}

/** No key the server holds can verify the token and the issuer could not be asked: the server's fault. */
export class IssuerUnavailable extends Error {
  override readonly name = 'IssuerUnavailable';
  readonly reason: IssuerFailureReason;

  constructor(
    failure: IssuerFailure,
    /** Seconds a client should wait before sending the token again. */
    readonly retryAfterSeconds: number,
  ) {
    super(`the token issuer's keys could not be fetched (${failure.reason}: ${failure.detail})`);
    this.reason = failure.reason;
  }
}

/** How the keys are fetched and kept; the defaults are the ones jose's remote key set uses. */
export interface IssuerKeysOptions {
  readonly url: URL;
  /** Longest one fetch may take, headers and body. */
  readonly timeoutMs: number;
  /** A token naming an unknown key id fetches the set again at most this often. */
  readonly cooldownMs?: number;
  /** Keys older than this are fetched again in the background, the old ones serving meanwhile. */
  readonly maxAgeMs?: number;
  /** Largest key set read; a larger answer is a failure. */
  readonly maxBytes?: number;
  /** Milliseconds on a monotonic clock; tests move their own. */
  readonly now?: () => number;
  /** Called when fetches start failing, once until one succeeds again. */
  readonly onFailing?: (failure: IssuerFailure) => void;
  /** Called when a fetch succeeds after failures. */
  readonly onRecovered?: () => void;
}

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

class FetchFailed extends Error {
  constructor(readonly failure: IssuerFailure) {
    super(failure.detail);
  }
}

/**
 * The issuer's signing keys, fetched by this server rather than by jose's remote key set, whose
 * timeout stops at the response headers: here the whole fetch is bounded, one fetch at most is in
 * flight, and the last good keys keep serving while the issuer is down.
 */
export class IssuerKeys {
  private keys: LocalKeys | null = null;
  private fetchedAt = 0;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<LocalKeys> | null = null;
  private failure: IssuerFailure | null = null;
  private readonly now: () => number;
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly maxBytes: number;

  constructor(private readonly options: IssuerKeysOptions) {
    this.now = options.now ?? (() => performance.now());
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
  }

  /** jose's key resolver for `jwtVerify`. */
  readonly resolve = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike> => {
    const keys = await this.current();
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      return (await this.forUnknownKey(error))(header, token);
    }
  };

  /** Resolves once no fetch is in flight. */
  async idle(): Promise<void> {
    await this.pending?.catch(() => undefined);
  }

  private async current(): Promise<LocalKeys> {
    if (this.keys === null) return this.refresh();
    if (this.now() - this.fetchedAt >= this.maxAgeMs && this.mayFetch())
      // a failure is logged by fetchOnce; the old keys answer this request
      this.refresh().catch(() => undefined);
    return this.keys;
  }

  private forUnknownKey(notFound: Error): Promise<LocalKeys> {
    if (this.pending) return this.pending;
    if (this.mayFetch()) return this.refresh();
    // whether the key is new can only be told by an issuer that answers
    if (this.failure) throw this.unavailable(this.failure);
    throw notFound;
  }

  private mayFetch(): boolean {
    return this.now() - this.attemptedAt >= this.cooldownMs;
  }

  private refresh(): Promise<LocalKeys> {
    this.pending ??= this.fetchOnce().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchOnce(): Promise<LocalKeys> {
    this.attemptedAt = this.now();
    try {
      const keys = createLocalJWKSet(await this.download());
      this.keys = keys;
      this.fetchedAt = this.now();
      if (this.failure) {
        this.failure = null;
        this.options.onRecovered?.();
      }
      return keys;
    } catch (error) {
      const failure = describe(error);
      if (!this.failure) this.options.onFailing?.(failure);
      this.failure = failure;
      throw this.unavailable(failure);
    }
  }

  private unavailable(failure: IssuerFailure): IssuerUnavailable {
    return new IssuerUnavailable(failure, Math.max(1, Math.ceil(this.options.timeoutMs / 1000)));
  }

  /** The key set's JSON; the one signal bounds connecting, the headers and reading the body. */
  private async download(): Promise<JSONWebKeySet> {
    const { timeoutMs } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    let text: string;
    try {
      const response = await fetch(this.options.url, { signal, headers: { accept: 'application/json' } });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new FetchFailed({ reason: 'status', detail: `the issuer answered ${response.status}` });
      }
      text = await readCapped(response, this.maxBytes);
    } catch (error) {
      // an abort mid-body surfaces as whatever the stream throws, not always as the signal's reason
      if (signal.aborted && !(error instanceof FetchFailed))
        throw new FetchFailed({ reason: 'timeout', detail: `no complete answer within ${timeoutMs} ms` });
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new FetchFailed({ reason: 'not-json', detail: 'the answer is not JSON' });
    }
    return json as JSONWebKeySet;
  }
}

/** The body as text, refused as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = new FetchFailed({ reason: 'too-large', detail: `the key set is over ${maxBytes} bytes` });
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): IssuerFailure {
  if (error instanceof FetchFailed) return error.failure;
  if (error instanceof joseErrors.JWKSInvalid)
    return { reason: 'not-a-key-set', detail: 'the answer is not a JSON Web Key Set' };
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return {
    reason: 'unreachable',
    detail: cause?.code ?? (error instanceof Error ? error.message : String(error)),
  };
}
