import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { byCompetency, stepChecklist, type StepChecklist } from '../../domain/checklist';
import type { LevelIn } from '../../domain/diff/reader';
import type { FrameworkVersion } from '../../domain/versions';
import { MAX_ID_LENGTH } from '../../graphql/limits';
import { RequestVersions, VERSION_CONTENT_INVALID } from '../../graphql/versions';
import { sendError } from '../error-codes';
import { csvDocument } from '../explorer/csv';
import { sendViewFile } from '../view-file';
import '../decorators';

/** Which framework a checklist was made from: its content hash, and the commit with its tags. */
export interface ChecklistStamp {
  readonly content: string;
  readonly commit: FrameworkVersion | null;
}

function stampLine(stamp: ChecklistStamp): string {
  const { commit } = stamp;
  if (!commit) return `content ${stamp.content} (not a git commit)`;
  const tags = commit.tags.length > 0 ? ` (${commit.tags.join(', ')})` : '';
  return `commit ${commit.shortId}${tags} of ${commit.committedAt.toISOString().slice(0, 10)}, content ${stamp.content}`;
}

const levelName = (l: { trackId: string; code: string; title: string }) => `${l.code}: ${l.title}`;

/**
 * The checklist as markdown task lists under competency headings, with a blank evidence line under
 * each item, for a promotion case kept in a wiki or a repository.
 */
export function checklistMarkdown(checklist: StepChecklist, stamp: ChecklistStamp): string {
  const { from, to } = checklist;
  const lines = [
    `# From ${levelName(from)} to ${levelName(to)}`,
    '',
    `Made from the framework at ${stampLine(stamp)}.`,
    `Lists what ${to.code} adds to what ${from.code} expects: new items, and items grown from ${from.code}'s wording.`,
  ];
  for (const { competency, items } of byCompetency(checklist.items)) {
    lines.push('', `## ${competency.emoji ? `${competency.emoji} ` : ''}${competency.name}`);
    for (const item of items) {
      const grown = item.grownFrom === null ? 'New' : `Grown from “${item.grownFrom}”`;
      lines.push('', `- [ ] ${item.expectation.text}`, `  - ${grown}`, '  - Evidence: ');
    }
  }
  if (checklist.items.length === 0) lines.push('', `${to.code} has nothing new or grown over ${from.code}.`);
  return `${lines.join('\n')}\n`;
}

/** The columns of {@link checklistCsv}, documented in README. */
export const CHECKLIST_COLUMNS = [
  'from',
  'to',
  'competency',
  'status',
  'expectation',
  'grown_from',
  'evidence',
  'framework_commit',
  'framework_tags',
  'framework_content',
] as const;

/** The checklist as a sheet: a row per item, an empty evidence column, and the framework on every row. */
export function checklistCsv(checklist: StepChecklist, stamp: ChecklistStamp): string {
  const rows = checklist.items.map((item) => [
    checklist.from.id,
    checklist.to.id,
    item.competency.name,
    item.grownFrom === null ? 'new' : 'grown',
    item.expectation.text,
    item.grownFrom ?? '',
    '',
    stamp.commit?.id ?? '',
    stamp.commit?.tags.join(' ') ?? '',
    stamp.content,
  ]);
  return csvDocument([CHECKLIST_COLUMNS, ...rows]);
}

type ChecklistRequest = FastifyRequest<{
  Params: { format: string };
  Querystring: { from?: unknown; to?: unknown };
}>;

const FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', write: checklistMarkdown },
  csv: { type: 'text/csv; charset=utf-8', write: checklistCsv },
} as const;

/**
 * GET /export/checklist.md and /export/checklist.csv ?from=<level>&to=<level>: the step checklist
 * (`stepChecklist` in GraphQL) as a file, stating the framework version it was made from, so a
 * promotion case can say which framework it was written against. Read through the caller's view.
 */
export const checklistExportPlugin: FastifyPluginAsync = async (app) => {
  for (const [extension, format] of Object.entries(FORMATS)) {
    app.get(`/export/checklist.${extension}`, async (request: ChecklistRequest, reply) => {
      const versions = new RequestVersions(app.history, request.framework, request.permission.drafts);
      const levels: LevelIn[] = [];
      for (const name of ['from', 'to'] as const) {
        const id = request.query[name];
        if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH)
          return sendError(
            reply,
            'BAD_USER_INPUT',
            `Give ${name}=<level id>, such as site-reliability-engineer/L3.`,
          );
        try {
          const found = await versions.level(id);
          if ('problem' in found) return sendError(reply, 'BAD_USER_INPUT', `${name}: ${found.problem}`);
          levels.push(found);
        } catch (error) {
          if (!(error instanceof GraphQLError) || error.extensions.code !== VERSION_CONTENT_INVALID)
            throw error;
          return sendError(reply, VERSION_CONTENT_INVALID, error.message);
        }
      }
      const [from, to] = levels as [LevelIn, LevelIn];
      // the 'to' level's framework is the one the checklist states, as Framework.commit would
      const commit = await versions.versionOf(to.framework);
      const stamp: ChecklistStamp = { content: to.framework.version, commit };
      const tag = [
        from.level.id,
        from.framework.version,
        to.level.id,
        stamp.content,
        commit?.id,
        ...(commit?.tags ?? []),
      ];
      return sendViewFile(request, reply, {
        tag: `checklist-${extension}-${createHash('sha1').update(tag.join('\n')).digest('base64url')}`,
        type: format.type,
        filename: `checklist-${from.level.id}-to-${to.level.id}.${extension}`,
        body: () => format.write(stepChecklist(from, to), stamp),
      });
    });
  }
};
