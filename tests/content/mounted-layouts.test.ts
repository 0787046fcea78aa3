import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type LoadResult } from '../../src/content/load';
import { formatProblem } from '../../src/content/problem';
import type { Framework } from '../../src/domain/framework';
import { levelText, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

function framework(result: LoadResult): Framework {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.framework;
}

describe('content mounted the way operators deploy it', () => {
  it('reads a Kubernetes ConfigMap volume: visible links through ..data to a hidden timestamped folder', async () => {
    const dir = writeTree(tempDir(), {
      '..2026_11_30_10_00_00.123/demo/L1.md': levelText('L1'),
      '..2026_11_30_10_00_00.123/demo/L2.md': levelText('L2'),
      '..2026_11_30_10_00_00.123/ops/L1.md': levelText('L1', 'Operator'),
    });
    symlinkSync('..2026_11_30_10_00_00.123', join(dir, '..data'));
    symlinkSync('..data/demo', join(dir, 'demo'));
    symlinkSync('..data/ops', join(dir, 'ops'));
    const result = await loadContent(dir);
    const f = framework(result);
    expect(result.problems).toEqual([]);
    expect(f.tracks.map((t) => t.id)).toEqual(['demo', 'ops']);
    expect(f.levels.map((l) => l.source.path)).toEqual(['demo/L1.md', 'demo/L2.md', 'ops/L1.md']);
  });

  it('reads a git-sync checkout: CONTENT_DIR is a link to a hidden worktree', async () => {
    const root = writeTree(tempDir(), { '.worktrees/4f2a/demo/L1.md': levelText('L1') });
    symlinkSync('.worktrees/4f2a', join(root, 'content'));
    const f = framework(await loadContent(join(root, 'content')));
    expect(f.levels.map((l) => l.id)).toEqual(['demo/L1']);
  });
});
