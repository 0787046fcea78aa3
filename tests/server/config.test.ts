import { ConfigError, readConfig } from '../../src/server/config';

describe('readConfig', () => {
  it('warns about a NODE_ENV it does not know, which would leave introspection on', () => {
    const config = readConfig({ NODE_ENV: 'prod' });
    expect(config.production).toBe(false);
    expect(config.introspection).toBe(true);
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toContain('NODE_ENV');
  });

  it('has no warning for the NODE_ENV values it knows', () => {
    for (const NODE_ENV of ['production', 'development', 'test'])
      expect(readConfig({ NODE_ENV }).warnings).toEqual([]);
  });

  it('refuses timeouts below a second, naming the variable', () => {
    expect(() => readConfig({ REQUEST_TIMEOUT_MS: '10' })).toThrow(ConfigError);
    let problems = '';
    try {
      readConfig({ REQUEST_TIMEOUT_MS: '10', DRAIN_DELAY_MS: '-1' });
    } catch (error) {
      problems = (error as ConfigError).problems.join('\n');
    }
    // outside the catch, so a readConfig that accepted both would fail here
    expect(problems).toContain('REQUEST_TIMEOUT_MS');
    expect(problems).toContain('DRAIN_DELAY_MS');
  });

  it('listens on loopback unless HOST says otherwise (the image sets 0.0.0.0)', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('reads the settle time, 50 ms to a minute', () => {
    expect(readConfig({}).contentSettleMs).toBe(1000);
    expect(readConfig({ CONTENT_SETTLE_MS: '250' }).contentSettleMs).toBe(250);
    expect(() => readConfig({ CONTENT_SETTLE_MS: '10' })).toThrow(ConfigError);
  });

  it('reads the history and auth settings, with their defaults', () => {
    const config = readConfig({});
    expect(config.history).toBe(true);
    expect(config.historyCacheVersions).toBe(16);
    expect(config.auth).toEqual({
      issuer: null,
      jwksUrl: null,
      audience: null,
      draftsScope: 'drafts',
      tokenHashes: [],
      required: false,
      jwksTimeoutMs: 5000,
      allowNoExp: false,
    });
  });

  it.each([
    ['an issuer without its keys and audience', { AUTH_ISSUER: 'https://id.example' }],
    ['a token hash that is not SHA-256', { AUTH_TOKEN_SHA256: 'abc' }],
    ['a required token with no way to get one', { AUTH_REQUIRED: 'true' }],
    [
      'keys at a URL that is not http(s)',
      { AUTH_ISSUER: 'x', AUTH_AUDIENCE: 'y', AUTH_JWKS_URL: 'file:///k' },
    ],
    ['a branch name git would refuse', { HISTORY_BRANCH: 'a branch' }],
    ['a JWKS timeout below 100 ms', { AUTH_JWKS_TIMEOUT_MS: '5' }],
    ['a no-exp switch that is not a boolean', { AUTH_ALLOW_NO_EXP: 'maybe' }],
  ])('refuses %s', (_name, env) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
  });
});
