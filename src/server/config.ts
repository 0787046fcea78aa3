import path from 'node:path';
import { LOG_LEVELS, VARIABLES, type LogLevel, type VariableName, type Variables } from './config-variables';

export { LOG_LEVELS, type LogLevel };

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

/** Each variable's README description, from the table that also parses it. */
export const CONFIG_VARIABLES = Object.fromEntries(
  Object.entries(VARIABLES).map(([name, schema]) => [name, schema.description!]),
) as Record<VariableName, string>;

/** NODE_ENV values with a meaning; any other is warned about at start. */
const KNOWN_NODE_ENVS = ['production', 'development', 'test'];

/** One problem: the variable it is about and a stable code (zod's issue code, or the rule broken). */
export interface ConfigIssue {
  readonly variable: VariableName;
  readonly code: string;
  readonly message: string;
}

/** A configuration problem: names the variable, the value and what is allowed. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(readonly issues: readonly ConfigIssue[]) {
    const problems = issues.map((i) => i.message);
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws a ConfigError listing every problem at once. */
export function readConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const issues: ConfigIssue[] = [];
  const values = {} as Record<VariableName, unknown>;
  const given = new Set<VariableName>();
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const raw = env[name]?.trim() || undefined;
    if (raw !== undefined) given.add(name);
    const result = VARIABLES[name].safeParse(raw);
    values[name] = result.data;
    const seen = new Set<string>();
    for (const issue of result.error?.issues ?? []) {
      const problem =
        issue.code === 'custom'
          ? `${name} ${issue.message}: ${CONFIG_VARIABLES[name]}`
          : `${name}=${JSON.stringify(raw)} is not allowed: ${CONFIG_VARIABLES[name]}`;
      if (!seen.has(problem)) issues.push({ variable: name, code: issue.code, message: problem });
      seen.add(problem);
    }
  }
  const v = values as Variables;
  const rule = (variable: VariableName, code: string, message: string) =>
    issues.push({ variable, code, message });

  // on what was set, not what parsed: a refused AUTH_JWKS_URL is one problem, not also a missing one
  const jwt = (['AUTH_ISSUER', 'AUTH_JWKS_URL', 'AUTH_AUDIENCE'] as const).map((name) => given.has(name));
  if (jwt.some(Boolean) && !jwt.every(Boolean))
    rule(
      'AUTH_ISSUER',
      'jwt_incomplete',
      'AUTH_ISSUER, AUTH_JWKS_URL and AUTH_AUDIENCE go together: set all three, or none',
    );
  if (v.AUTH_REQUIRED && !given.has('AUTH_ISSUER') && !given.has('AUTH_TOKEN_SHA256'))
    rule(
      'AUTH_REQUIRED',
      'required_without_token',
      'AUTH_REQUIRED=true needs a way to get a token: set AUTH_ISSUER (with its keys and audience) or AUTH_TOKEN_SHA256',
    );
  if (issues.length > 0) throw new ConfigError(issues);

  const production = v.NODE_ENV === 'production';
  const warnings: string[] = [];
  // NODE_ENV=prod would silently leave introspection and field suggestions on
  if (v.NODE_ENV !== undefined && !KNOWN_NODE_ENVS.includes(v.NODE_ENV))
    warnings.push(
      `NODE_ENV=${JSON.stringify(v.NODE_ENV)} is not one of ${KNOWN_NODE_ENVS.join(', ')}, so this server runs as in development (introspection and field suggestions on); set NODE_ENV=production for production`,
    );
  return {
    port: v.PORT,
    host: v.HOST,
    contentDir: path.resolve(cwd, v.CONTENT_DIR),
    logLevel: v.LOG_LEVEL,
    logPretty: v.LOG_PRETTY,
    contentWatch: v.CONTENT_WATCH,
    introspection: v.INTROSPECTION ?? !production,
    graphiql: v.GRAPHIQL,
    federation: v.FEDERATION,
    production,
    warnings,
    corsOrigins: v.CORS_ORIGINS.includes('*') ? '*' : v.CORS_ORIGINS,
    cacheMaxAge: v.CACHE_MAX_AGE,
    responseCacheBytes: v.RESPONSE_CACHE_BYTES,
    frameAncestors: v.FRAME_ANCESTORS,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    drainDelayMs: v.DRAIN_DELAY_MS,
    headersTimeoutMs: v.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: v.KEEP_ALIVE_TIMEOUT_MS,
    history: v.HISTORY,
    historyBranch: v.HISTORY_BRANCH ?? null,
    historyCacheVersions: v.HISTORY_CACHE_VERSIONS,
    contentSettleMs: v.CONTENT_SETTLE_MS,
    auth: {
      issuer: v.AUTH_ISSUER ?? null,
      jwksUrl: v.AUTH_JWKS_URL ?? null,
      audience: v.AUTH_AUDIENCE ?? null,
      draftsScope: v.AUTH_DRAFTS_SCOPE,
      tokenHashes: v.AUTH_TOKEN_SHA256,
      required: v.AUTH_REQUIRED,
      jwksTimeoutMs: v.AUTH_JWKS_TIMEOUT_MS,
      allowNoExp: v.AUTH_ALLOW_NO_EXP,
    },
  };
}
