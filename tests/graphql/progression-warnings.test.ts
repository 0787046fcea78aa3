import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphql } from 'graphql';
import { loadContent } from '../../src/content/load';
import { withoutDrafts, type Framework } from '../../src/domain/framework';
import { buildFrameworkSchema } from '../../src/graphql/schema';
import { bundledFramework } from '../support/bundled';
import { execute } from './execute';

const FIXTURE = path.join(__dirname, '../content/fixtures/progression-lint');
const QUERY = `query W($id: ID!) {
  level(id: $id) { progressionWarnings { code message location { path line } } }
}`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function load(dir: string): Promise<Framework> {
  const loaded = await loadContent(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.framework;
}

type Warning = { code: string; message: string; location: { path: string; line: number } };

async function warnings(framework: Framework, id: string, drafts?: boolean): Promise<Warning[]> {
  const result = await graphql({
    schema: buildFrameworkSchema(),
    source: QUERY,
    variableValues: { id },
    contextValue: drafts === undefined ? { framework } : { framework, drafts },
  });
  expect(result.errors).toBeUndefined();
  return (result.data as { level: { progressionWarnings: Warning[] } }).level.progressionWarnings;
}

const codesAt = (list: Warning[]) => list.map((w) => [w.code, w.location.path, w.location.line]);

describe('Level.progressionWarnings', () => {
  it("returns the level's progression lint, with codes and places as content:check prints them", async () => {
    const framework = await load(FIXTURE);
    expect(codesAt(await warnings(framework, 'demo/L3'))).toEqual([
      ['progression-scope-mismatch', 'demo/L3.md', 13],
      ['progression-stalled-competency', 'demo/L3.md', 15],
      ['progression-trivial-step', 'demo/L3.md', 17],
    ]);
    expect(codesAt(await warnings(framework, 'demo/L2'))).toEqual([
      ['progression-verbatim-restatement', 'demo/L2.md', 18],
    ]);
    expect(await warnings(framework, 'demo/L1')).toEqual([]);
  });

  it('is empty on the bundled levels but the one the lint rightly reports', async () => {
    const framework = await bundledFramework();
    const result = await execute(
      framework,
      '{ levels { id progressionWarnings { code location { line } } } }',
    );
    expect(result.errors).toBeUndefined();
    const levels = (result.data as { levels: { id: string; progressionWarnings: unknown[] }[] }).levels;
    expect(levels.filter((l) => l.progressionWarnings.length > 0)).toEqual([
      {
        id: 'site-reliability-engineer/L4',
        progressionWarnings: [{ code: 'progression-scope-mismatch', location: { line: 75 } }],
      },
    ]);
  });

  it('reads the caller’s view: without the drafts permission a draft level is neither linted nor built on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'progression-drafts-'));
    dirs.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const l2 = path.join(dir, 'demo/L2.md');
    writeFileSync(l2, `---\nstatus: draft\n---\n${readFileSync(l2, 'utf8')}`);
    const framework = await load(dir);

    const withDrafts = await warnings(framework, 'demo/L3', true);
    expect(withDrafts.map((w) => w.code)).toContain('progression-trivial-step');
    expect(withDrafts.some((w) => /L2/.test(w.message))).toBe(true);

    // L3 now follows L1: its Teaching and Mentoring item is new there, and no message names L2
    const view = withoutDrafts(framework);
    const anonymous = await warnings(view, 'demo/L3', false);
    expect(codesAt(anonymous)).toEqual([['progression-scope-mismatch', 'demo/L3.md', 13]]);
    expect(anonymous.some((w) => /L2/.test(w.message))).toBe(false);
    const level = await graphql({
      schema: buildFrameworkSchema(),
      source: QUERY,
      variableValues: { id: 'demo/L2' },
      contextValue: { framework: view, drafts: false },
    });
    expect(level.data).toEqual({ level: null });
  });
});
