import { LRUCache } from 'lru-cache';
import type { Framework } from '../../domain/framework';
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
  private readonly loaded: LRUCache<string, Promise<VersionContent>>;
  private served: { version: string; head: string; answer: Promise<FrameworkVersion | null> } | null = null;

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
    this.served = null;
  }

  async versions(): Promise<readonly FrameworkVersion[]> {
    return (await this.scan()).versions;
  }

  async resolve(ref: string): Promise<FrameworkVersion | null> {
    return (await this.scan()).resolve(ref);
  }

  content(version: FrameworkVersion, label: string): Promise<VersionContent> {
    const key = `${version.id}@${label}`;
    let content = this.loaded.get(key);
    if (!content) {
      content = loadContent(new GitTreeSource(this.repo, version.id), { ref: label }).then((result) =>
        result.ok
          ? { ok: true, framework: result.framework }
          : { ok: false, problems: result.problems.filter((p) => p.severity === 'error') },
      );
      this.loaded.set(key, content);
    }
    return content;
  }

  servedVersion(served: Framework): Promise<FrameworkVersion | null> {
    return this.scan().then((index) => {
      const head = index.head;
      if (!head) return null;
      if (this.served?.version !== served.version || this.served.head !== head.id) {
        const answer = this.content(head, versionLabel(head)).then((c) =>
          c.ok && c.framework.version === served.version ? head : null,
        );
        this.served = { version: served.version, head: head.id, answer };
      }
      return this.served.answer;
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
