import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runContentCheck } from '../../src/cli/content-check';
import { loadContent } from '../../src/content/load';
import type { ContentProblem } from '../../src/content/problem';
import { BUNDLED_CONTENT } from '../support/bundled';
import { removeTempDirs, smallTrack, tempDir } from './helpers';

// Issue 13: what content:check tells a framework owner who brings their own small track. Each case
// changes one thing in tests/content/fixtures/small-track (data-engineer, L1 to L3) and checks that
// the problem is reported where the mistake is, with advice that is right for that file.

afterAll(removeTempDirs);

const where = (p: ContentProblem) => `${p.path}:${p.line}:${p.column} ${p.code}`;

async function problems(dir: string): Promise<ContentProblem[]> {
  return (await loadContent(dir)).problems;
}

const misspeltHeading = (t: string) =>
  t.replace('## 🌱 Teaching and Mentoring', '## 🌱 Teaching and Mentorng');
const titleWithoutColon = (t: string) => t.replace('# L2: Data Engineer', '# L2 Data Engineer');

describe('the small track', () => {
  it('is clean as committed', async () => {
    const { exitCode, output } = await runContentCheck([smallTrack(), '--strict']);
    expect([exitCode, output]).toEqual([0, '4 files, 0 errors, 0 warnings']);
  });
});

describe('bad-title advice uses the code of the file at hand', () => {
  it('"# L2 Data Engineer" in L2.md: only the colon is missing', async () => {
    const found = await problems(smallTrack({ 'L2.md': titleWithoutColon }));
    expect(found.map(where)).toEqual(['data-engineer/L2.md:1:1 bad-title']);
    expect(found[0]!.message).toContain('"# L2: Data Engineer"');
    expect(found[0]!.message).not.toContain('L3');
  });

  it.each([
    ['L2 - Data Engineer', '"# L2: Data Engineer"'],
    ['L2. Data Engineer', '"# L2: Data Engineer"'],
    ['Data Engineer', '"# L2: Data Engineer"'],
  ])('"# %s" in L2.md', async (title, advice) => {
    const found = await problems(
      smallTrack({ 'L2.md': (t) => t.replace('# L2: Data Engineer', `# ${title}`) }),
    );
    expect(found.map(where)).toEqual(['data-engineer/L2.md:1:1 bad-title']);
    expect(found[0]!.message).toContain(advice);
  });

  it('takes the code from front matter rank when the file name is not a code', async () => {
    const dir = smallTrack({
      'L2.md': (t) => `---\nrank: 2\n---\n${t.replace('# L2: Data Engineer', '# Data Engineer')}`,
    });
    renameSync(join(dir, 'data-engineer/L2.md'), join(dir, 'data-engineer/middle.md'));
    const found = await problems(dir);
    expect(found.map(where)).toEqual(['data-engineer/middle.md:4:1 bad-title']);
    expect(found[0]!.message).toContain('"# L2: Data Engineer"');
  });

  it("gives a placeholder, not another level's code, when nothing says the code", async () => {
    const dir = smallTrack({ 'L2.md': (t) => t.replace('# L2: Data Engineer', '# Data Engineer') });
    renameSync(join(dir, 'data-engineer/L2.md'), join(dir, 'data-engineer/middle.md'));
    const found = (await problems(dir)).filter((p) => p.code === 'bad-title');
    expect(found.map(where)).toEqual(['data-engineer/middle.md:1:1 bad-title']);
    expect(found[0]!.message).toContain('"# L<n>: Data Engineer"');
    expect(found[0]!.message).not.toMatch(/# L\d/);
  });
});

describe('a misspelt competency heading', () => {
  it('is reported at its own line with "did you mean", and no level is told to add the misspelling', async () => {
    const found = await problems(smallTrack({ 'L3.md': misspeltHeading }));
    expect(found.map(where)).toEqual(['data-engineer/L3.md:22:1 misspelt-competency']);
    expect(found[0]!.message).toContain('did you mean "Teaching and Mentoring"');
    expect(found[0]!.message).toContain('L1.md:22');
    expect(found[0]!.message).toContain('L2.md:22');
  });

  it('is still found when another level fails to load (the case in issue 13), with nothing that follows from it', async () => {
    const found = await problems(smallTrack({ 'L2.md': titleWithoutColon, 'L3.md': misspeltHeading }));
    expect(found.map(where)).toEqual([
      'data-engineer/L2.md:1:1 bad-title',
      'data-engineer/L3.md:22:1 misspelt-competency',
    ]);
    // L2's headings count although its title is broken: they are what its author meant.
    expect(found[1]!.message).toContain('did you mean "Teaching and Mentoring"');
  });

  it('on a two-level track, where neither spelling is the majority, points at both without guessing', async () => {
    const dir = smallTrack({ 'L3.md': misspeltHeading });
    rmSync(join(dir, 'data-engineer/L1.md'));
    const found = await problems(dir);
    expect(found.map(where)).toEqual([
      'data-engineer/L2.md:22:1 misspelt-competency',
      'data-engineer/L3.md:22:1 misspelt-competency',
    ]);
    expect(found[0]!.message).toContain('"Teaching and Mentorng" in L3.md:22');
    expect(found[1]!.message).toContain('"Teaching and Mentoring" in L2.md:22');
    expect(found.map((p) => p.message).join('\n')).not.toContain('did you mean');
  });

  it('is not a near miss when the name is really different: that is a missing competency', async () => {
    const found = await problems(
      smallTrack({ 'L3.md': (t) => t.replace('## 🏆 Customer Success', '## 🏆 Customer Focus') }),
    );
    expect(found.map(where)).toEqual(['data-engineer/L3.md:1:1 missing-competency']);
    expect(found[0]!.message).toContain('"## 🏆 Customer Success"');
  });
});

describe('a misspelt attribute label', () => {
  it('of a named attribute is reported at its line, instead of a missing attribute at the title', async () => {
    const found = await problems(
      smallTrack({ 'L3.md': (t) => t.replace('**Planning horizon**', '**Planing horizon**') }),
    );
    expect(found.map(where)).toEqual(['data-engineer/L3.md:5:1 misspelt-attribute']);
    expect(found[0]!.message).toContain('did you mean "Planning horizon"');
  });

  it('of an attribute the other levels define is compared with theirs', async () => {
    const onCall = (label: string) => (t: string) =>
      t.replace('- **Evaluation**:', `- **${label}**: Yes\n- **Evaluation**:`);
    const found = await problems(
      smallTrack({ 'L1.md': onCall('On call'), 'L2.md': onCall('On call'), 'L3.md': onCall('On cal') }),
    );
    expect(found.map(where)).toEqual(['data-engineer/L3.md:7:1 misspelt-attribute']);
    expect(found[0]!.message).toContain('did you mean "On call"');
  });
});

describe('problems that follow from an earlier error', () => {
  it('no rank-gap while L2.md exists but fails to load', async () => {
    const found = await problems(smallTrack({ 'L2.md': titleWithoutColon }));
    expect(found.map((p) => p.code)).not.toContain('rank-gap');
  });

  it('no missing-competency claimed of "every other level" while one of them fails to load', async () => {
    const dropped = (t: string) => t.slice(0, t.indexOf('## 🏆 Customer Success'));
    const found = await problems(smallTrack({ 'L1.md': dropped, 'L2.md': titleWithoutColon }));
    expect(found.map(where)).toEqual(['data-engineer/L2.md:1:1 bad-title']);
  });

  it('but both are reported once every level loads', async () => {
    const dir = smallTrack({ 'L1.md': (t) => t.slice(0, t.indexOf('## 🏆 Customer Success')) });
    rmSync(join(dir, 'data-engineer/L2.md'));
    const found = await problems(dir);
    expect(found.map(where)).toEqual([
      'data-engineer/L1.md:1:1 missing-competency',
      'data-engineer/L3.md:1:1 rank-gap',
    ]);
  });

  it('no missing-attribute at the title for an attribute its own line already reports as bad', async () => {
    const found = await problems(
      smallTrack({
        'L3.md': (t) => t.replace('- **Evaluation**: Manager and peers', '- Evaluation: Manager and peers'),
      }),
    );
    expect(found.map(where)).toEqual(['data-engineer/L3.md:7:1 bad-attribute']);
  });
});

describe('bad-attribute says exactly what is wrong and how to write it', () => {
  const evaluation = '- **Evaluation**: Manager and peers';
  it.each([
    ['not bold', '- Evaluation: Manager and peers', /not bold/, '"- **Evaluation**: Manager and peers"'],
    ['in italics', '- *Evaluation*: Manager and peers', /italics/, '"- **Evaluation**: Manager and peers"'],
    ['no colon', '- **Evaluation** Manager and peers', /no colon/, '"- **Evaluation**: Manager and peers"'],
    ['no value', '- **Evaluation**:', /no value/, '"- **Evaluation**: <value>"'],
    ['no label', '- Reviewed by the manager and peers', /no label/, '"- **Label**: value"'],
  ])('%s', async (_, line, what, how) => {
    const found = await problems(smallTrack({ 'L3.md': (t) => t.replace(evaluation, line) }));
    expect(found.map(where)).toEqual(
      _ === 'no label'
        ? ['data-engineer/L3.md:1:1 missing-attribute', 'data-engineer/L3.md:7:1 bad-attribute']
        : ['data-engineer/L3.md:7:1 bad-attribute'],
    );
    const bad = found.find((p) => p.code === 'bad-attribute')!;
    expect(bad.message).toMatch(what);
    expect(bad.message).toContain(how);
  });
});

/** A copy of the bundled software-engineer track with one file changed by its edit. */
function bundledTrack(file: string, edit: (text: string) => string): string {
  const dir = tempDir();
  cpSync(join(BUNDLED_CONTENT, 'software-engineer'), join(dir, 'software-engineer'), { recursive: true });
  const path = join(dir, 'software-engineer', file);
  const text = readFileSync(path, 'utf8');
  if (edit(text) === text) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(path, edit(text));
  return dir;
}

// Issue 19: a title that says another level than the file's name. The title decides the level's
// code, so the fix is the title, reported there naming the file, never a renumber elsewhere.
describe('a level file titled as another level', () => {
  it('L3.md titled "# L2: …" is the duplicate, told to retitle, and no rank gap at L4.md follows', async () => {
    const result = await loadContent(bundledTrack('L3.md', (t) => t.replace('# L3:', '# L2:')));
    expect(result.problems.map(where)).toEqual(['software-engineer/L3.md:1:1 duplicate-level']);
    expect(result.problems[0]!.message).toContain('L3.md is titled L2, which L2.md:1 already is');
    expect(result.problems[0]!.message).toContain('"# L3: Senior Software Engineer"');
    // A duplicate code is an error whatever made it: ids and previous/next would be ambiguous.
    expect(result.ok).toBe(false);
  });

  it('is told apart from the file it duplicates even when it comes first', async () => {
    const found = await problems(smallTrack({ 'L1.md': (t) => t.replace('# L1:', '# L2:') }));
    expect(found.map(where)).toEqual(['data-engineer/L1.md:1:1 duplicate-level']);
    expect(found[0]!.message).toContain('L1.md is titled L2, which L2.md:1 already is');
    expect(found[0]!.message).toContain('"# L1: Associate Data Engineer"');
  });

  it('with no level to duplicate, is a warning at its title, and the rank it leaves empty is no gap', async () => {
    const result = await loadContent(smallTrack({ 'L3.md': (t) => t.replace('# L3:', '# L4:') }));
    expect(result.problems.map(where)).toEqual(['data-engineer/L3.md:1:1 title-file-mismatch']);
    expect(result.problems[0]!.message).toContain('L3.md is titled L4');
    expect(result.problems[0]!.message).toContain('"# L3: Senior Data Engineer"');
    expect(result.ok).toBe(true);
  });

  it.each([
    ['L3.md', '# L3:', '# M2:', 'L3.md is titled M2', '"# M3: Senior Data Engineer"'],
    ['L2.md', '# L2:', '# M3:', 'L2.md is titled M3', '"# M2: Data Engineer"'],
  ])(
    '%s retitled from "%s" to "%s" repeats a rank under another code, and is the duplicate',
    async (file, from, to, slip, fix) => {
      const found = await problems(smallTrack({ [file]: (t) => t.replace(from, to) }));
      expect(found.map(where)).toEqual([`data-engineer/${file}:1:1 duplicate-rank`]);
      expect(found[0]!.message).toContain(slip);
      expect(found[0]!.message).toContain(fix);
    },
  );

  it('by its front matter code is told to change the front matter, not the title', async () => {
    const found = await problems(smallTrack({ 'L3.md': (t) => `---\ncode: L2\n---\n${t}` }));
    expect(found.map(where)).toEqual(['data-engineer/L3.md:4:1 duplicate-level']);
    expect(found[0]!.message).toContain('"code: L2" in its front matter');
    expect(found[0]!.message).toContain('set "code: L3" there');
  });

  it('is not reported for files named after levels whose codes use other letters', async () => {
    const letters = (n: number) => (t: string) => t.replace(`# L${n}:`, `# E${n}:`);
    const found = await problems(
      smallTrack({ 'L1.md': letters(1), 'L2.md': letters(2), 'L3.md': letters(3) }),
    );
    expect(found).toEqual([]);
  });
});

describe('a competency heading without the emoji the rest of the track gives it', () => {
  const owl = '## 🦉 Domain expertise';

  it('is reported at the heading with the heading to write', async () => {
    const found = await problems(bundledTrack('L3.md', (t) => t.replace(owl, '## Domain expertise')));
    expect(found.map(where)).toEqual(['software-engineer/L3.md:10:1 inconsistent-competency-emoji']);
    expect(found[0]!.message).toContain(`"${owl}"`);
    expect(found[0]!.message).toContain('L1.md:10, L2.md:10, L4.md:10 and 1 more');
  });

  it('or with another emoji than the rest of the track', async () => {
    const found = await problems(smallTrack({ 'L2.md': (t) => t.replace(owl, '## 🐙 Domain expertise') }));
    expect(found.map(where)).toEqual(['data-engineer/L2.md:10:1 inconsistent-competency-emoji']);
    expect(found[0]!.message).toContain(`"${owl}"`);
  });

  it('is the same emoji with or without a variation selector', async () => {
    const found = await problems(smallTrack({ 'L2.md': (t) => t.replace('🦉', '🦉\uFE0F') }));
    expect(found).toEqual([]);
  });

  it('is left alone when the levels disagree, or two levels use two emoji: which is meant cannot be told', async () => {
    const disagree = await problems(
      smallTrack({
        'L1.md': (t) => t.replace(owl, '## Domain expertise'),
        'L3.md': (t) => t.replace(owl, '## 🐙 Domain expertise'),
      }),
    );
    expect(disagree).toEqual([]);
    const dir = smallTrack({ 'L3.md': (t) => t.replace(owl, '## 🐙 Domain expertise') });
    rmSync(join(dir, 'data-engineer/L2.md'));
    expect((await problems(dir)).map((p) => p.code)).not.toContain('inconsistent-competency-emoji');
  });
});
