import { LRUCache } from 'lru-cache';
import { withoutDrafts, type Framework } from '../../domain/framework';
import {
  versionLabel,
  type FrameworkVersion,
  type VersionContent,
  type VersionHistory,
} from '../../domain/versions';
import { loadContent } from '../load';
import { GitTreeSource } from './git-source';
import { findRepository, refreshed, type GitRepository } from './repository';
import { scanVersions, type VersionIndex } from './scan';

/** A version read from git, with its content once the read is done. */
interface LoadedVersion {
  readonly content: Promise<VersionContent>;
  settled?: VersionContent;
}

/** Which version the served content is, for one view of it. */
interface ServedAnswer {
  readonly version: string;
  readonly head: string;
  readonly answer: Promise<FrameworkVersion | null>;
}

/** How the history is read. */
export interface HistoryOptions {
  /** The published branch; default the checked-out one, else main, else master. */
  readonly branch?: string | null;
  /** How many loaded versions are kept; each is a whole Framework. */
  readonly cacheVersions: number;
}

/**
 * The versions of the content from the git repository that holds it, read in-process. The list is
 * read on first use and again after {@link refresh} (reload, SIGHUP); each version is loaded on first
 * use through the same loader as the working folder, and kept in a bounded cache. A commit never
 * changes, so a version loaded once stays right until it is evicted.
 */
export class ContentHistory implements VersionHistory {
  private index: Promise<VersionIndex> | null = null;
  // the one holder of loaded versions: requests keep ids and read through it, so however many run
  // at once, at most `cacheVersions` versions stay in memory
  private readonly loaded: LRUCache<string, LoadedVersion>;
  private readonly served = new Map<boolean, ServedAnswer>();
  private loads = 0;

  private constructor(
    private repo: GitRepository,
    private readonly options: HistoryOptions,
  ) {
    this.loaded = new LRUCache({ max: Math.max(1, options.cacheVersions) });
  }

  /** The history of `contentDir`, or null when no git repository holds it. */
  static async open(contentDir: string, options: HistoryOptions): Promise<ContentHistory | null> {
    const repo = await findRepository(contentDir);
    return repo ? new ContentHistory(repo, options) : null;
  }

  /** Where the content sits in its repository ('' at the root), for the start-up log. */
  get prefix(): string {
    return this.repo.prefix;
  }

  /** Reads the list of versions again on next use: new commits, tags and branches appear. */
  refresh(): void {
    this.repo = refreshed(this.repo);
    this.index = null;
    this.served.clear();
  }

  /** How many times a version was read from git since this history was opened (for tests and diagnostics). */
  get versionsLoaded(): number {
    return this.loads;
  }

  /** How many loaded versions are held now: never more than `cacheVersions`. */
  get versionsHeld(): number {
    return this.loaded.size;
  }

  async versions(): Promise<readonly FrameworkVersion[]> {
    return (await this.scan()).versions;
  }

  async resolve(ref: string, drafts = true): Promise<FrameworkVersion | null> {
    return (await this.scan()).resolve(ref, drafts);
  }

  content(version: FrameworkVersion, label: string): Promise<VersionContent> {
    const key = `${version.id}@${label}`;
    let loaded = this.loaded.get(key);
    if (!loaded) {
      this.loads++;
      const entry: LoadedVersion = {
        content: loadContent(new GitTreeSource(this.repo, version.id), { ref: label }).then((result) => {
          const content: VersionContent = result.ok
            ? { ok: true, framework: result.framework }
            : { ok: false, problems: result.problems.filter((p) => p.severity === 'error') };
          entry.settled = content;
          return content;
        }),
      };
      // a failed read is tried again on the next question rather than remembered
      entry.content.catch(() => {
        if (this.loaded.peek(key) === entry) this.loaded.delete(key);
      });
      loaded = entry;
      this.loaded.set(key, loaded);
    }
    return loaded.content;
  }

  loadedContent(version: FrameworkVersion, label: string): VersionContent | undefined {
    return this.loaded.get(`${version.id}@${label}`)?.settled;
  }

  servedVersion(served: Framework, drafts = true): Promise<FrameworkVersion | null> {
    return this.scan().then((index) => {
      const head = index.head;
      const answerAs = drafts ? head : index.publishedHead;
      if (!head || !answerAs) return null;
      const known = this.served.get(drafts);
      if (known?.version === served.version && known.head === head.id) return known.answer;
      // like with like: the full content for drafts holders, the published views for everyone else
      const answer = this.content(head, versionLabel(head)).then((c) => {
        if (!c.ok) return null;
        const seen = drafts ? c.framework : withoutDrafts(c.framework);
        return seen.version === served.version ? answerAs : null;
      });
      this.served.set(drafts, { version: served.version, head: head.id, answer });
      return answer;
    });
  }

  private scan(): Promise<VersionIndex> {
    if (!this.index) {
      const scanning = scanVersions(this.repo, { branch: this.options.branch ?? null });
      // a failed read is tried again on the next question rather than remembered
      scanning.catch(() => {
        if (this.index === scanning) this.index = null;
      });
      this.index = scanning;
    }
    return this.index;
  }
}
