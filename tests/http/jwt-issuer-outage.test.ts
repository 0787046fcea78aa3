import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app';
import { issuerEnv, startIssuer, type IssuerMode, type TestIssuer } from '../support/jwks';
import { startTestServer, type TestServer } from '../support/server';

const QUERY = '{ framework { version } }';

async function ask(app: FastifyInstance, token: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { authorization: `Bearer ${token}` },
    payload: { query: QUERY },
  });
  return {
    status: response.statusCode,
    code: response.json().errors?.[0]?.extensions?.code,
    retryAfter: response.headers['retry-after'],
  };
}

async function askOver(server: TestServer, token: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    code: body.errors?.[0]?.extensions?.code,
    retryAfter: response.headers.get('retry-after'),
  };
}

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let issuer: TestIssuer;
beforeEach(async () => {
  issuer = await startIssuer();
});
afterEach(async () => {
  await issuer.close();
});

describe('an issuer that stalls after sending its headers', () => {
  // the test's timeout is the bound: without the fix the request waits far longer than this
  it('is answered 503 AUTH_UNAVAILABLE, is abandoned, and a valid token passes again once it recovers', async () => {
    const server = await startTestServer({ ...issuerEnv(issuer), AUTH_JWKS_TIMEOUT_MS: '300' });
    try {
      const token = await issuer.token();
      issuer.answer('stall');
      const during = await Promise.all([askOver(server, token), askOver(server, token)]);
      for (const answer of during) {
        expect(answer.status).toBe(503);
        expect(answer.code).toBe('AUTH_UNAVAILABLE');
        expect(answer.retryAfter).toMatch(/^[1-9]\d*$/);
      }
      await issuer.stallsClosed();
      // a later need starts its own fetch rather than waiting on the stuck one
      const stillStalled = await askOver(server, token);
      expect(stillStalled.code).toBe('AUTH_UNAVAILABLE');
      await issuer.stallsClosed();
      issuer.answer('keys');
      const after = await askOver(server, token);
      expect(after.status).toBe(200);
      expect(after.code).toBeUndefined();
    } finally {
      await server.close();
    }
  }, 10_000);
});

describe('an issuer that cannot give its keys', () => {
  it.each<[string, IssuerMode]>([
    ['answers 503', 'unavailable'],
    ['sends JSON that is not a key set', 'not-a-key-set'],
    ['sends a key set larger than the cap', 'oversized'],
  ])('makes a valid token 503 AUTH_UNAVAILABLE, not 401, when it %s', async (_name, mode) => {
    const app = await buildTestApp(issuerEnv(issuer));
    try {
      issuer.answer(mode);
      const answer = await ask(app, await issuer.token());
      expect(answer).toEqual({ status: 503, code: 'AUTH_UNAVAILABLE', retryAfter: expect.any(String) });
      issuer.answer('keys');
      expect((await ask(app, await issuer.token())).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('makes a valid token 503 AUTH_UNAVAILABLE when nothing listens at the JWKS URL', async () => {
    const app = await buildTestApp({
      ...issuerEnv(issuer),
      AUTH_JWKS_URL: `http://127.0.0.1:${await closedPort()}/jwks.json`,
    });
    try {
      expect((await ask(app, await issuer.token())).code).toBe('AUTH_UNAVAILABLE');
    } finally {
      await app.close();
    }
  });

  it('still refuses a token that is not a JWT with 401 UNAUTHORIZED', async () => {
    const app = await buildTestApp(issuerEnv(issuer));
    try {
      issuer.answer('unavailable');
      expect(await ask(app, 'not-a-token')).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    } finally {
      await app.close();
    }
  });

  it('logs the outage once at warn with its cause, none at error, and its end once', async () => {
    const lines: { level: number; msg: string; jwksUrl?: string; cause?: unknown }[] = [];
    const app = await buildTestApp(issuerEnv(issuer), {}, { write: (l) => void lines.push(JSON.parse(l)) });
    try {
      issuer.answer('unavailable');
      const token = await issuer.token();
      for (let i = 0; i < 3; i++) expect((await ask(app, token)).code).toBe('AUTH_UNAVAILABLE');
      expect(issuer.requests).toBe(3);
      const aboutKeys = () => lines.filter((l) => l.jwksUrl === issuer.jwksUrl);
      const warnings = aboutKeys().filter((l) => l.level === 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.cause).toEqual(expect.objectContaining({ reason: 'status' }));
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      issuer.answer('keys');
      expect((await ask(app, token)).status).toBe(200);
      expect((await ask(app, token)).status).toBe(200);
      expect(aboutKeys().map((l) => l.level)).toEqual([40, 30]);
    } finally {
      await app.close();
    }
  });
});

describe('the last good keys', () => {
  it('keep verifying tokens while the issuer is down, and still refuse a forgery with 401', async () => {
    const app = await buildTestApp(issuerEnv(issuer));
    try {
      const token = await issuer.token();
      expect((await ask(app, token)).status).toBe(200);
      issuer.answer('unavailable');
      expect((await ask(app, token)).status).toBe(200);
      const forged = await issuer.token({}, { signWith: 'other' });
      expect(await ask(app, forged)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    } finally {
      await app.close();
    }
  });
});

describe('tokens without exp', () => {
  it('refuses a correctly signed token without exp with 401 UNAUTHORIZED', async () => {
    const app = await buildTestApp(issuerEnv(issuer));
    try {
      const forever = await issuer.token({}, { withoutExp: true });
      expect(await ask(app, forever)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      expect((await ask(app, await issuer.token())).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('accepts one with AUTH_ALLOW_NO_EXP=true', async () => {
    const app = await buildTestApp({ ...issuerEnv(issuer), AUTH_ALLOW_NO_EXP: 'true' });
    try {
      expect((await ask(app, await issuer.token({}, { withoutExp: true }))).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
