import * as git from 'isomorphic-git';
import type { ContentSource, LinkTarget, ReadOutcome, SourceEntry } from '../source';
import { readBlobBounded } from './objects';
import type { GitRepository } from './repository';

/**
 * The content folder as one commit holds it, read from the repository's objects: nothing is checked
 * out, so a version is read while the working folder keeps serving. Locations are object ids.
 * Symbolic links in a commit are entries of kind 'other': following them would mean resolving paths
 * inside the tree, and the working folder's layouts (ConfigMap, git-sync) are never committed.
 */
export class GitTreeSource implements ContentSource {
  constructor(
    private readonly repo: GitRepository,
    private readonly commit: string,
  ) {}

  get missingMessage(): string {
    const where = this.repo.prefix === '' ? 'the repository root' : `"${this.repo.prefix}"`;
    return `Commit ${this.commit.slice(0, 7)} has no content folder at ${where}.`;
  }

  async root(): Promise<string | null> {
    try {
      const { oid } = await git.readTree({
        fs: this.repo.fs,
        gitdir: this.repo.gitdir,
        oid: this.commit,
        ...(this.repo.prefix === '' ? {} : { filepath: this.repo.prefix }),
        cache: this.repo.cache,
      });
      return oid;
    } catch {
      return null;
    }
  }

  async list(folder: string): Promise<SourceEntry[]> {
    const { tree } = await git.readTree({
      fs: this.repo.fs,
      gitdir: this.repo.gitdir,
      oid: folder,
      cache: this.repo.cache,
    });
    return tree.map((entry) => ({
      name: entry.path,
      kind:
        entry.type === 'tree'
          ? 'directory'
          : entry.type === 'blob' && entry.mode !== '120000'
            ? 'file'
            : 'other',
      location: entry.oid,
    }));
  }

  resolveLink(): Promise<LinkTarget | 'broken'> {
    // list() never reports a link (see the class comment)
    return Promise.resolve('broken');
  }

  read(location: string, maxBytes: number): Promise<ReadOutcome> {
    // decided from the object's header: a file that compresses well is refused before it is inflated
    return readBlobBounded(this.repo, location, maxBytes);
  }
}
