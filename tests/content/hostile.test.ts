import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type LoadResult } from '../../src/content/load';
import { PROBLEM_CATALOGUE } from '../../src/content/problem';
import { levelText, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

/** Loads a track whose L1.md is `content`; checks the answer is well-formed whatever happened. */
async function loadLevel(
  content: string | Uint8Array,
  extra: Record<string, string | Uint8Array> = {},
): Promise<LoadResult> {
  const dir = writeTree(tempDir(), { 'demo/L1.md': content, ...extra });
  const result = await loadContent(dir);
  for (const p of result.problems) {
    expect(PROBLEM_CATALOGUE[p.code]).toBeDefined();
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
  return result;
}

const codes = (r: LoadResult) => r.problems.map((p) => p.code);

describe('front matter that is code', () => {
  const g = globalThis as { pwned?: unknown };
  afterEach(() => delete g.pwned);

  it.each(['js', 'javascript', 'coffee', 'yaml', 'JS'])(
    '---%s is refused and never run',
    async (language) => {
      const marker = join(tempDir(), 'pwned');
      const code = [
        `---${language}`,
        `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); globalThis.pwned = true;`,
        `module.exports = (function () { globalThis.pwned = true; return { title: 'x' }; })()`,
        '---',
        levelText(),
      ].join('\n');
      const result = await loadLevel(code);
      expect(result.ok).toBe(false);
      expect(codes(result)).toContain('front-matter-language');
      expect(g.pwned).toBeUndefined();
      expect(existsSync(marker)).toBe(false);
    },
  );
});

describe('YAML built to hurt', () => {
  it('refuses a billion-laughs alias bomb quickly', async () => {
    const lines = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
      ['i', 'h'],
    ]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    lines.push('title: *i', '---', levelText());
    const started = Date.now();
    const result = await loadLevel(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain('front-matter-alias');
  });

  it('refuses duplicate keys', async () => {
    const result = await loadLevel(`---\ntitle: One\ntitle: Two\n---\n${levelText()}`);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'front-matter-duplicate-key', line: 3 }),
    );
  });

  it('refuses unclosed front matter', async () => {
    const result = await loadLevel(`---\ntitle: One\n${levelText()}`);
    expect(codes(result)).toEqual(['front-matter-unclosed']);
  });

  it.each([
    ['10,000 [', '['.repeat(10_000)],
    ['10,000 { closed', `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`],
    ['50,000 compact sequences', `${'- '.repeat(50_000)}x`],
    ['deep indentation', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ])('refuses nesting as deep as %s without parsing it', async (_, yaml) => {
    const result = await loadLevel(`---\n${yaml}\n---\n${levelText()}`);
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain('front-matter-too-deep');
  });

  it('does not construct tagged values', async () => {
    const result = await loadLevel(
      `---\ntitle: !!js/function "function () { globalThis.pwned = 1 }"\n---\n${levelText()}`,
    );
    expect(result.ok).toBe(false);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });
});

describe('bytes that are not UTF-8 text', () => {
  it('refuses invalid UTF-8 with the line of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('# L1: x\n\n'), Buffer.from([0xff, 0xfe, 0x41])]);
    const result = await loadLevel(bytes);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'invalid-utf8', line: 3, column: 1 }),
    );
  });

  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(levelText(), 'utf16le')])],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(levelText(), 'utf16le').swap16()]),
    ],
    ['UTF-16 LE without BOM', Buffer.from(levelText(), 'utf16le')],
  ])('refuses %s', async (_, bytes) => {
    const result = await loadLevel(bytes);
    expect(codes(result)).toEqual(['unsupported-encoding']);
  });

  it('refuses a file over 1 MiB, and accepts one of 1 MiB - 1 byte on a single line', async () => {
    const tooLarge = await loadLevel('x'.repeat(1024 * 1024 + 1));
    expect(codes(tooLarge)).toEqual(['file-too-large']);
    const justUnder = await loadLevel('x'.repeat(1024 * 1024 - 1));
    expect(justUnder.ok).toBe(false);
    expect(codes(justUnder)).toContain('missing-title');
  });
});

describe('the file system', () => {
  it('never follows a symlink out of the directory, nor reveals what it points to', async () => {
    const outside = writeTree(tempDir(), { 'secret.md': '# L2: Top secret\n', 'track/L1.md': levelText() });
    const dir = writeTree(tempDir(), { 'demo/L1.md': levelText() });
    symlinkSync(join(outside, 'secret.md'), join(dir, 'demo/L2.md'));
    symlinkSync(join(outside, 'track'), join(dir, 'elsewhere'));
    const result = await loadContent(dir);
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.code === 'symlink-outside').map((p) => p.path)).toEqual([
      'demo/L2.md',
      'elsewhere',
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('Top secret');
  });

  it('follows a symlink that stays inside the directory', async () => {
    const dir = writeTree(tempDir(), { 'demo/L1.md': levelText(), 'shared/L1.md': levelText() });
    symlinkSync(join(dir, 'shared/L1.md'), join(dir, 'demo/L2.md'));
    const result = await loadContent(dir);
    // Followed, so read: it is a second L1 on the demo track.
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'duplicate-level', path: 'demo/L2.md' }),
    );
  });

  it('does not hang on a FIFO named like a level', async () => {
    const dir = writeTree(tempDir(), { 'demo/L1.md': levelText() });
    execFileSync('mkfifo', [join(dir, 'demo/L2.md')]);
    const result = await loadContent(dir);
    expect(codes(result)).toEqual(['not-regular-file']);
  });

  it('answers for a path that is a file, or empty', async () => {
    const file = join(writeTree(tempDir(), { 'a.md': 'x' }), 'a.md');
    expect(codes(await loadContent(file))).toEqual(['missing-content-dir']);
    expect(codes(await loadContent(''))).toEqual(['missing-content-dir']);
  });
});

describe('markdown built to hurt', () => {
  it.each([
    ['100,000 nested block quotes', '>'.repeat(100_000)],
    ['50,000 nested list markers', '- '.repeat(50_000)],
    ['many unclosed brackets', `# L1: x\n\n## a\n\n- ${'['.repeat(100_000)}`],
    ['10,000 <details> without a blank line', `# L1: x\n\n## a\n\n${'<details>\n'.repeat(10_000)}`],
    [
      '10,000 competencies',
      `# L1: x\n\n${Array.from({ length: 10_000 }, (_, i) => `## c${i}\n- e${i}`).join('\n')}`,
    ],
    ['5,000 identical expectations', `# L1: x\n\n## a\n\n${'- I do the same thing.\n'.repeat(5_000)}`],
  ])('%s: answers without throwing', async (_, text) => {
    const result = await loadLevel(text);
    expect(typeof result.ok).toBe('boolean');
  });
});
