import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/**
 * How the issuer's JWKS endpoint answers: its keys; headers and the start of a body, then nothing;
 * 503; a JSON body that is not a key set; a key set larger than any server should read.
 */
export type IssuerMode = 'keys' | 'stall' | 'unavailable' | 'not-a-key-set' | 'oversized';

/** An issuer for tests: its signing key published as a JWKS on 127.0.0.1, and a way to mint tokens. */
export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  /** JWKS requests received so far, whatever they were answered. */
  readonly requests: number;
  /**
   * A token signed by the issuer's key; `claims` override the defaults (iss, aud, exp in an hour).
   * `signWith: 'other'` signs with a key the issuer never published under the same key id (a
   * forgery); `'next'` with the key {@link publishNextKey} publishes, under its own key id.
   */
  token(
    claims?: Record<string, unknown>,
    options?: { expiresIn?: string; withoutExp?: boolean; signWith?: 'other' | 'next' },
  ): Promise<string>;
  /** How the endpoint answers from now on; answers already started are left as they are. */
  answer(mode: IssuerMode): void;
  /** Adds the next key (key id `next-key`) to the published set, as an issuer rotating keys does. */
  publishNextKey(): void;
  /** Resolves once every stalled answer has had its connection closed by the client. */
  stallsClosed(): Promise<void>;
  close(): Promise<void>;
}

/** The env that points the server at this issuer. */
export function issuerEnv(issuer: TestIssuer): Record<string, string> {
  return { AUTH_ISSUER: issuer.issuer, AUTH_JWKS_URL: issuer.jwksUrl, AUTH_AUDIENCE: issuer.audience };
}

const publicJwk = async (key: KeyLike, kid: string) => ({
  ...(await exportJWK(key)),
  kid,
  alg: 'ES256',
  use: 'sig',
});

export async function startIssuer(): Promise<TestIssuer> {
  const own = await generateKeyPair('ES256');
  // same algorithm and key id, another key: what a forged token looks like
  const other = await generateKeyPair('ES256');
  const next = await generateKeyPair('ES256');
  const published = [await publicJwk(own.publicKey, 'test-key')];
  const nextJwk = await publicJwk(next.publicKey, 'next-key');
  let mode: IssuerMode = 'keys';
  let requests = 0;
  const stalled = new Set<ServerResponse>();
  let onStallClosed: (() => void) | null = null;

  const server: Server = createServer((request, response) => {
    if (request.url !== '/jwks.json') return void response.writeHead(404).end();
    requests += 1;
    const json = { 'content-type': 'application/json' };
    switch (mode) {
      case 'keys':
        return void response.writeHead(200, json).end(JSON.stringify({ keys: published }));
      case 'unavailable':
        return void response.writeHead(503, json).end('{"error":"temporarily_unavailable"}');
      case 'not-a-key-set':
        return void response.writeHead(200, json).end('{"issuer":"not keys"}');
      case 'oversized':
        // a real key set, padded past any sane size
        return void response
          .writeHead(200, json)
          .end(JSON.stringify({ keys: published, padding: 'x'.repeat(1024 * 1024) }));
      case 'stall':
        response.writeHead(200, json);
        response.write('{"keys":[');
        stalled.add(response);
        response.on('close', () => {
          stalled.delete(response);
          if (stalled.size === 0) onStallClosed?.();
        });
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const audience = 'career-framework-api';
  return {
    issuer: base,
    jwksUrl: `${base}/jwks.json`,
    audience,
    get requests() {
      return requests;
    },
    token: (claims = {}, options = {}) => {
      const key = options.signWith === 'other' ? other : options.signWith === 'next' ? next : own;
      const kid = options.signWith === 'next' ? 'next-key' : 'test-key';
      const jwt = new SignJWT({ iss: base, aud: audience, sub: 'author', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuedAt();
      if (!options.withoutExp) jwt.setExpirationTime(options.expiresIn ?? '1h');
      return jwt.sign(key.privateKey);
    },
    answer: (next) => void (mode = next),
    publishNextKey: () => void published.push(nextJwk),
    stallsClosed: () =>
      stalled.size === 0 ? Promise.resolve() : new Promise((resolve) => (onStallClosed = resolve)),
    close: () =>
      new Promise((resolve) => {
        // a stalled answer would hold the server open for ever
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
