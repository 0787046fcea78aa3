import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentHistory } from '../../src/content/history/history';
import { GitTreeSource } from '../../src/content/history/git-source';
import { findRepository } from '../../src/content/history/repository';
import { loadContent } from '../../src/content/load';
import type { Framework } from '../../src/domain/framework';
import { buildHistory, type History } from '../support/git-content';

let history: History;
let content: ContentHistory;
let served: Framework;

beforeAll(async () => {
  history = await buildHistory();
  content = (await ContentHistory.open(history.contentDir, { cacheVersions: 4 }))!;
  const loaded = await loadContent(history.contentDir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  served = loaded.framework;
});
afterAll(() => history.remove());

describe('the git version reader', () => {
  it('finds the repository above the content folder and where the content sits in it', async () => {
    const repo = await findRepository(history.contentDir);
    expect(repo?.prefix).toBe('content');
    const outside = mkdtempSync(path.join(tmpdir(), 'cfa-no-git-'));
    try {
      expect(await ContentHistory.open(outside, { cacheVersions: 1 })).toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('lists the commits that changed content, newest first, with tags, time and subject', async () => {
    const versions = await content.versions();
    const { v1, v2, draft, broken, fixed } = history.commits;
    expect(versions.map((v) => v.id)).toEqual([fixed, broken, draft, v2, v1]);
    expect(versions.map((v) => v.tags)).toEqual([[], [], [], ['v2'], ['v1']]);
    expect(versions.map((v) => v.published)).toEqual([true, true, false, true, true]);
    const first = versions[4]!;
    expect(first.subject).toBe('First framework');
    expect(first.shortId).toBe(v1.slice(0, 7));
    expect(first.committedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('resolves tags (annotated too), branches, HEAD, full and short hashes to versions', async () => {
    const { v1, v2, docs, draft, fixed } = history.commits;
    const id = async (ref: string) => (await content.resolve(ref))?.id ?? null;
    expect(await id('v1')).toBe(v1);
    expect(await id('v2')).toBe(v2);
    expect(await id('main')).toBe(fixed);
    expect(await id('HEAD')).toBe(fixed);
    expect(await id('drafts')).toBe(draft);
    expect(await id(v1)).toBe(v1);
    expect(await id(v1.slice(0, 7))).toBe(v1);
    // a commit that changed no content file is the version before it
    expect(await id(docs)).toBe(v2);
    expect(await id('no-such-ref')).toBeNull();
    expect(await id('')).toBeNull();
  });

  it('reads a version from the objects through the same loader, its ids carrying the label', async () => {
    const v1 = (await content.resolve('v1'))!;
    const loaded = await content.content(v1, 'v1');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.framework.levels.map((l) => l.id)).toEqual(['demo/L1@v1', 'demo/L2@v1', 'demo/L3@v1']);
    expect(loaded.framework.competency('demo/L3@v1/domain-expertise')?.expectations[0]?.id).toBe(
      'demo/L3@v1/domain-expertise/e1',
    );
    expect(loaded.framework.ref).toBe('v1');
  });

  it('gives the same content version for a commit as for the same files on disk', async () => {
    const repo = (await findRepository(history.contentDir))!;
    const fromGit = await loadContent(new GitTreeSource(repo, history.commits.fixed));
    expect(fromGit.ok && fromGit.framework.version).toBe(served.version);
  });

  it('reports a version whose content has errors with every problem, and no framework', async () => {
    const broken = (await content.resolve(history.commits.broken))!;
    const loaded = await content.content(broken, broken.shortId);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems.map((p) => [p.code, p.path])).toEqual([['bad-front-matter-value', 'demo/L1.md']]);
  });

  it('knows the served content is the last commit of the default branch', async () => {
    expect((await content.servedVersion(served))?.id).toBe(history.commits.fixed);
    const v1 = await content.content((await content.resolve('v1'))!, 'v1');
    expect(v1.ok && (await content.servedVersion(v1.framework))).toBeNull();
  });

  it('reports a commit without the content folder as missing-content-dir', async () => {
    const repo = (await findRepository(history.contentDir))!;
    const result = await loadContent(new GitTreeSource({ ...repo, prefix: 'elsewhere' }, history.commits.v1));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toEqual(['missing-content-dir']);
  });
});
