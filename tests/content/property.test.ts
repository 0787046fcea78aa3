import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type LoadResult } from '../../src/content/load';
import { PROBLEM_CATALOGUE } from '../../src/content/problem';
import { levelText, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

// One directory for all runs: each run overwrites the level file, so the suite stays fast.
const dir = writeTree(tempDir(), { 'demo/L1.md': levelText(), 'demo/L2.md': levelText('L2') });
const levelPath = join(dir, 'demo/L2.md');

/** What must hold for any answer: well-formed problems, and a framework only when nothing is an error. */
function checkAnswer(result: LoadResult): void {
  for (const p of result.problems) {
    expect(PROBLEM_CATALOGUE[p.code]?.severity).toBe(p.severity);
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
    expect(p.path).not.toMatch(/\\|^\//);
    expect(p.message.length).toBeGreaterThan(0);
  }
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(result.ok).toBe(errors.length === 0);
  if (!result.ok) return;
  const ids = new Set<string>();
  for (const level of result.framework.levels) {
    for (const c of level.competencies) {
      expect(c.expectations.length).toBeGreaterThan(0);
      for (const item of [...c.expectations, ...c.examples]) {
        expect(ids.has(item.id)).toBe(false);
        ids.add(item.id);
        expect(item.text.length).toBeGreaterThan(0);
        expect(item.text).toBe(item.text.normalize('NFC'));
        expect(item.text).not.toMatch(/^\s|\s$|\s\s|\ufeff/);
      }
    }
  }
}

async function loadWith(content: string | Uint8Array): Promise<LoadResult> {
  writeFileSync(levelPath, content);
  return loadContent(dir);
}

const FRAGMENTS = [
  '# L2: Engineer',
  '# L2:',
  '# Engineer',
  '# L0: Zero',
  '## 🦉 Domain expertise',
  '## 🌱 Teaching and Mentoring',
  '## 👩‍💻 Coding',
  '## 🏆',
  '## Plain name',
  '### Sub',
  '> _I am an engineer._',
  '>',
  '- **Planning horizon**: Current cycle',
  '* __Impact radius__: Self',
  '- **Evaluation:** Manager',
  '- **Bad',
  '- I do things.',
  '* I do things, wrapped',
  '  across two lines.',
  '1. An ordered item.',
  '-',
  '    indented code',
  '```',
  '<details>',
  '<summary>Examples</summary>',
  '<details><summary>Examples</summary>',
  '<summary>Other</summary>',
  '</details>',
  '<div>',
  '<!-- comment -->',
  '---',
  '---js',
  'title: x',
  'rank: 3',
  'code: L2',
  'status: draft',
  'owner: me',
  'a: &x 1',
  'b: *x',
  '[[[[[[[[[[',
  '',
  '',
  "team\\'s",
  'ü¶â ‚Äô â€™ Ã©',
  '\uf8ffü¶â',
  '\ufeff',
  'café naïve',
  '| a | b |',
  '|---|---|',
  '[link](http://x) `code` ![img](x.png) &amp; &#0;',
];

const markdownish = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
      ),
      {
        maxLength: 40,
      },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([lines, eol, bom]) => (bom ? '\ufeff' : '') + lines.join(eol));

describe('loadContent on arbitrary input (property)', () => {
  it('answers for arbitrary bytes, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        checkAnswer(await loadWith(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('answers for arbitrary markdown-ish text, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(markdownish, async (text) => {
        checkAnswer(await loadWith(text));
      }),
      { numRuns: 200 },
    );
  });

  it('answers for a valid level with arbitrary text spliced in', async () => {
    const base = levelText('L2').split('\n');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(base.length),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        async (at, inserted) => {
          const lines = [...base];
          lines.splice(at, 0, inserted);
          checkAnswer(await loadWith(lines.join('\n')));
        },
      ),
      { numRuns: 200 },
    );
  });
});
