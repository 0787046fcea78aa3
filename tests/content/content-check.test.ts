import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runContentCheck } from '../../src/cli/content-check';
import { copyFixture, FIXTURES, removeTempDirs } from './helpers';

const ROOT = join(__dirname, '../..');
const fixture = (name: string) => join(FIXTURES, name);

afterAll(removeTempDirs);

describe('content:check in-process', () => {
  it('prints a summary and exits 0 for clean content', async () => {
    const { exitCode, output } = await runContentCheck([fixture('valid')]);
    expect(exitCode).toBe(0);
    expect(output).toBe('5 files, 0 errors, 0 warnings');
  });

  it('prints warnings and exits 0, or 1 with --strict', async () => {
    const plain = await runContentCheck([fixture('rank-gap')]);
    expect(plain.exitCode).toBe(0);
    expect(plain.output.split('\n')).toEqual([
      expect.stringMatching(/^demo\/L3\.md:1:1 warning rank-gap {2}\S/),
      '2 files, 0 errors, 1 warning',
    ]);
    expect((await runContentCheck([fixture('rank-gap'), '--strict'])).exitCode).toBe(1);
    expect((await runContentCheck(['--strict', fixture('valid')])).exitCode).toBe(0);
  });

  it('prints every problem sorted and exits 1 on errors', async () => {
    const { exitCode, output } = await runContentCheck([fixture('duplicate-level')]);
    expect(exitCode).toBe(1);
    const lines = output.split('\n');
    expect(lines[0]).toMatch(/^demo\/L1\.md:1:1 error duplicate-level {2}/);
    expect(lines.at(-1)).toBe('2 files, 1 error, 0 warnings');
  });

  it('prints JSON with --format json', async () => {
    for (const args of [['--format', 'json'], ['--format=json']]) {
      const { exitCode, output } = await runContentCheck([fixture('missing-attribute'), ...args]);
      expect(exitCode).toBe(0);
      const json = JSON.parse(output);
      expect(json).toMatchObject({
        ok: true,
        version: expect.stringMatching(/^[0-9a-f]{16}$/),
        counts: { files: 1, errors: 0, warnings: 1 },
      });
      expect(json.problems).toEqual([
        expect.objectContaining({ code: 'missing-attribute', path: 'demo/L1.md', line: 1, column: 1 }),
      ]);
    }
  });

  it('lints how a cumulative track grows: progression warnings sorted with the rest, failing only --strict', async () => {
    const plain = await runContentCheck([fixture('progression-lint')]);
    expect(plain.exitCode).toBe(0);
    expect(plain.output.split('\n')).toEqual([
      expect.stringMatching(/^demo\/L2\.md:18:1 warning progression-verbatim-restatement {2}\S/),
      expect.stringMatching(/^demo\/L3\.md:13:1 warning progression-scope-mismatch {2}\S/),
      expect.stringMatching(/^demo\/L3\.md:15:1 warning progression-stalled-competency {2}\S/),
      expect.stringMatching(/^demo\/L3\.md:17:1 warning progression-trivial-step {2}\S/),
      '4 files, 0 errors, 4 warnings',
    ]);
    expect((await runContentCheck([fixture('progression-lint'), '--strict'])).exitCode).toBe(1);
    const json = JSON.parse(
      (await runContentCheck([fixture('progression-lint'), '--format', 'json'])).output,
    );
    expect(json.counts).toEqual({ files: 4, errors: 0, warnings: 4 });
    expect(json.problems.map((p: { code: string; line: number }) => [p.code, p.line])).toEqual([
      ['progression-verbatim-restatement', 18],
      ['progression-scope-mismatch', 13],
      ['progression-stalled-competency', 15],
      ['progression-trivial-step', 17],
    ]);
  });

  it('lints only content that loads: with an error, the errors are the report', async () => {
    const dir = copyFixture('progression-lint');
    writeFileSync(
      join(dir, 'demo/L4.md'),
      readFileSync(join(dir, 'demo/L3.md'), 'utf8').replace('# L3:', '# L2:'),
    );
    const json = JSON.parse((await runContentCheck([dir, '--format', 'json'])).output);
    expect(json.problems.map((p: { code: string }) => p.code)).not.toContain('progression-trivial-step');
    expect(json.counts.errors).toBeGreaterThan(0);
  });

  it('reports the bundled content with the one progression warning it earns (progression-lint.test.ts)', async () => {
    const { exitCode, output } = await runContentCheck([join(ROOT, 'content'), '--format', 'json']);
    expect(exitCode).toBe(0);
    const json = JSON.parse(output);
    expect(json.counts).toEqual({ files: 12, errors: 0, warnings: 1 });
    expect(json.problems.map((p: { code: string }) => p.code)).toEqual(['progression-scope-mismatch']);
  });

  it('reads the directory from CONTENT_DIR when none is given', async () => {
    const { output } = await runContentCheck(['--format', 'json'], { CONTENT_DIR: fixture('rank-gap') });
    expect(JSON.parse(output).counts).toEqual({ files: 2, errors: 0, warnings: 1 });
  });

  it('reports a missing directory as a problem, not a crash', async () => {
    const { exitCode, output } = await runContentCheck([join(FIXTURES, 'does-not-exist')]);
    expect(exitCode).toBe(1);
    expect(output).toMatch(/^\.:1:1 error missing-content-dir/);
  });

  it.each([[['--bogus']], [['--format', 'xml']], [['--format']], [['a', 'b']]])(
    'exits 2 with usage for %j',
    async (args) => {
      const { exitCode, output } = await runContentCheck(args);
      expect(exitCode).toBe(2);
      expect(output).toContain('Usage:');
    },
  );

  it('prints usage and exits 0 for --help', async () => {
    expect(await runContentCheck(['--help'])).toEqual({
      exitCode: 0,
      output: expect.stringContaining('Usage:'),
    });
  });
});

describe('content:check as a command', () => {
  it('runs through tsx with the exit code and output of the in-process run', () => {
    const run = spawnSync(
      'npx',
      ['tsx', 'src/cli/content-check.ts', fixture('duplicate-level'), '--format', 'json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, counts: { files: 2, errors: 1 } });
  });
});
