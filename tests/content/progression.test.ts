import { loadContent } from '../../src/content/load';
import { levelText, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

const withTrackFile = (front: string) =>
  writeTree(tempDir(), {
    'demo/track.md': `---\nname: Demo\n${front}---\n\n# Demo\n`,
    'demo/L1.md': levelText(),
  });

describe("track.md's progression", () => {
  it('is cumulative or standalone as written, and standalone when it does not say', async () => {
    for (const [front, expected] of [
      ['progression: cumulative\n', 'cumulative'],
      ['progression: standalone\n', 'standalone'],
      ['', 'standalone'],
    ] as const) {
      const loaded = await loadContent(withTrackFile(front));
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      expect(loaded.framework.track('demo')!.progression).toBe(expected);
    }
    const bare = await loadContent(writeTree(tempDir(), { 'demo/L1.md': levelText() }));
    expect(bare.ok && bare.framework.track('demo')!.progression).toBe('standalone');
  });

  it('refuses any other value with bad-front-matter-value at its line, echoing what was written', async () => {
    const loaded = await loadContent(withTrackFile('progression: sideways\n'));
    expect(loaded.ok).toBe(false);
    const problems = loaded.ok ? [] : loaded.problems;
    expect(problems.map((p) => [p.code, p.path, p.line])).toEqual([
      ['bad-front-matter-value', 'demo/track.md', 3],
    ]);
    expect(problems[0]!.message).toContain('"sideways"');
  });
});
