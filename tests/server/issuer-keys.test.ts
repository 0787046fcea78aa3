import { errors as joseErrors, jwtVerify } from 'jose';
import { IssuerKeys, IssuerUnavailable, type IssuerKeysOptions } from '../../src/server/auth/jwks';
import { startIssuer, type TestIssuer } from '../support/jwks';

const COOLDOWN_MS = 30_000;
const MAX_AGE_MS = 600_000;

let issuer: TestIssuer;
let clock: number;
let failing: unknown[];
let recovered: number;

beforeEach(async () => {
  issuer = await startIssuer();
  clock = 0;
  failing = [];
  recovered = 0;
});
afterEach(async () => {
  await issuer.close();
});

/** Keys for the test issuer on a clock the test moves; the fetch timeout alone is real time. */
function keysFor(options: Partial<IssuerKeysOptions> = {}): IssuerKeys {
  return new IssuerKeys({
    url: new URL(issuer.jwksUrl),
    timeoutMs: 5000,
    cooldownMs: COOLDOWN_MS,
    maxAgeMs: MAX_AGE_MS,
    now: () => clock,
    onFailing: (cause) => void failing.push(cause),
    onRecovered: () => void (recovered += 1),
    ...options,
  });
}

const verify = async (keys: IssuerKeys, token: string) => (await jwtVerify(token, keys.resolve)).payload;

describe('IssuerKeys', () => {
  it('shares one fetch among every need that arrives while it runs', async () => {
    const keys = keysFor();
    const token = await issuer.token();
    await Promise.all(Array.from({ length: 5 }, () => verify(keys, token)));
    expect(issuer.requests).toBe(1);
  });

  it('fetches again for an unknown key id at most once per cooldown', async () => {
    const keys = keysFor();
    await verify(keys, await issuer.token());
    const rotated = await issuer.token({}, { signWith: 'next' });
    // fetched a moment ago: a key id it does not list is not the issuer's
    await expect(verify(keys, rotated)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
    expect(issuer.requests).toBe(1);
    clock += COOLDOWN_MS;
    await expect(verify(keys, rotated)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
    await expect(verify(keys, rotated)).rejects.toBeInstanceOf(joseErrors.JWKSNoMatchingKey);
    expect(issuer.requests).toBe(2);
    issuer.publishNextKey();
    clock += COOLDOWN_MS;
    await expect(verify(keys, rotated)).resolves.toMatchObject({ sub: 'author' });
    expect(issuer.requests).toBe(3);
  });

  it('refreshes keys older than the max age while the last good ones keep serving', async () => {
    const keys = keysFor();
    const token = await issuer.token();
    await verify(keys, token);
    issuer.answer('unavailable');
    clock += MAX_AGE_MS;
    await expect(verify(keys, token)).resolves.toMatchObject({ sub: 'author' });
    await keys.idle();
    expect(issuer.requests).toBe(2);
    expect(failing).toEqual([expect.objectContaining({ reason: 'status' })]);
    // the issuer is down: a key id the last keys lack cannot be judged
    const rotated = await issuer.token({}, { signWith: 'next' });
    await expect(verify(keys, rotated)).rejects.toBeInstanceOf(IssuerUnavailable);
    expect(issuer.requests).toBe(2);
    // a failing refresh is retried once per cooldown, and logged once per outage
    clock += COOLDOWN_MS;
    await verify(keys, token);
    await keys.idle();
    expect(issuer.requests).toBe(3);
    expect(failing).toHaveLength(1);
    issuer.answer('keys');
    issuer.publishNextKey();
    clock += COOLDOWN_MS;
    await verify(keys, token);
    await keys.idle();
    expect(recovered).toBe(1);
    await expect(verify(keys, rotated)).resolves.toMatchObject({ sub: 'author' });
    expect(issuer.requests).toBe(4);
  });

  it('abandons a fetch that outlives its timeout, and the next need starts a new one', async () => {
    const keys = keysFor({ timeoutMs: 200 });
    const token = await issuer.token();
    issuer.answer('stall');
    const stalled = await verify(keys, token).catch((error: unknown) => error);
    expect(stalled).toBeInstanceOf(IssuerUnavailable);
    expect((stalled as IssuerUnavailable).reason).toBe('timeout');
    await issuer.stallsClosed();
    issuer.answer('keys');
    await expect(verify(keys, token)).resolves.toMatchObject({ sub: 'author' });
    expect(issuer.requests).toBe(2);
  });

  it('refuses a key set larger than its cap without keeping it', async () => {
    const keys = keysFor({ maxBytes: 4096 });
    issuer.answer('oversized');
    const error = await verify(keys, await issuer.token()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuerUnavailable);
    expect((error as IssuerUnavailable).reason).toBe('too-large');
  });

  it.each([
    ['not-a-key-set', 'not-a-key-set'],
    ['unavailable', 'status'],
  ] as const)('names why the keys could not be had when the issuer answers %s', async (mode, reason) => {
    const keys = keysFor();
    issuer.answer(mode);
    const error = await verify(keys, await issuer.token()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuerUnavailable);
    expect((error as IssuerUnavailable).reason).toBe(reason);
  });
});
