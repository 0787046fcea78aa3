import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runContentCheck } from '../../src/cli/content-check';
import { loadContent } from '../../src/content/load';
import type { ContentProblem } from '../../src/content/problem';
import { removeTempDirs, smallTrack } from './helpers';

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
