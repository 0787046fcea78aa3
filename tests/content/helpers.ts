import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Framework } from '../../src/domain/framework';

/** Where the committed fixtures live. */
export const FIXTURES = join(__dirname, 'fixtures');

const created: string[] = [];

/** A fresh temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'content-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory {@link tempDir} made; call from afterAll. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (text as UTF-8, or raw bytes) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): string {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

/** A copy of a committed fixture directory that a test may change. */
export function copyFixture(name: string): string {
  const dir = tempDir();
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/**
 * A copy of the small three-level track a framework owner might bring (`fixtures/small-track`, one
 * track `data-engineer` with L1 to L3), each named file changed by its edit; returns the directory.
 */
export function smallTrack(edits: Record<string, (text: string) => string> = {}): string {
  const dir = copyFixture('small-track');
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, 'data-engineer', file);
    const text = readFileSync(path, 'utf8');
    const changed = edit(text);
    if (changed === text) throw new Error(`the edit of ${file} changed nothing`);
    writeFileSync(path, changed);
  }
  return dir;
}

/** A clean level file; tests that need a problem change one thing in it. */
export function levelText(code = 'L1', title = 'Engineer'): string {
  return [
    `# ${code}: ${title}`,
    '',
    `> _I am a ${title.toLowerCase()}._`,
    '',
    '- **Planning horizon**: Current cycle',
    '- **Impact radius**: Self',
    '- **Evaluation**: Manager',
    '- **Responsibility and direction needed**: Close guidance.',
    '',
    '## 🦉 Domain expertise',
    '',
    `- I learn the domain of my team (${code}).`,
    `- I ask for help when I am stuck (${code}).`,
    '',
    '<details>',
    '<summary>Examples</summary>',
    '',
    `- I fixed a small bug (${code}).`,
    '',
    '</details>',
    '',
    '## 🌱 Teaching and Mentoring',
    '',
    `- I share what I learn (${code}).`,
    '',
  ].join('\n');
}

/** What a level says, without where it says it: what two differently damaged copies must share. */
export function entities(framework: Framework, withLines = false) {
  return framework.levels.map((level) => ({
    id: level.id,
    code: level.code,
    rank: level.rank,
    title: level.title,
    summary: level.summary,
    status: level.status,
    attributes: level.attributes.map((a) => ({ ...a })),
    ...(withLines ? { line: level.source.line } : {}),
    competencies: level.competencies.map((c) => ({
      slug: c.slug,
      name: c.name,
      emoji: c.emoji,
      ...(withLines ? { line: c.source.line } : {}),
      expectations: c.expectations.map((i) => (withLines ? `${i.source.line}: ${i.text}` : i.text)),
      examples: c.examples.map((i) => (withLines ? `${i.source.line}: ${i.text}` : i.text)),
    })),
  }));
}
