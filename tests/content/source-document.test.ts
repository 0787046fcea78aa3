import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load';
import type { Framework } from '../../src/domain/framework';
import { entities, FIXTURES, removeTempDirs, tempDir, writeTree } from './helpers';

afterAll(removeTempDirs);

const RAW = readFileSync(join(FIXTURES, 'source-document.raw.md'));
const REPAIRED = readFileSync(join(FIXTURES, 'source-document.repaired.md'), 'utf8');
const SEED = '/work/shared/seeds/000_810b65b8fbcdd446.txt';

async function loadLevel(content: string | Uint8Array) {
  const dir = writeTree(tempDir(), { 'site-reliability-engineer/L3.md': content });
  return loadContent(dir);
}

async function framework(content: string | Uint8Array): Promise<Framework> {
  const result = await loadLevel(content);
  if (!result.ok) throw new Error(`expected a clean load, got ${JSON.stringify(result.problems, null, 2)}`);
  return result.framework;
}

/** Windows-1252 as a Windows tool decodes it: the five undefined bytes become C1 controls. */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function asWindows1252Mojibake(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      b < 0x80 ? String.fromCharCode(b) : b < 0xa0 ? WINDOWS_1252_80_9F[b - 0x80]! : String.fromCharCode(b),
    )
    .join('');
}

describe('the source document as it reached us', () => {
  it('is byte-identical to the seed (the fixture must never be edited)', () => {
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(RAW)).toBe('c2db6b959b1a465dd810b3654c8fae0d1baa0792e8ef5c71ad7fe3ff92163f6e');
    let seed: Buffer | null = null;
    try {
      seed = readFileSync(SEED);
    } catch {
      // The shared seed folder is outside the repository; CI checkouts do not have it.
    }
    if (seed) expect(sha(RAW)).toBe(sha(seed));
  });

  it('loads with a warning for each repair, at its line and column', async () => {
    const result = await loadLevel(RAW);
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => `${p.severity} ${p.code} ${p.path}:${p.line}:${p.column}`)).toEqual([
      'warning repaired-mojibake site-reliability-engineer/L3.md:10:4',
      'warning repaired-escape site-reliability-engineer/L3.md:14:67',
      'warning repaired-mojibake site-reliability-engineer/L3.md:29:4',
      'warning repaired-mojibake site-reliability-engineer/L3.md:43:156',
      'warning repaired-mojibake site-reliability-engineer/L3.md:47:4',
      'warning repaired-mojibake site-reliability-engineer/L3.md:67:4',
    ]);
  });

  it('gives exactly the entities of the repaired file, lines included', async () => {
    const raw = await framework(RAW);
    const repaired = await framework(REPAIRED);
    expect(entities(raw, true)).toEqual(entities(repaired, true));
  });

  it('reads the parts the format names', async () => {
    const [level] = (await framework(RAW)).levels;
    expect(level).toMatchObject({
      id: 'site-reliability-engineer/L3',
      code: 'L3',
      rank: 3,
      title: 'Senior Site Reliability Engineer',
    });
    expect(level!.summary).toMatch(/^I am a highly sought-after member .* technical system\.$/);
    expect(level!.attributes.map((a) => a.key)).toEqual([
      'planningHorizon',
      'impactRadius',
      'evaluation',
      'responsibilityAndDirectionNeeded',
    ]);
    expect(level!.competencies.map((c) => [c.emoji, c.name, c.slug])).toEqual([
      ['🦉', 'Domain expertise', 'domain-expertise'],
      ['🌱', 'Teaching and Mentoring', 'teaching-and-mentoring'],
      ['🧭', 'Culture and Leadership', 'culture-and-leadership'],
      ['🏆', 'Customer Success', 'customer-success'],
    ]);
    const [domain, teaching] = level!.competencies;
    expect(domain!.expectations.map((e) => e.text)).toContain(
      "I am able to codify conventions (where appropriate) into my team's systems",
    );
    expect(domain!.expectations[2]!.id).toBe('site-reliability-engineer/L3/domain-expertise/e3');
    expect(domain!.expectations[2]!.source).toEqual({ path: 'site-reliability-engineer/L3.md', line: 14 });
    expect(teaching!.examples.at(-1)!.text).toMatch(/understand their customers’ production experience$/);
    expect(level!.competencies.map((c) => [c.expectations.length, c.examples.length])).toEqual([
      [5, 5],
      [3, 6],
      [6, 5],
      [4, 4],
    ]);
  });
});

describe('the repaired document damaged in other common ways', () => {
  const starBullets = (t: string) => t.replace(/^- /gm, '* ');
  const underscoreBold = (t: string) => t.replace(/\*\*(.+?)\*\*/g, '__$1__');
  const crlf = (t: string) => t.replace(/\n/g, '\r\n');
  const bom = (t: string) => `\ufeff${t}`;
  // Long list items wrapped at about 60 columns, continuation lines indented under the text.
  const wrapped = (t: string) =>
    t.replace(
      /^([-*] )(.{60,})$/gm,
      (_, bullet: string, rest: string) => bullet + rest.replace(/(.{40,}?) /g, '$1\n  '),
    );
  const blankLines = (t: string) => t.replace(/\n\n/g, '\n\n\n');

  // Same lines as the original: compare where every entity is written too.
  it.each([
    ['Windows-1252 mojibake', asWindows1252Mojibake],
    ['CRLF line endings', crlf],
    ['a byte order mark', bom],
    ['* bullets', starBullets],
    ['__bold__', underscoreBold],
    ['all of those at once', (t: string) => bom(crlf(asWindows1252Mojibake(underscoreBold(starBullets(t)))))],
  ])('%s: same entities, same lines', async (_, damage) => {
    const damaged = damage(REPAIRED);
    expect(damaged).not.toBe(REPAIRED);
    expect(entities(await framework(damaged), true)).toEqual(entities(await framework(REPAIRED), true));
  });

  // Different lines: compare what is said.
  it.each([
    ['wrapped items', wrapped],
    ['extra blank lines', blankLines],
    ['wrapped, spaced, starred and CRLF', (t: string) => crlf(starBullets(blankLines(wrapped(t))))],
  ])('%s: same entities', async (_, damage) => {
    const damaged = damage(REPAIRED);
    expect(damaged).not.toBe(REPAIRED);
    expect(entities(await framework(damaged))).toEqual(entities(await framework(REPAIRED)));
  });

  it('reports the Windows-1252 repairs as warnings at their lines', async () => {
    const result = await loadLevel(asWindows1252Mojibake(REPAIRED));
    expect(result.problems.every((p) => p.code === 'repaired-mojibake')).toBe(true);
    expect(result.problems.map((p) => p.line)).toEqual([10, 29, 43, 47, 67]);
  });

  it('keeps line numbers with a BOM and CRLF, and the BOM shifts no column', async () => {
    const damaged = bom(crlf(REPAIRED.replace('# L3: Senior', '# L3: Senior\u00e2\u0080\u0099x')));
    const result = await loadLevel(damaged);
    const p = result.problems.find((x) => x.code === 'repaired-mojibake');
    expect(p).toMatchObject({ line: 1, column: 13 });
  });
});
