import { execFileSync } from 'node:child_process';
import { promises as fsp, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent, type LoadOptions } from '../../src/content/load';
import {
  PROBLEM_CATALOGUE,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemSeverity,
} from '../../src/content/problem';
import { lintProgression } from '../../src/domain/progression-lint';
import { FIXTURES, levelText, removeTempDirs, smallTrack, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

interface Case {
  /** A committed fixture folder (`tests/content/fixtures/<name>`) or a function that builds one. */
  readonly dir: string | (() => string);
  readonly severity: ProblemSeverity;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly options?: LoadOptions;
  /** Installs a fault for the duration of the load; returns the undo. */
  readonly fault?: () => () => void;
  /** A progression lint code: content:check adds it after the load (lintProgression), the loader does not. */
  readonly lint?: true;
}

/** The progression lint's fixture breaks each of its rules once (tests/content/progression-lint.test.ts). */
const lint = (path: string, line: number): Case => ({
  dir: fixture('progression-lint'),
  severity: 'warning',
  path,
  line,
  column: 1,
  lint: true,
});

/** A track with one clean level plus the given files: the problem is the only thing wrong. */
function track(files: Record<string, string | Uint8Array>): () => string {
  return () => writeTree(tempDir(), { 'demo/L1.md': levelText(), ...files });
}

const fixture = (code: string) => join(FIXTURES, code);

const CASES: Record<ProblemCode, Case> = {
  'missing-content-dir': {
    dir: () => join(tempDir(), 'nowhere'),
    severity: 'error',
    path: '.',
    line: 1,
    column: 1,
  },
  'no-tracks': { dir: fixture('no-tracks'), severity: 'error', path: '.', line: 1, column: 1 },
  'bad-track-id': { dir: fixture('bad-track-id'), severity: 'error', path: 'Bad_Track/', line: 1, column: 1 },
  'no-levels': { dir: fixture('no-levels'), severity: 'error', path: 'empty-track/', line: 1, column: 1 },
  'stray-file': { dir: fixture('stray-file'), severity: 'warning', path: 'notes.md', line: 1, column: 1 },
  'unexpected-directory': {
    dir: fixture('unexpected-directory'),
    severity: 'warning',
    path: 'demo/old/',
    line: 1,
    column: 1,
  },
  'symlink-outside': {
    dir: () => {
      const outside = writeTree(tempDir(), { 'secret.md': levelText('L2') });
      const dir = track({})();
      symlinkSync(join(outside, 'secret.md'), join(dir, 'demo/L2.md'));
      return dir;
    },
    severity: 'error',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'broken-symlink': {
    dir: () => {
      const dir = track({})();
      symlinkSync(join(dir, 'demo/gone.md'), join(dir, 'demo/L2.md'));
      return dir;
    },
    severity: 'error',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'not-regular-file': {
    dir: () => {
      const dir = track({})();
      execFileSync('mkfifo', [join(dir, 'demo/L2.md')]);
      return dir;
    },
    severity: 'error',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'unreadable-file': {
    // Permissions cannot make a file unreadable when the tests run as root, so the open fails instead.
    dir: track({ 'demo/L2.md': levelText('L2') }),
    fault: () => {
      const open = fsp.open;
      const spy = jest.spyOn(fsp, 'open').mockImplementation((path, ...rest) => {
        if (String(path).endsWith('L2.md')) {
          return Promise.reject(Object.assign(new Error('permission denied'), { code: 'EACCES' }));
        }
        return open(path, ...rest);
      });
      return () => spy.mockRestore();
    },
    severity: 'error',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'file-too-large': {
    dir: track({ 'demo/L2.md': `${levelText('L2')}${'x'.repeat(1024 * 1024)}` }),
    severity: 'error',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'invalid-utf8': {
    // Line 3, after "> _I" (4 characters): a lone 0xC3 followed by "(".
    dir: track({
      'demo/L2.md': Buffer.concat([
        Buffer.from('# L2: x\n\n> _I'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('am_\n'),
      ]),
    }),
    severity: 'error',
    path: 'demo/L2.md',
    line: 3,
    column: 5,
  },
  'unsupported-encoding': {
    dir: track({
      'demo/L2.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(levelText('L2'), 'utf16le')]),
    }),
    severity: 'error',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'nul-byte': {
    dir: track({ 'demo/L2.md': levelText('L2').replace('Close guidance.', 'Close\0guidance.') }),
    severity: 'error',
    path: 'demo/L2.md',
    line: 8,
    // After "- **Responsibility and direction needed**: Close" (48 characters).
    column: 49,
  },
  'repaired-mojibake': {
    dir: fixture('repaired-mojibake'),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 12,
    column: 18,
  },
  'repaired-escape': {
    dir: fixture('repaired-escape'),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 12,
    column: 18,
  },
  'stray-bom': {
    dir: () =>
      writeTree(tempDir(), { 'demo/L1.md': levelText().replace('I share what', 'I share\ufeff what') }),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 24,
    column: 10,
  },
  'front-matter-language': {
    dir: fixture('front-matter-language'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 4,
  },
  'front-matter-unclosed': {
    dir: fixture('front-matter-unclosed'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'front-matter-syntax': {
    dir: fixture('front-matter-syntax'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 3,
    column: 1,
  },
  'front-matter-duplicate-key': {
    dir: fixture('front-matter-duplicate-key'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 3,
    column: 1,
  },
  'front-matter-alias': {
    dir: fixture('front-matter-alias'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 3,
    column: 7,
  },
  'front-matter-too-deep': {
    dir: fixture('front-matter-too-deep'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 2,
    column: 16,
  },
  'front-matter-not-mapping': {
    dir: fixture('front-matter-not-mapping'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 2,
    column: 1,
  },
  'bad-front-matter-key': {
    dir: fixture('bad-front-matter-key'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 3,
    column: 1,
  },
  'bad-front-matter-value': {
    dir: fixture('bad-front-matter-value'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 3,
    column: 1,
  },
  'missing-title': {
    dir: fixture('missing-title'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'bad-title': { dir: fixture('bad-title'), severity: 'error', path: 'demo/L1.md', line: 1, column: 1 },
  'multiple-titles': {
    dir: fixture('multiple-titles'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 27,
    column: 1,
  },
  'attribute-before-title': {
    dir: fixture('attribute-before-title'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'bad-attribute': {
    dir: fixture('bad-attribute'),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 8,
    column: 1,
  },
  'duplicate-attribute': {
    dir: fixture('duplicate-attribute'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 8,
    column: 1,
  },
  'missing-attribute': {
    dir: fixture('missing-attribute'),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'misspelt-attribute': {
    dir: () => smallTrack({ 'L3.md': (t) => t.replace('**Planning horizon**', '**Planing horizon**') }),
    severity: 'warning',
    path: 'data-engineer/L3.md',
    line: 5,
    column: 1,
  },
  'bad-competency-heading': {
    dir: fixture('bad-competency-heading'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 26,
    column: 1,
  },
  'duplicate-competency': {
    dir: fixture('duplicate-competency'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 26,
    column: 1,
  },
  'empty-competency': {
    dir: fixture('empty-competency'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 26,
    column: 1,
  },
  'no-competencies': {
    dir: fixture('no-competencies'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'examples-outside-competency': {
    dir: fixture('examples-outside-competency'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 10,
    column: 1,
  },
  'unclosed-details': {
    dir: fixture('unclosed-details'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 15,
    column: 1,
  },
  'empty-item': { dir: fixture('empty-item'), severity: 'warning', path: 'demo/L1.md', line: 25, column: 1 },
  'unexpected-content': {
    dir: fixture('unexpected-content'),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 26,
    column: 1,
  },
  'near-duplicate-expectation': {
    dir: fixture('near-duplicate-expectation'),
    severity: 'warning',
    path: 'demo/L1.md',
    line: 25,
    column: 1,
  },
  'duplicate-level': {
    dir: fixture('duplicate-level'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'duplicate-rank': {
    dir: fixture('duplicate-rank'),
    severity: 'error',
    path: 'demo/L1.md',
    line: 1,
    column: 1,
  },
  'rank-gap': { dir: fixture('rank-gap'), severity: 'warning', path: 'demo/L3.md', line: 1, column: 1 },
  'missing-competency': {
    dir: fixture('missing-competency'),
    severity: 'warning',
    path: 'demo/L2.md',
    line: 1,
    column: 1,
  },
  'misspelt-competency': {
    dir: () =>
      smallTrack({
        'L3.md': (t) => t.replace('## 🌱 Teaching and Mentoring', '## 🌱 Teaching and Mentorng'),
      }),
    severity: 'warning',
    path: 'data-engineer/L3.md',
    line: 22,
    column: 1,
  },
  'title-file-mismatch': {
    dir: () => smallTrack({ 'L3.md': (t) => t.replace('# L3:', '# L4:') }),
    severity: 'warning',
    path: 'data-engineer/L3.md',
    line: 1,
    column: 1,
  },
  'inconsistent-competency-emoji': {
    dir: () => smallTrack({ 'L3.md': (t) => t.replace('## 🦉 Domain expertise', '## Domain expertise') }),
    severity: 'warning',
    path: 'data-engineer/L3.md',
    line: 10,
    column: 1,
  },
  'progression-stalled-competency': lint('demo/L3.md', 15),
  'progression-trivial-step': lint('demo/L3.md', 17),
  'progression-scope-mismatch': lint('demo/L3.md', 13),
  'progression-verbatim-restatement': lint('demo/L2.md', 18),
  'internal-error': {
    dir: fixture('valid'),
    options: {
      now: () => {
        throw new Error('clock broke');
      },
    },
    severity: 'error',
    path: '.',
    line: 1,
    column: 1,
  },
};

describe('every problem code', () => {
  it('has a case here, and every case is a catalogue code', () => {
    expect(Object.keys(CASES).sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('has a one-line description and a severity in the catalogue', () => {
    for (const code of PROBLEM_CODES) {
      const entry = PROBLEM_CATALOGUE[code];
      expect(['error', 'warning']).toContain(entry.severity);
      expect(entry.description).toMatch(/^\S.*\.$/);
      expect(entry.description).not.toContain('\n');
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it.each(PROBLEM_CODES.map((code) => [code, CASES[code]] as const))('%s', async (code, c) => {
    const dir = typeof c.dir === 'string' ? c.dir : c.dir();
    const undo = c.fault?.();
    let result;
    try {
      result = await loadContent(dir, c.options);
    } finally {
      undo?.();
    }
    const problems = [...result.problems, ...(c.lint && result.ok ? lintProgression(result.framework) : [])];
    const found = problems.filter((p) => p.code === code);
    expect(
      found.map(({ path, line, column, severity }) => ({ path, line, column, severity })),
    ).toContainEqual({
      path: c.path,
      line: c.line,
      column: c.column,
      severity: c.severity,
    });
    expect(PROBLEM_CATALOGUE[code].severity).toBe(c.severity);
    // An error refuses the load; a warning alone does not (each fixture has nothing else wrong).
    expect(result.ok).toBe(c.severity === 'warning');
    for (const p of result.problems) expect(p.message.length).toBeGreaterThan(10);
  });
});
