import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Each range and default is written once, as a slot in the README's sentence: integer`about, ${min} to ${max}; default ${n}`.
const integer = (words: TemplateStringsArray, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .default(fallback)
    .describe(String.raw(words, min, max, fallback));

// exactly the words operators have always been able to write; zod's own list adds y, n, enabled, disabled
const boolean = () =>
  z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] });
const flag = (words: TemplateStringsArray, fallback: boolean) =>
  boolean().default(fallback).describe(String.raw(words, fallback));
const text = (description: string, pattern = /./) =>
  z.string().regex(pattern).optional().describe(description);

const isOrigin = (origin: string): boolean => {
  if (origin === "'self'" || origin === '*') return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return ['http:', 'https:'].includes(url.protocol) && url.origin === origin.replace(/\/$/, '');
};
const list = (check: (item: string) => boolean, what: string) =>
  z.string().transform((value, ctx) => {
    const items = value.split(/[\s,]+/).filter(Boolean);
    for (const item of items)
      if (!check(item))
        ctx.issues.push({
          code: 'custom',
          input: item,
          message: `has ${JSON.stringify(item)}, which is not ${what}`,
        });
    return items;
  });
const origins = (description: string) =>
  list(isOrigin, 'an origin like https://dash.example.com')
    .transform((items) => items.map((o) => o.replace(/\/$/, '')))
    .default([])
    .describe(description);

/** One entry per variable: its type, default, range and the README's description all live here. */
export const VARIABLES = {
  PORT: integer`TCP port, ${0} to ${65535} (0 picks a free one); default ${4000}`,
  // loopback unless asked: a laptop's `npm start` is not on the network; the image sets HOST=0.0.0.0
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:\-[\]]+$/)
    .default('127.0.0.1')
    .describe('interface to listen on; default 127.0.0.1 (the image sets 0.0.0.0)'),
  CONTENT_DIR: z.string().default('./content').describe('folder of track folders; default ./content'),
  LOG_LEVEL: z
    .string()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS))
    .default('info')
    .describe(`one of ${LOG_LEVELS.join(', ')}; default info`),
  LOG_PRETTY: flag`true or false; human-readable logs instead of JSON; default ${false} (true in npm run dev)`,
  CONTENT_WATCH: flag`true or false; reload on any change under CONTENT_DIR; default ${false} (true in npm run dev)`,
  INTROSPECTION: boolean().optional().describe('true or false; default true, false when NODE_ENV=production'),
  FEDERATION: flag`true or false; serve /graphql as a Federation 2 subgraph (schema.subgraph.graphql) for a gateway; default ${false}`,
  GRAPHIQL: flag`true or false; GraphiQL for browsers that open /graphql, served offline; default ${true}`,
  NODE_ENV: text(
    'production turns introspection and field suggestions off; development and test do not; any other value is warned about',
  ),
  CORS_ORIGINS: origins('comma-separated origins (https://a.example,https://b.example) or *; default none'),
  CACHE_MAX_AGE: integer`seconds in Cache-Control max-age, ${0} to ${31_536_000}; default ${60}`,
  RESPONSE_CACHE_BYTES: integer`bytes of complete responses kept in memory, ${0} to ${1024 ** 3} (0 turns it off); default ${32 * 1024 ** 2}`,
  FRAME_ANCESTORS: origins(
    "space- or comma-separated origins allowed to frame /embed pages; default 'self' only",
  ),
  SHUTDOWN_TIMEOUT_MS: integer`how long in-flight requests may take on SIGTERM, after the drain delay, ${0} to ${600_000}; default ${10_000}`,
  DRAIN_DELAY_MS: integer`on SIGTERM, how long to keep answering (readiness 503, Connection: close) before closing, ${0} to ${600_000}; default ${5_000}`,
  HEADERS_TIMEOUT_MS: integer`longest a client may take to send its request headers, ${1_000} to ${600_000}; default ${10_000}`,
  REQUEST_TIMEOUT_MS: integer`longest a client may take to send a whole request, body included, ${1_000} to ${600_000}; default ${20_000}`,
  KEEP_ALIVE_TIMEOUT_MS: integer`how long an idle keep-alive connection stays open, ${1_000} to ${600_000}; default ${72_000}`,
  HISTORY: flag`true or false; serve versions of the content from the git repository that holds CONTENT_DIR, if any; default ${true}`,
  HISTORY_BRANCH: text(
    'the branch whose commits everyone may read (others need the drafts permission); default the checked-out branch, else main, else master',
    /^[A-Za-z0-9._/-]+$/,
  ),
  HISTORY_CACHE_VERSIONS: integer`how many versions read from git stay loaded, ${1} to ${1000}; default ${16}`,
  CONTENT_SETTLE_MS: integer`how long the content folder must stay unchanged before a reload reads it, so a file written in parts is never served half-written, ${50} to ${60_000}; default ${1000}`,
  AUTH_ISSUER: text(
    'issuer (iss) of the OIDC/JWT access tokens accepted as bearer tokens; set with AUTH_JWKS_URL and AUTH_AUDIENCE; default none',
  ),
  AUTH_JWKS_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("the issuer's signing keys (JWKS), an http or https URL; default none"),
  AUTH_AUDIENCE: text('audience (aud) an access token must be for; default none'),
  AUTH_DRAFTS_SCOPE: z
    .string()
    .default('drafts')
    .describe(
      'the scope (scope, scp), permission (permissions) or role (roles) in a token that grants the drafts permission; default drafts',
    ),
  AUTH_TOKEN_SHA256: list((hash) => /^[0-9a-fA-F]{64}$/.test(hash), '64 hex digits')
    .transform((hashes) => hashes.map((h) => h.toLowerCase()))
    .default([])
    .describe(
      'comma-separated SHA-256 hashes (64 hex digits) of static bearer tokens that grant the drafts permission; default none',
    ),
  AUTH_REQUIRED: flag`true or false; refuse API requests (/graphql, /mcp, /export, /changes.atom, /ims/case) without a valid bearer token (401); default ${false}`,
  AUTH_JWKS_TIMEOUT_MS: integer`longest one fetch of the issuer's keys may take, headers and body, ${100} to ${60_000}; default ${5000}`,
  AUTH_ALLOW_NO_EXP: flag`true or false; accept JWTs without an exp claim (tokens that never expire); default ${false}`,
};

export type VariableName = keyof typeof VARIABLES;
export type Variables = { readonly [K in VariableName]: z.output<(typeof VARIABLES)[K]> };
