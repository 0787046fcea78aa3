import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

/** An issuer for tests: its signing key published as a JWKS on 127.0.0.1, and a way to mint tokens. */
export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  /** A token signed by the issuer's key; `claims` override the defaults (iss, aud, exp in an hour). */
  token(
    claims?: Record<string, unknown>,
    options?: { expiresIn?: string; signWith?: 'other' },
  ): Promise<string>;
  close(): Promise<void>;
}

/** The env that points the server at this issuer. */
export function issuerEnv(issuer: TestIssuer): Record<string, string> {
  return { AUTH_ISSUER: issuer.issuer, AUTH_JWKS_URL: issuer.jwksUrl, AUTH_AUDIENCE: issuer.audience };
}

export async function startIssuer(): Promise<TestIssuer> {
  const own = await generateKeyPair('ES256');
  // same algorithm and key id, another key: what a forged token looks like
  const other = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(own.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const server: Server = createServer((request, response) => {
    if (request.url !== '/jwks.json') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const audience = 'career-framework-api';
  return {
    issuer: base,
    jwksUrl: `${base}/jwks.json`,
    audience,
    token: (claims = {}, options = {}) => {
      const key: KeyLike = options.signWith === 'other' ? other.privateKey : own.privateKey;
      return new SignJWT({ iss: base, aud: audience, sub: 'author', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(key);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
