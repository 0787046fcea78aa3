import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, readConfig } from '../../src/server/config';
import { VARIABLES, type VariableName } from '../../src/server/config-variables';

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

const refusal = (env: Record<string, string>): ConfigError => {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`readConfig accepted ${JSON.stringify(env)}`);
};

describe('the configuration table', () => {
  // defaults the table cannot state as a value: worked out from other facts when the server starts
  const COMPUTED_DEFAULTS: Partial<Record<VariableName, string>> = {
    INTROSPECTION: 'from NODE_ENV',
    HISTORY_BRANCH: 'from the repository',
    FRAME_ANCESTORS: "'self' is always added to the CSP",
    NODE_ENV: 'has no default',
  };

  it.each(Object.entries(VARIABLES))(
    '%s has the range and default its description states',
    (name, schema) => {
      const description = schema.description!;
      const range = /, (\d+) to (\d+)/.exec(description);
      if (range) {
        const [min, max] = [Number(range[1]), Number(range[2])];
        expect(schema.safeParse(String(min)).data).toBe(min);
        expect(schema.safeParse(String(max)).data).toBe(max);
        expect(schema.safeParse(String(max + 1)).success).toBe(false);
        expect(schema.safeParse(String(min - 1)).success).toBe(false);
      }
      const fallback = schema.parse(undefined) as unknown;
      const stated = /default ([^\s;,]+)/.exec(description)?.[1];
      if (name in COMPUTED_DEFAULTS) expect(fallback ?? []).toEqual([]);
      else if (fallback === undefined || (Array.isArray(fallback) && fallback.length === 0))
        expect(stated).toBe('none');
      else expect(String(fallback)).toBe(stated);
      const choices = /^one of ([^;]+);/.exec(description)?.[1]?.split(', ') ?? [];
      for (const choice of choices) expect(schema.safeParse(choice).success).toBe(true);
      if (choices.length > 0) expect(schema.safeParse('none-of-these').success).toBe(false);
    },
  );

  it('gives every variable a description, which is the README row', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const [name, description] of Object.entries(CONFIG_VARIABLES)) {
      const row = new RegExp(`^\\| \`${name}\` +\\| (.*?) +\\|$`, 'm').exec(readme);
      expect([name, row?.[1]]).toEqual([name, description]);
    }
  });

  it('reads booleans as true/false, 1/0, yes/no, on/off in any case, and nothing else', () => {
    for (const yes of ['true', '1', 'YES', 'On'])
      expect(readConfig({ LOG_PRETTY: yes }).logPretty).toBe(true);
    for (const no of ['false', '0', 'No', 'OFF']) expect(readConfig({ GRAPHIQL: no }).graphiql).toBe(false);
    expect(refusal({ LOG_PRETTY: 'y' }).issues).toEqual([
      expect.objectContaining({ variable: 'LOG_PRETTY' }),
    ]);
  });

  it('treats a blank value as unset and trims the rest', () => {
    const config = readConfig({ PORT: '  ', CACHE_MAX_AGE: ' 30 ', LOG_LEVEL: 'DEBUG' });
    expect([config.port, config.cacheMaxAge, config.logLevel]).toEqual([4000, 30, 'debug']);
  });

  it.each([
    ['an integer out of range', { PORT: '70000' }, 'PORT', 'too_big'],
    ['an integer below its range', { CONTENT_SETTLE_MS: '10' }, 'CONTENT_SETTLE_MS', 'too_small'],
    ['a number that is not a whole decimal', { CACHE_MAX_AGE: '1e3' }, 'CACHE_MAX_AGE', 'invalid_format'],
    ['something that is not a number', { PORT: 'eighty' }, 'PORT', 'invalid_format'],
    ['a boolean it does not know', { AUTH_REQUIRED: 'maybe' }, 'AUTH_REQUIRED', 'invalid_value'],
    ['a log level it does not know', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'invalid_value'],
    [
      'an origin without its scheme',
      { CORS_ORIGINS: 'https://a.example,b.example' },
      'CORS_ORIGINS',
      'custom',
    ],
    ['an origin with a path', { FRAME_ANCESTORS: 'https://a.example/embed' }, 'FRAME_ANCESTORS', 'custom'],
    ['a host with a space', { HOST: 'local host' }, 'HOST', 'invalid_format'],
    ['a branch name git would refuse', { HISTORY_BRANCH: 'a branch' }, 'HISTORY_BRANCH', 'invalid_format'],
    ['a token hash that is not 64 hex digits', { AUTH_TOKEN_SHA256: 'abc' }, 'AUTH_TOKEN_SHA256', 'custom'],
    [
      'keys at a URL that is not http(s)',
      { AUTH_ISSUER: 'x', AUTH_AUDIENCE: 'y', AUTH_JWKS_URL: 'file:///k' },
      'AUTH_JWKS_URL',
      'invalid_format',
    ],
    [
      'an issuer without its keys and audience',
      { AUTH_ISSUER: 'https://id.example' },
      'AUTH_ISSUER',
      'jwt_incomplete',
    ],
    [
      'a required token with no way to get one',
      { AUTH_REQUIRED: 'on' },
      'AUTH_REQUIRED',
      'required_without_token',
    ],
  ])('refuses %s, naming the variable', (_name, env, variable, code) => {
    const error = refusal(env);
    expect(error.issues.map((i) => [i.variable, i.code])).toEqual([[variable, code]]);
    expect(error.problems[0]).toContain(variable);
  });

  it('lists every problem at once', () => {
    const error = refusal({ PORT: '-1', LOG_LEVEL: 'loud', CORS_ORIGINS: 'x', AUTH_AUDIENCE: 'api' });
    expect(error.issues.map((i) => i.variable).sort()).toEqual([
      'AUTH_ISSUER',
      'CORS_ORIGINS',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(error.problems).toHaveLength(4);
  });

  it('accepts a JWT issuer with its keys and audience, and static token hashes in any case', () => {
    const hash = 'AB'.repeat(32);
    const { auth } = readConfig({
      AUTH_ISSUER: 'https://id.example',
      AUTH_JWKS_URL: 'https://id.example/.well-known/jwks.json',
      AUTH_AUDIENCE: 'api',
      AUTH_TOKEN_SHA256: `${hash}, ${'c'.repeat(64)}`,
      AUTH_REQUIRED: 'true',
    });
    expect(auth.tokenHashes).toEqual([hash.toLowerCase(), 'c'.repeat(64)]);
    expect(auth.required).toBe(true);
  });

  it('reads origin lists, dropping a trailing slash, and * as any origin', () => {
    const config = readConfig({
      CORS_ORIGINS: 'https://a.example/ http://b.example:8080',
      FRAME_ANCESTORS: "'self'",
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(config.frameAncestors).toEqual(["'self'"]);
    expect(readConfig({ CORS_ORIGINS: 'https://a.example,*' }).corsOrigins).toBe('*');
  });
});
