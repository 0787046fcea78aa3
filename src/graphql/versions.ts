import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { LevelIn } from '../domain/diff/reader';
import { withoutDrafts, type Framework } from '../domain/framework';
import { unknownLevel } from '../domain/suggest';
import {
  labelOf,
  splitVersionedId,
  versionedId,
  versionLabel,
  type FrameworkVersion,
  type VersionHistory,
  type VersionProblem,
} from '../domain/versions';

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

/** What a request knows of a version it read: the version, and the framework while it is alive. */
interface Labelled {
  readonly version: FrameworkVersion;
  readonly label: string;
  // not a strong reference: the history's bounded cache is the one holder of loaded versions
  framework: WeakRef<Framework> | null;
}

// results worked out over one history index (one scan), shared by every request that reads it
const perIndex = new WeakMap<readonly FrameworkVersion[], LRUCache<string, Promise<unknown>>>();

/** How many results are kept per history index; each is small, and a reload starts afresh. */
const MEMO_PER_INDEX = 256;

/**
 * The versions one request may see, and the one place history is filtered for a caller. Without the
 * drafts permission, versions only on other branches (untagged) and commits that only touched drafts
 * do not exist, and every framework is seen without its draft levels. An entity read from a version
 * carries `@<label>` in its id; the request keeps each label's version (not its framework, which the
 * history's cache holds), so a back-reference (a level's track, a competency's level) is answered
 * from the version the entity came from.
 */
export class RequestVersions {
  private readonly labels = new Map<string, Labelled>();
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
    return this.drafts ? versions.slice(0, limit) : firstVisible(versions, limit);
  }

  /**
   * The versions the served content came from, newest first: published ones, and without the drafts
   * permission only those that changed published content.
   */
  async lineage(): Promise<readonly FrameworkVersion[]> {
    if (!this.history) return [];
    const versions = await this.history.versions();
    return this.memo('lineage', async () =>
      versions.filter((v) => (this.drafts ? v.published : v.visibleWithoutDrafts)),
    );
  }

  /** The version a ref names, if this caller may see it. */
  async resolve(ref: string): Promise<FrameworkVersion | null> {
    const version = this.history ? await this.history.resolve(ref, this.drafts) : null;
    return version && (this.drafts ? version : version.visibleWithoutDrafts ? version : null);
  }

  /** The version being served, when the content is its branch's last commit (as this caller sees it). */
  currentVersion(): Promise<FrameworkVersion | null> {
    this.served ??= this.history
      ? this.history.servedVersion(this.current, this.drafts)
      : Promise.resolve(null);
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
    const entry = this.remember(version, label);
    const content = await this.history!.content(version, label);
    if (!content.ok) throw versionContentInvalid(version, content.problems);
    const framework = this.view(content.framework);
    entry.framework = new WeakRef(framework);
    return framework;
  }

  /**
   * Notes which version a label names, for the back-references of entities read from it elsewhere
   * (a result shared between requests); the version is not loaded.
   */
  remember(version: FrameworkVersion, label = versionLabel(version)): Labelled {
    const key = label.toLowerCase();
    let entry = this.labels.get(key);
    if (!entry || entry.version.id !== version.id) {
      entry = { version, label, framework: null };
      this.labels.set(key, entry);
    }
    return entry;
  }

  /** The framework an entity of this request's answer belongs to, by the label in its id. */
  frameworkOf(id: string): Framework {
    const label = labelOf(id);
    if (label === null) return this.current;
    const entry = this.labels.get(label.toLowerCase());
    if (!entry) return this.current;
    const alive = entry.framework?.deref();
    if (alive) return alive;
    const content = this.history?.loadedContent(entry.version, entry.label);
    if (!content?.ok) return this.current;
    const framework = this.view(content.framework);
    entry.framework = new WeakRef(framework);
    return framework;
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

  /**
   * The level an id names (`track/L3`, or `track/L3@v1` at a version), or why there is none: the
   * problem, and the closest ids this caller may see (null when the ref names no version), for each
   * surface to refuse in its own shape.
   */
  async level(id: string): Promise<LevelIn | { problem: string; suggestions: readonly string[] | null }> {
    const found = await this.lookup(id, 2);
    if (!found) return { problem: `no version named in "${id}"`, suggestions: null };
    const level = found.framework.level(found.id);
    if (level) return { level, framework: found.framework };
    const { message, suggestions } = unknownLevel(found.framework, id);
    return { problem: message, suggestions };
  }

  /** The commit a framework was read at: the served one for the content served, else its ref's. */
  versionOf(framework: Framework): Promise<FrameworkVersion | null> {
    return framework.ref === null ? this.currentVersion() : this.resolve(framework.ref);
  }

  /**
   * A result worked out once per history index and caller view, and shared by every request that
   * asks for it until the history is read again (`key` must name everything it depends on).
   */
  async memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.history) return make();
    const index = await this.history.versions();
    let results = perIndex.get(index);
    if (!results) perIndex.set(index, (results = new LRUCache({ max: MEMO_PER_INDEX })));
    const full = `${this.drafts ? 'd' : 'p'}:${key}`;
    let result = results.get(full) as Promise<T> | undefined;
    if (!result) {
      const made = make();
      result = made;
      results.set(full, made);
      made.catch(() => {
        if (results.peek(full) === made) results.delete(full);
      });
    }
    return result;
  }

  private view(framework: Framework): Framework {
    return this.drafts ? framework : withoutDrafts(framework);
  }
}

/** The first `limit` versions a caller without the drafts permission may see. */
function firstVisible(versions: readonly FrameworkVersion[], limit: number): FrameworkVersion[] {
  const visible: FrameworkVersion[] = [];
  for (const version of versions) {
    if (visible.length >= limit) break;
    if (version.visibleWithoutDrafts) visible.push(version);
  }
  return visible;
}
