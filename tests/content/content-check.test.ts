import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runContentCheck } from '../../src/cli/content-check';
import { FIXTURES } from './helpers';

const ROOT = join(__dirname, '../..');
const fixture = (name: string) => join(FIXTURES, name);

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
