import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load';
import { formatProblem } from '../../src/content/problem';
import { entities, FIXTURES, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

const CONTENT = join(__dirname, '../../content');

describe('the bundled content/', () => {
  it('loads with no problems at all, errors or warnings', async () => {
    const result = await loadContent(CONTENT);
    // Printed in full so a failure says exactly what to fix in which file.
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('has its SRE L3 equal to the source document as it reached us, once repaired', async () => {
    const result = await loadContent(CONTENT);
    if (!result.ok) throw new Error('content did not load');
    const raw = readFileSync(join(FIXTURES, 'source-document.raw.md'));
    const rawResult = await loadContent(writeTree(tempDir(), { 'site-reliability-engineer/L3.md': raw }));
    if (!rawResult.ok) throw new Error('raw document did not load');
    const bundled = entities(result.framework, true).filter((l) => l.id === 'site-reliability-engineer/L3');
    expect(bundled).toEqual(entities(rawResult.framework, true));
  });
});
