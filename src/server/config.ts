import path from 'node:path';

/** Everything the server reads from the environment, validated. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly contentDir: string;
  readonly logLevel: LogLevel;
  /** Pretty, human-readable logs instead of JSON lines (npm run dev). */
  readonly logPretty: boolean;
  readonly contentWatch: boolean;
  readonly introspection: boolean;
  readonly production: boolean;
  /** Serve the Federation 2 subgraph schema (entities, _service, _entities). */
  readonly federation: boolean;
  /** Serve GraphiQL to browsers opening /graphql. */
  readonly graphiql: boolean;
  /** Values that were accepted but are probably not what was meant; logged at start. */
  readonly warnings: readonly string[];
  /** Origins allowed by CORS; empty means no cross-origin browser access. */
  readonly corsOrigins: readonly string[] | '*';
  readonly cacheMaxAge: number;
  readonly responseCacheBytes: number;
  /** Origins allowed to frame the embed pages (CSP frame-ancestors). */
  readonly frameAncestors: readonly string[];
  readonly shutdownTimeoutMs: number;
  /** On SIGTERM, how long to keep answering (with Connection: close) before the listener closes. */
  readonly drainDelayMs: number;
  /** Longest a client may take to send its headers. */
  readonly headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included. */
  readonly requestTimeoutMs: number;
  /** Longest a keep-alive connection may stay idle between requests. */
  readonly keepAliveTimeoutMs: number;
  /** Read versions of the content from the git repository that holds CONTENT_DIR, when there is one. */
  readonly history: boolean;
  /** The branch whose commits are published; null: the checked-out one, else main, else master. */
  readonly historyBranch: string | null;
  /** How many versions read from git are kept loaded. */
  readonly historyCacheVersions: number;
  /** How long the content folder must stay unchanged before a reload reads it (the watcher's quiet time). */
  readonly contentSettleMs: number;
  /** Who may see drafts, and whether every request needs a token. */
  readonly auth: AuthConfig;
}

/** Bearer tokens: OIDC/JWT access tokens checked against an issuer's keys, and static tokens. */
export interface AuthConfig {
  /** The JWT issuer (`iss`); null: JWTs are not accepted. */
  readonly issuer: string | null;
  /** Where the issuer publishes its signing keys (JWKS). */
  readonly jwksUrl: string | null;
  /** The audience (`aud`) a token must be for. */
  readonly audience: string | null;
  /** The scope, permission or role in a JWT that grants the drafts permission. */
  readonly draftsScope: string;
  /** SHA-256 hashes (hex) of static tokens, each granting the drafts permission. */
  readonly tokenHashes: readonly string[];
  /** Refuse requests to the API without a valid token (401). */
  readonly required: boolean;
  /** The longest one fetch of the issuer's keys may take, headers and body. */
  readonly jwksTimeoutMs: number;
  /** Accept JWTs that carry no `exp` (never expire); off unless asked for. */
  readonly allowNoExp: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One entry per variable: README's configuration table is written from the same facts. */
export const CONFIG_VARIABLES = {
  PORT: 'TCP port, 0 to 65535 (0 picks a free one); default 4000',
  HOST: 'interface to listen on; default 127.0.0.1 (the image sets 0.0.0.0)',
  CONTENT_DIR: 'folder of track folders; default ./content',
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}; default info`,
  LOG_PRETTY: 'true or false; human-readable logs instead of JSON; default false (true in npm run dev)',
  CONTENT_WATCH: 'true or false; reload on any change under CONTENT_DIR; default false (true in npm run dev)',
  INTROSPECTION: 'true or false; default true, false when NODE_ENV=production',
  FEDERATION:
    'true or false; serve /graphql as a Federation 2 subgraph (schema.subgraph.graphql) for a gateway; default false',
  GRAPHIQL: 'true or false; GraphiQL for browsers that open /graphql, served offline; default true',
  NODE_ENV:
    'production turns introspection and field suggestions off; development and test do not; any other value is warned about',
  CORS_ORIGINS: 'comma-separated origins (https://a.example,https://b.example) or *; default none',
  CACHE_MAX_AGE: 'seconds in Cache-Control max-age, 0 to 31536000; default 60',
  RESPONSE_CACHE_BYTES:
    'bytes of complete responses kept in memory, 0 to 1073741824 (0 turns it off); default 33554432',
  FRAME_ANCESTORS: "space- or comma-separated origins allowed to frame /embed pages; default 'self' only",
  SHUTDOWN_TIMEOUT_MS:
    'how long in-flight requests may take on SIGTERM, after the drain delay, 0 to 600000; default 10000',
  DRAIN_DELAY_MS:
    'on SIGTERM, how long to keep answering (readiness 503, Connection: close) before closing, 0 to 600000; default 5000',
  HEADERS_TIMEOUT_MS: 'longest a client may take to send its request headers, 1000 to 600000; default 10000',
  REQUEST_TIMEOUT_MS:
    'longest a client may take to send a whole request, body included, 1000 to 600000; default 20000',
  KEEP_ALIVE_TIMEOUT_MS: 'how long an idle keep-alive connection stays open, 1000 to 600000; default 72000',
  HISTORY:
    'true or false; serve versions of the content from the git repository that holds CONTENT_DIR, if any; default true',
  HISTORY_BRANCH:
    'the branch whose commits everyone may read (others need the drafts permission); default the checked-out branch, else main, else master',
  HISTORY_CACHE_VERSIONS: 'how many versions read from git stay loaded, 1 to 1000; default 16',
  CONTENT_SETTLE_MS:
    'how long the content folder must stay unchanged before a reload reads it, so a file written in parts is never served half-written, 50 to 60000; default 1000',
  AUTH_ISSUER:
    'issuer (iss) of the OIDC/JWT access tokens accepted as bearer tokens; set with AUTH_JWKS_URL and AUTH_AUDIENCE; default none',
  AUTH_JWKS_URL: "the issuer's signing keys (JWKS), an http or https URL; default none",
  AUTH_AUDIENCE: 'audience (aud) an access token must be for; default none',
  AUTH_DRAFTS_SCOPE:
    'the scope (scope, scp), permission (permissions) or role (roles) in a token that grants the drafts permission; default drafts',
  AUTH_TOKEN_SHA256:
    'comma-separated SHA-256 hashes (64 hex digits) of static bearer tokens that grant the drafts permission; default none',
  AUTH_REQUIRED:
    'true or false; refuse /graphql and /export requests without a valid bearer token (401); default false',
  AUTH_JWKS_TIMEOUT_MS:
    "longest one fetch of the issuer's keys may take, headers and body, 100 to 60000; default 5000",
  AUTH_ALLOW_NO_EXP:
    'true or false; accept JWTs without an exp claim (tokens that never expire); default false',
} as const;

/** NODE_ENV values with a meaning; any other is warned about at start. */
const KNOWN_NODE_ENVS = ['production', 'development', 'test'];

/** A configuration problem: names the variable, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws a ConfigError listing every problem at once. */
export function readConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const raw = (name: keyof typeof CONFIG_VARIABLES): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const fail = (name: keyof typeof CONFIG_VARIABLES, value: string): void => {
    problems.push(`${name}=${JSON.stringify(value)} is not allowed: ${CONFIG_VARIABLES[name]}`);
  };
  const integer = (
    name: keyof typeof CONFIG_VARIABLES,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const v = raw(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      fail(name, v);
      return fallback;
    }
    return Number(v);
  };
  const bool = (name: keyof typeof CONFIG_VARIABLES, fallback: boolean): boolean => {
    const v = raw(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    fail(name, raw(name)!);
    return fallback;
  };
  const origins = (name: keyof typeof CONFIG_VARIABLES): string[] => {
    const v = raw(name);
    if (v === undefined) return [];
    const list = v.split(/[\s,]+/).filter(Boolean);
    for (const origin of list) {
      if (origin === "'self'" || origin === '*') continue;
      try {
        const url = new URL(origin);
        if (!['http:', 'https:'].includes(url.protocol) || url.origin !== origin.replace(/\/$/, ''))
          throw new Error();
      } catch {
        problems.push(
          `${name} has ${JSON.stringify(origin)}, which is not an origin like https://dash.example.com: ${CONFIG_VARIABLES[name]}`,
        );
      }
    }
    return list.map((o) => o.replace(/\/$/, ''));
  };

  const nodeEnv = raw('NODE_ENV');
  const production = nodeEnv === 'production';
  const warnings: string[] = [];
  // NODE_ENV=prod would silently leave introspection and field suggestions on
  if (nodeEnv !== undefined && !KNOWN_NODE_ENVS.includes(nodeEnv)) {
    warnings.push(
      `NODE_ENV=${JSON.stringify(nodeEnv)} is not one of ${KNOWN_NODE_ENVS.join(', ')}, so this server runs as in development (introspection and field suggestions on); set NODE_ENV=production for production`,
    );
  }
  const logLevel = (raw('LOG_LEVEL')?.toLowerCase() ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) fail('LOG_LEVEL', raw('LOG_LEVEL')!);
  // loopback unless asked: a laptop's `npm start` is not on the network; the image sets HOST=0.0.0.0
  const host = raw('HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) fail('HOST', host);
  const cors = origins('CORS_ORIGINS');
  const historyBranch = raw('HISTORY_BRANCH');
  if (historyBranch !== undefined && !/^[A-Za-z0-9._/-]+$/.test(historyBranch))
    fail('HISTORY_BRANCH', historyBranch);

  const auth = readAuth(raw, bool, integer, fail, problems);

  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    host,
    contentDir: path.resolve(cwd, raw('CONTENT_DIR') ?? 'content'),
    logLevel: LOG_LEVELS.includes(logLevel) ? logLevel : 'info',
    logPretty: bool('LOG_PRETTY', false),
    contentWatch: bool('CONTENT_WATCH', false),
    introspection: bool('INTROSPECTION', !production),
    graphiql: bool('GRAPHIQL', true),
    federation: bool('FEDERATION', false),
    production,
    warnings,
    corsOrigins: cors.includes('*') ? '*' : cors,
    cacheMaxAge: integer('CACHE_MAX_AGE', 60, 0, 31_536_000),
    responseCacheBytes: integer('RESPONSE_CACHE_BYTES', 32 * 1024 * 1024, 0, 1024 * 1024 * 1024),
    frameAncestors: origins('FRAME_ANCESTORS'),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    drainDelayMs: integer('DRAIN_DELAY_MS', 5_000, 0, 600_000),
    headersTimeoutMs: integer('HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 20_000, 1_000, 600_000),
    keepAliveTimeoutMs: integer('KEEP_ALIVE_TIMEOUT_MS', 72_000, 1_000, 600_000),
    history: bool('HISTORY', true),
    historyBranch: historyBranch ?? null,
    historyCacheVersions: integer('HISTORY_CACHE_VERSIONS', 16, 1, 1000),
    contentSettleMs: integer('CONTENT_SETTLE_MS', 1000, 50, 60_000),
    auth,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

type Name = keyof typeof CONFIG_VARIABLES;

/** The AUTH_ variables: a JWT issuer is all three of issuer, keys and audience, or none of them. */
function readAuth(
  raw: (name: Name) => string | undefined,
  bool: (name: Name, fallback: boolean) => boolean,
  integer: (name: Name, fallback: number, min: number, max: number) => number,
  fail: (name: Name, value: string) => void,
  problems: string[],
): AuthConfig {
  const issuer = raw('AUTH_ISSUER') ?? null;
  const jwksUrl = raw('AUTH_JWKS_URL') ?? null;
  const audience = raw('AUTH_AUDIENCE') ?? null;
  const jwt = [issuer, jwksUrl, audience];
  if (jwt.some((v) => v !== null) && jwt.some((v) => v === null))
    problems.push('AUTH_ISSUER, AUTH_JWKS_URL and AUTH_AUDIENCE go together: set all three, or none');
  if (jwksUrl !== null && !/^https?:\/\/[^\s]+$/.test(jwksUrl)) fail('AUTH_JWKS_URL', jwksUrl);
  const tokenHashes = (raw('AUTH_TOKEN_SHA256') ?? '').split(/[\s,]+/).filter(Boolean);
  for (const hash of tokenHashes) if (!/^[0-9a-fA-F]{64}$/.test(hash)) fail('AUTH_TOKEN_SHA256', hash);
  const required = bool('AUTH_REQUIRED', false);
  if (required && issuer === null && tokenHashes.length === 0)
    problems.push(
      'AUTH_REQUIRED=true needs a way to get a token: set AUTH_ISSUER (with its keys and audience) or AUTH_TOKEN_SHA256',
    );
  return {
    issuer,
    jwksUrl,
    audience,
    draftsScope: raw('AUTH_DRAFTS_SCOPE') ?? 'drafts',
    tokenHashes: tokenHashes.map((h) => h.toLowerCase()),
    required,
    jwksTimeoutMs: integer('AUTH_JWKS_TIMEOUT_MS', 5000, 100, 60_000),
    allowNoExp: bool('AUTH_ALLOW_NO_EXP', false),
  };
}
