import { createHash, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { IssuerKeys, type IssuerFailure } from './auth/jwks';
import type { AuthConfig } from './config';

/** What the caller may see. */
export interface Permission {
  /** A valid bearer token came with the request. */
  readonly authenticated: boolean;
  /** Draft levels and versions on unpublished branches. */
  readonly drafts: boolean;
}

/** No token: published content only. */
export const ANONYMOUS: Permission = Object.freeze({ authenticated: false, drafts: false });

/** A token that was sent but is not valid (malformed, expired, wrong audience or issuer, wrongly signed). */
export class InvalidToken extends Error {
  override readonly name = 'InvalidToken';
}

/** Tokens outlive small clock differences between the issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** Where the Authenticator reports the issuer's outages: once when they start, once when they end. */
export interface AuthLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * Turns an Authorization header into a permission. A static token is compared by its SHA-256 hash
 * (the environment holds no secret); any other bearer token must be a JWT signed by one of the
 * issuer's keys, for the configured audience, unexpired (and with an expiry, unless AUTH_ALLOW_NO_EXP).
 * Its drafts scope, permission or role grants drafts; a valid token without it sees what everyone
 * sees. When no key held can verify it and the issuer cannot be asked, it rejects with
 * IssuerUnavailable: the token was not judged.
 */
export class Authenticator {
  private readonly hashes: readonly Buffer[];
  private readonly keys: IssuerKeys | null;

  constructor(
    private readonly config: AuthConfig,
    log?: AuthLog,
  ) {
    this.hashes = config.tokenHashes.map((h) => Buffer.from(h, 'hex'));
    const jwksUrl = config.jwksUrl;
    this.keys = jwksUrl
      ? new IssuerKeys({
          url: new URL(jwksUrl),
          timeoutMs: config.jwksTimeoutMs,
          onFailing: (cause: IssuerFailure) =>
            log?.warn(
              { jwksUrl, cause },
              "the token issuer's signing keys cannot be fetched: until it answers, JWTs the keys held cannot verify get 503 AUTH_UNAVAILABLE",
            ),
          onRecovered: () => log?.info({ jwksUrl }, "the token issuer's signing keys are fetched again"),
        })
      : null;
  }

  /**
   * Resolves to the caller's permission; rejects with InvalidToken for a token that is not valid,
   * with IssuerUnavailable when the issuer's keys are needed and cannot be had.
   */
  async authenticate(header: string | undefined): Promise<Permission> {
    if (header === undefined || header.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new InvalidToken('the Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    if (this.isStaticToken(token)) return { authenticated: true, drafts: true };
    if (!this.keys) throw new InvalidToken('the bearer token is not one this server accepts');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys.resolve, {
        issuer: this.config.issuer!,
        audience: this.config.audience!,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: this.config.allowNoExp ? [] : ['exp'],
      }));
    } catch (error) {
      // jose's errors are the token's fault; the issuer's (IssuerUnavailable) and the unexpected are not
      if (error instanceof joseErrors.JOSEError)
        throw new InvalidToken(`the bearer token is not valid (${error.code})`);
      throw error;
    }
    return { authenticated: true, drafts: grants(payload, this.config.draftsScope) };
  }

  private isStaticToken(token: string): boolean {
    if (this.hashes.length === 0) return false;
    const hash = createHash('sha256').update(token).digest();
    // every hash is compared, in constant time, so timing tells nothing about which came close
    return this.hashes.reduce((found, h) => timingSafeEqual(h, hash) || found, false);
  }
}

/** Whether a token's scope (`scope`, `scp`), permissions or roles hold the scope that grants drafts. */
function grants(payload: JWTPayload, scope: string): boolean {
  const listed = (value: unknown): string[] =>
    typeof value === 'string'
      ? value.split(/\s+/)
      : Array.isArray(value)
        ? value.filter((v) => typeof v === 'string')
        : [];
  return [payload.scope, payload.scp, payload.permissions, payload.roles].some((claim) =>
    listed(claim).includes(scope),
  );
}
