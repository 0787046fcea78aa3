import { loadContent } from '../../src/content/load';
import { formatProblem } from '../../src/content/problem';
import { withoutDrafts, type Framework } from '../../src/domain/framework';
import { levelFile } from '../support/git-content';
import { removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

type Status = 'published' | 'draft';

/** A track with a published L1 and an L2 of the given status, and optionally a track of drafts alone. */
function content(options: { l2?: Status; l2Text?: string; draftTrack?: boolean } = {}) {
  return {
    'demo/track.md': '---\nname: Demo\n---\n',
    'demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
    'demo/L2.md': levelFile('L2', 2, 'Demo', [options.l2Text ?? 'I fix builds.'], options.l2 ?? 'draft'),
    ...(options.draftTrack
      ? {
          'skunkworks/track.md': '---\nname: Skunkworks\n---\n',
          'skunkworks/L1.md': levelFile('L1', 1, 'Skunk', ['I build the unannounced.'], 'draft'),
        }
      : {}),
  };
}

async function load(files: Record<string, string>): Promise<Framework> {
  const result = await loadContent(writeTree(tempDir(), files));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.framework;
}

describe('the published view’s version', () => {
  it('stays when only a draft level is edited, while the full version changes', async () => {
    const before = await load(content());
    const after = await load(content({ l2Text: 'I fix builds and flaky tests.' }));
    expect(withoutDrafts(after).version).toBe(withoutDrafts(before).version);
    expect(after.version).not.toBe(before.version);
  });

  it('stays when a track of drafts alone is added', async () => {
    const before = await load(content());
    const after = await load(content({ draftTrack: true }));
    expect(withoutDrafts(after).version).toBe(withoutDrafts(before).version);
    expect(after.version).not.toBe(before.version);
  });

  it('is the full version of the same content without the drafts', async () => {
    const withDrafts = await load(content({ draftTrack: true }));
    const published = Object.entries(content()).filter(([file]) => file !== 'demo/L2.md');
    const alone = await load(Object.fromEntries(published));
    expect(withoutDrafts(withDrafts).version).toBe(alone.version);
  });

  it('changes when a draft is published', async () => {
    const draft = await load(content());
    const published = await load(content({ l2: 'published' }));
    expect(withoutDrafts(published).version).not.toBe(withoutDrafts(draft).version);
  });

  it('is the full version, on the same framework, when there are no drafts', async () => {
    const framework = await load(content({ l2: 'published' }));
    expect(withoutDrafts(framework)).toBe(framework);
    const view = withoutDrafts(await load(content()));
    expect(withoutDrafts(view)).toBe(view);
  });
});
