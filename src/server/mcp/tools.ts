import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { frameworkChanges } from '../../domain/changes';
import { stepChecklist } from '../../domain/checklist';
import { readersDiff, type LevelIn } from '../../domain/diff/reader';
import { expectedAt } from '../../domain/expected';
import type { Framework } from '../../domain/framework';
import { searchFor } from '../../domain/search';
import type { VersionHistory } from '../../domain/versions';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_ID_LENGTH,
  MAX_SEARCH_LIMIT,
  MAX_TEXT_LENGTH,
  MIN_SEARCH_LIMIT,
} from '../../graphql/limits';
import { RequestVersions, VERSION_CONTENT_INVALID } from '../../graphql/versions';
import {
  changesAnswer,
  checklistAnswer,
  diffAnswer,
  levelAnswer,
  searchAnswer,
  trackAnswer,
} from './answers';

/** What one MCP request may read: the caller's view, as every other surface sees it. */
export interface ToolContext {
  readonly framework: Framework;
  readonly history: VersionHistory | null;
  readonly drafts: boolean;
}

/** A tool's refusal, with the same codes as the GraphQL API's `extensions.code`. */
class ToolError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
  }
}

const levelId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .describe(
    "A level id, '<track>/<code>' such as 'site-reliability-engineer/L3'; '@<tag or commit>' reads it at a version",
  );

// read-only and answered from the framework alone: an assistant may call them without asking
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** Every tool the /mcp endpoint offers. */
export function registerTools(server: McpServer, ctx: ToolContext): void {
  const versions = () => new RequestVersions(ctx.history, ctx.framework, ctx.drafts);
  const lookup = async (id: string, argument: string): Promise<LevelIn> => {
    const found = await versions().level(id);
    if (!('problem' in found)) return found;
    throw new ToolError('BAD_USER_INPUT', `${argument}: ${found.problem}`, found.suggestions ?? []);
  };

  server.registerTool(
    'list_tracks',
    {
      title: 'List tracks and levels',
      description:
        'Every career track of the framework (such as Software Engineer or Site Reliability Engineer) with its levels in order, lowest first: their ids, codes (L1, L2…) and titles. Call this first to find the level ids the other tools take.',
      annotations: READ_ONLY,
    },
    async () =>
      answer(ctx.framework.tracks.map((t) => trackAnswer(t, ctx.framework.visibleLevels(t, ctx.drafts)))),
  );

  server.registerTool(
    'get_level',
    {
      title: 'Look up a level',
      description:
        "One level's definition: title, summary, attributes (planning horizon, impact radius…), everything it expects (on a cumulative track including what lower levels state and it still expects, each with the level that states it) and its examples. Use it for 'what is expected of an L4?'.",
      inputSchema: { id: levelId },
      annotations: READ_ONLY,
    },
    async ({ id }) =>
      guarded(async () => {
        const { level, framework } = await lookup(id, 'id');
        return levelAnswer(level, expectedAt(framework, level));
      }),
  );

  server.registerTool(
    'diff_levels',
    {
      title: 'What changes from one level to another',
      description:
        "What it takes to go from one level to another, as a reader of a promotion step needs it: per competency the expectations that are new, those that have grown (old and new wording), how many are still expected unchanged, and the 'to' level's examples. Works across tracks and versions. Use it for 'what do I need to get from L2 to L3?'.",
      inputSchema: { from: levelId, to: levelId },
      annotations: READ_ONLY,
    },
    async ({ from, to }) =>
      guarded(async () => {
        const [a, b] = await Promise.all([lookup(from, 'from'), lookup(to, 'to')]);
        return diffAnswer(readersDiff(a, b));
      }),
  );

  server.registerTool(
    'step_checklist',
    {
      title: 'Checklist for a promotion step',
      description:
        "The checklist for going from one level to another: only the 'to' level's new expectations and those that have grown (with the wording they grew from), grouped by competency, leaving out what both levels expect alike. Use it to help someone gather evidence for a promotion case, such as 'what should I show to go from L3 to L4?'.",
      inputSchema: { from: levelId, to: levelId },
      annotations: READ_ONLY,
    },
    async ({ from, to }) =>
      guarded(async () => {
        const [a, b] = await Promise.all([lookup(from, 'from'), lookup(to, 'to')]);
        return checklistAnswer(stepChecklist(a, b));
      }),
  );

  server.registerTool(
    'search',
    {
      title: 'Search the framework',
      description:
        'Full-text search over level titles, summaries, expectations and examples, best first; prefixes and small typos match. Use it to find where a skill or behaviour (such as "incident review" or "mentoring") appears.',
      inputSchema: {
        query: z.string().min(1).max(MAX_TEXT_LENGTH).describe('Words to look for'),
        track: z.string().max(MAX_ID_LENGTH).optional().describe('Only this track (its id)'),
        limit: z.number().int().min(MIN_SEARCH_LIMIT).max(MAX_SEARCH_LIMIT).optional(),
      },
      annotations: READ_ONLY,
    },
    async ({ query, track, limit }) =>
      guarded(async () =>
        searchAnswer(
          searchFor(ctx.framework).search(query, {
            track: track ?? null,
            limit: limit ?? DEFAULT_SEARCH_LIMIT,
          }),
        ),
      ),
  );

  server.registerTool(
    'what_changed',
    {
      title: 'What changed since a version',
      description:
        'Which levels were added, removed or changed in the framework since a version (a tag such as v2026.1, or a commit), up to another version or the content served now, with counts per changed level. Use it for "what changed in the framework since last review cycle?".',
      inputSchema: {
        since: z.string().min(1).max(MAX_ID_LENGTH).describe('The earlier version: a tag or commit'),
        until: z
          .string()
          .min(1)
          .max(MAX_ID_LENGTH)
          .optional()
          .describe('The later version; the content served now when left out'),
      },
      annotations: READ_ONLY,
    },
    async ({ since, until }) =>
      guarded(async () => {
        const history = versions();
        const named = async (argument: string, ref: string) => {
          const version = await history.resolve(ref);
          if (!version)
            throw new ToolError('BAD_USER_INPUT', `${argument}: "${ref}" names no version of the content`);
          return { ...version, requested: ref };
        };
        const earlier = await named('since', since);
        const later = until === undefined ? null : await named('until', until);
        const changes = frameworkChanges(
          await history.frameworkAt(earlier),
          later ? await history.frameworkAt(later) : ctx.framework,
        );
        return changesAnswer(earlier.shortId, later?.shortId ?? 'the content served now', changes);
      }),
  );
}

function answer(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 1) }] };
}

/** A tool's answer, or its refusal as a tool error an assistant can read and act on (never a crash). */
async function guarded(make: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return answer(await make());
  } catch (error) {
    const refusal =
      error instanceof ToolError
        ? { code: error.code, message: error.message, suggestions: error.suggestions }
        : error instanceof GraphQLError && error.extensions.code === VERSION_CONTENT_INVALID
          ? { code: VERSION_CONTENT_INVALID, message: error.message }
          : null;
    if (!refusal) throw error;
    return { isError: true, content: [{ type: 'text', text: JSON.stringify(refusal) }] };
  }
}
