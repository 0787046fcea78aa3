import { readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, loadContentReport, type LoadResult } from '../../src/content/load';
import { formatProblem, problem } from '../../src/content/problem';
import type { Framework } from '../../src/domain/framework';
import { copyFixture, FIXTURES, levelText, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

function framework(result: LoadResult): Framework {
  if (!result.ok)
    throw new Error(`expected a clean load, got ${result.problems.map(formatProblem).join('\n')}`);
  return result.framework;
}

/** Loads a single level written as `text` and returns it. */
async function level(text: string) {
  const dir = writeTree(tempDir(), { 'demo/L1.md': text });
  const result = await loadContent(dir);
  return { result, level: result.ok ? result.framework.levels[0]! : null };
}

describe('a valid content directory', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadContent(join(FIXTURES, 'valid'), { now: () => now });
  });

  it('loads with no problems, stamped by the given clock', () => {
    const f = framework(result);
    expect(result.problems).toEqual([]);
    expect(f.loadedAt).toBe(now);
    expect(f.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names tracks from track.md, or from the folder', () => {
    const f = framework(result);
    expect(f.tracks.map((t) => [t.id, t.name, t.description])).toEqual([
      ['site-reliability-engineer', 'Site Reliability Engineering', 'Keeps things running.'],
      ['software-engineer', 'Software Engineer', null],
    ]);
    expect(f.track('site-reliability-engineer')!.source).toEqual({
      path: 'site-reliability-engineer/track.md',
      line: 1,
    });
    expect(f.track('software-engineer')!.source).toBeNull();
  });

  it('orders levels by rank and lets front matter override the title line', () => {
    const sre = framework(result).track('site-reliability-engineer')!;
    expect(sre.levels.map((l) => [l.code, l.rank, l.title, l.status, l.source.path, l.source.line])).toEqual([
      ['L1', 1, 'Site Reliability Engineer', 'published', 'site-reliability-engineer/L1.md', 1],
      ['L2', 2, 'Site Reliability Engineer II', 'published', 'site-reliability-engineer/L2.md', 1],
      ['L3', 3, 'Senior Site Reliability Engineer', 'draft', 'site-reliability-engineer/senior.md', 7],
    ]);
  });

  it('gives ids and sources to competencies and items', () => {
    const f = framework(result);
    const c = f.competency('site-reliability-engineer/L3/domain-expertise')!;
    expect(c).toMatchObject({
      name: 'Domain expertise',
      emoji: '🦉',
      source: { path: 'site-reliability-engineer/senior.md', line: 16 },
    });
    expect(c.expectations.map((e) => [e.id, e.source.line])).toEqual([
      ['site-reliability-engineer/L3/domain-expertise/e1', 18],
      ['site-reliability-engineer/L3/domain-expertise/e2', 19],
    ]);
    expect(c.examples.map((e) => [e.id, e.text])).toEqual([
      ['site-reliability-engineer/L3/domain-expertise/x1', 'I fixed a small bug (Senior).'],
    ]);
  });

  it('reports the number of files read (track.md included) and the version', async () => {
    const report = await loadContentReport(join(FIXTURES, 'valid'));
    expect(report.fileCount).toBe(5);
    expect(report.version).toBe(framework(result).version);
  });
});

describe('the content version', () => {
  it('is the same for the same files and changes with any edit, rename or track.md change', async () => {
    const dir = copyFixture('valid');
    const version = async () => framework(await loadContent(dir)).version;
    const original = await version();
    expect(await version()).toBe(original);
    expect(framework(await loadContent(join(FIXTURES, 'valid'))).version).toBe(original);

    const l1 = join(dir, 'software-engineer/L1.md');
    const text = readFileSync(l1, 'utf8');
    writeFileSync(l1, text.replace('Close guidance.', 'Some guidance.'));
    const edited = await version();
    expect(edited).not.toBe(original);

    writeFileSync(l1, text);
    expect(await version()).toBe(original);

    renameSync(l1, join(dir, 'software-engineer/first.md'));
    const renamed = await version();
    expect(renamed).not.toBe(original);
    renameSync(join(dir, 'software-engineer/first.md'), l1);

    writeFileSync(join(dir, 'site-reliability-engineer/track.md'), '---\nname: SRE\n---\n');
    expect(await version()).not.toBe(original);
  });
});

describe('reading markdown the way authors write it', () => {
  it('reads examples when the list follows <summary> with no blank line, and a heading right after </details>', async () => {
    const text = levelText()
      .replace('<summary>Examples</summary>\n\n', '<summary>Examples</summary>\n')
      .replace('</details>\n\n## 🌱', '</details>\n## 🌱');
    const { result, level: l } = await level(text);
    expect(result.problems).toEqual([]);
    expect(l!.competencies.map((c) => [c.slug, c.examples.map((e) => [e.text, e.source.line])])).toEqual([
      ['domain-expertise', [['I fixed a small bug (L1).', 17]]],
      ['teaching-and-mentoring', []],
    ]);
    expect(l!.competencies[1]!.source.line).toBe(20);
  });

  it('reads <details><summary>Examples</summary> on one line', async () => {
    const text = levelText().replace(
      '<details>\n<summary>Examples</summary>',
      '<details><summary>Examples</summary>',
    );
    const { level: l } = await level(text);
    expect(l!.competencies[0]!.examples.map((e) => e.text)).toEqual(['I fixed a small bug (L1).']);
  });

  it('reads **Label:** value, ordered lists, headings without emoji, links, code and entities', async () => {
    const text = [
      '# L1: Engineer',
      '',
      '- **Planning horizon:** Current cycle',
      '- **Impact radius**: Self',
      '- **Evaluation**: [Manager](https://example.com)',
      '- **Responsibility and direction needed**: Close `guidance` &amp; help.',
      '',
      '## Domain expertise',
      '',
      '1. I read the *whole* [runbook](https://example.com/rb).',
      '2. I use `kubectl` ~~rarely~~ well.',
    ].join('\n');
    const { result, level: l } = await level(text);
    expect(result.problems).toEqual([]);
    expect(l!.summary).toBeNull();
    expect(l!.attributes.map((a) => [a.key, a.value])).toEqual([
      ['planningHorizon', 'Current cycle'],
      ['impactRadius', 'Self'],
      ['evaluation', 'Manager'],
      ['responsibilityAndDirectionNeeded', 'Close guidance & help.'],
    ]);
    expect(l!.competencies[0]).toMatchObject({
      emoji: null,
      name: 'Domain expertise',
      slug: 'domain-expertise',
    });
    expect(l!.competencies[0]!.expectations.map((e) => e.text)).toEqual([
      'I read the whole runbook.',
      'I use kubectl rarely well.',
    ]);
  });

  it.each([
    ['👩‍💻 Coding', '👩‍💻', 'Coding', 'coding'],
    ['🇬🇧 Local market', '🇬🇧', 'Local market', 'local-market'],
    ['❤️ Care', '❤️', 'Care', 'care'],
    ['👍🏽 Approval', '👍🏽', 'Approval', 'approval'],
    ['Café culture', null, 'Café culture', 'cafe-culture'],
    [
      '🔧 Operational Excellence & On-call',
      '🔧',
      'Operational Excellence & On-call',
      'operational-excellence-on-call',
    ],
  ])('splits the heading "%s"', async (heading, emoji, name, slug) => {
    const { level: l } = await level(levelText().replace('🌱 Teaching and Mentoring', heading));
    expect(l!.competencies[1]).toMatchObject({ emoji, name, slug });
  });

  it('camel-cases any attribute label', async () => {
    const { level: l } = await level(
      levelText().replace(
        '- **Evaluation**: Manager',
        '- **Evaluation**: Manager\n- **On-call rota (weekly)**: Yes',
      ),
    );
    expect(l!.attributes.map((a) => a.key)).toContain('onCallRotaWeekly');
  });

  it('folds white space and normalises to NFC', async () => {
    const decomposed = 'cafe\u0301';
    const { level: l } = await level(
      levelText().replace('I share what I learn (L1).', `I   share\twhat I learn at the ${decomposed}.`),
    );
    expect(l!.competencies[1]!.expectations[0]!.text).toBe('I share what I learn at the café.');
  });

  it('ignores README.md, non-markdown files and hidden entries', async () => {
    const dir = writeTree(tempDir(), {
      'README.md': 'x',
      '.hidden.md': 'x',
      '.git/config': 'x',
      'demo/L1.md': levelText(),
      'demo/README.md': 'x',
      'demo/logo.png': 'x',
      'demo/.draft.md': 'x',
    });
    const result = await loadContent(dir);
    expect(result.problems).toEqual([]);
    expect(framework(result).levels).toHaveLength(1);
  });

  it('follows a track folder that is a symlink inside the directory', async () => {
    const dir = writeTree(tempDir(), { 'demo/L1.md': levelText() });
    symlinkSync(join(dir, 'demo'), join(dir, 'alias'));
    const f = framework(await loadContent(dir));
    expect(f.tracks.map((t) => t.id)).toEqual(['alias', 'demo']);
    expect(f.level('alias/L1')!.source.path).toBe('alias/L1.md');
  });
});

describe('problems', () => {
  it('are all reported at once, across files, sorted by path, line and column', async () => {
    const dir = writeTree(tempDir(), {
      'b-track/L1.md': levelText().replace('# L1: Engineer', '# Engineer'),
      'a-track/L2.md': `---\nowner: x\nrank: none\n---\n${levelText('L2')}`,
      'a-track/L1.md': levelText().replace('## 🌱 Teaching and Mentoring', '## 🦉 Domain Expertise'),
    });
    const result = await loadContent(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.path}:${p.line}:${p.column} ${p.code}`)).toEqual([
      'a-track/L1.md:1:1 missing-competency',
      'a-track/L1.md:22:1 duplicate-competency',
      'a-track/L2.md:2:1 bad-front-matter-key',
      'a-track/L2.md:3:1 bad-front-matter-value',
      'b-track/L1.md:1:1 bad-title',
    ]);
  });

  it('format like a compiler, relative paths with forward slashes', () => {
    const p = problem(
      'duplicate-level',
      'site-reliability-engineer/L2.md',
      14,
      1,
      'L2 is defined twice on this track (also in L2-old.md:1)',
    );
    expect(formatProblem(p)).toBe(
      'site-reliability-engineer/L2.md:14:1 error duplicate-level  L2 is defined twice on this track (also in L2-old.md:1)',
    );
  });

  it('are only warnings when the load succeeds', async () => {
    const result = await loadContent(join(FIXTURES, 'rank-gap'));
    expect(result.ok).toBe(true);
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
  });
});
