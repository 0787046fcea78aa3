import { GraphQLError } from 'graphql';
import { withoutDrafts, type Framework } from '../domain/framework';
import {
  labelOf,
  splitVersionedId,
  versionedId,
  versionLabel,
  type FrameworkVersion,
  type VersionHistory,
  type VersionProblem,
} from '../domain/versions';
import type { GraphQLContext } from './context';

/** A version as the schema returns it: with the ref it was asked by, which labels its ids. */
export type VersionAnswer = FrameworkVersion & { readonly requested?: string };

/** The code of a version whose content has errors: it is reported, never served half-read. */
export const VERSION_CONTENT_INVALID = 'VERSION_CONTENT_INVALID';

/** How many of a broken version's problems an error carries; content:check on the commit lists them all. */
const MAX_PROBLEMS = 20;

function versionContentInvalid(version: FrameworkVersion, problems: readonly VersionProblem[]): GraphQLError {
  return new GraphQLError(
    `Version ${version.shortId} has ${problems.length} content error(s) and is not served; run content:check on that commit.`,
    {
      extensions: {
        code: VERSION_CONTENT_INVALID,
        version: version.id,
        problems: problems
          .slice(0, MAX_PROBLEMS)
          .map(({ code, path, line, column }) => ({ code, path, line, column })),
      },
    },
  );
}

/**
 * The versions one request may see, and the frameworks it has read from them. Without the drafts
 * permission, versions only on other branches (untagged) do not exist, and every framework is seen
 * without its draft levels. An entity read from a version carries `@<label>` in its id, and the
 * frameworks are kept by label, so a back-reference (a level's track, a competency's level) is
 * answered from the version the entity came from.
 */
export class RequestVersions {
  private readonly frameworks = new Map<string, Framework>();
  private served: Promise<FrameworkVersion | null> | null = null;

  constructor(
    private readonly history: VersionHistory | null,
    /** The content being served, as this caller may see it. */
    readonly current: Framework,
    private readonly drafts: boolean,
  ) {}

  /** Versions newest first, at most `limit`. */
  async list(limit: number): Promise<readonly FrameworkVersion[]> {
    if (!this.history) return [];
    const versions = await this.history.versions();
    return (this.drafts ? versions : versions.filter((v) => v.published)).slice(0, limit);
  }

  /** The version a ref names, if this caller may see it. */
  async resolve(ref: string): Promise<FrameworkVersion | null> {
    const version = this.history ? await this.history.resolve(ref) : null;
    return version && (this.drafts || version.published) ? version : null;
  }

  /** The version being served, when the content is its branch's last commit. */
  currentVersion(): Promise<FrameworkVersion | null> {
    this.served ??= this.history ? this.history.servedVersion(this.current) : Promise.resolve(null);
    return this.served;
  }

  /**
   * The framework at a version: the content being served when it is that version (its ids carry no
   * ref), else the version read from git with its ids labelled. A version with content errors is a
   * VERSION_CONTENT_INVALID error.
   */
  async frameworkAt(version: VersionAnswer): Promise<Framework> {
    if ((await this.currentVersion())?.id === version.id) return this.current;
    const label = versionLabel(version, version.requested);
    const content = await this.history!.content(version, label);
    if (!content.ok) throw versionContentInvalid(version, content.problems);
    const framework = this.drafts ? content.framework : withoutDrafts(content.framework);
    this.frameworks.set(label.toLowerCase(), framework);
    return framework;
  }

  /** The framework an entity of this request's answer belongs to, by the label in its id. */
  frameworkOf(id: string): Framework {
    const label = labelOf(id);
    return label === null ? this.current : (this.frameworks.get(label.toLowerCase()) ?? this.current);
  }

  /**
   * Where to look up an id that may carry `@<ref>` (depth: 2 for a level, 3 for a competency, 4 for an
   * item): the framework and the id as it is written there; null when the ref names no version.
   */
  async lookup(id: string, depth: number): Promise<{ framework: Framework; id: string } | null> {
    const split = splitVersionedId(id, depth);
    if (split.ref === null) return { framework: this.current, id };
    const version = await this.resolve(split.ref);
    if (!version) return null;
    const framework = await this.frameworkAt({ ...version, requested: split.ref });
    return { framework, id: framework.ref === null ? split.id : versionedId(split.id, framework.ref) };
  }
}

const standIns = new WeakMap<object, RequestVersions>();

/**
 * The request's versions. A context made outside the server (tests, tools) has none: no history,
 * and its framework is taken as what the caller may see.
 */
export function versionsOf(ctx: GraphQLContext): RequestVersions {
  if (ctx.versions) return ctx.versions;
  let versions = standIns.get(ctx);
  if (!versions) {
    versions = new RequestVersions(null, ctx.framework, ctx.drafts ?? true);
    standIns.set(ctx, versions);
  }
  return versions;
}
