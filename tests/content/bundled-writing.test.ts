import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework } from '../../src/domain/framework';
import { foldedWords } from '../../src/domain/text/words';
import { BUNDLED_CONTENT, bundledFramework } from '../support/bundled';

// How the bundled framework is written (issue 13). The levels of a track are cumulative (each
// track.md says so), so an item that one level states never needs restating at another; the same
// example at two levels could not tell them apart. content/site-reliability-engineer/L3.md is the
// source document and cannot change: it sets the conventions the other files follow, and where it
// breaks them itself, that is listed here rather than copied.

const SOURCE = 'site-reliability-engineer/L3.md';

let framework: Framework;
beforeAll(async () => {
  framework = await bundledFramework();
});

/**
 * Repeats the source document makes unavoidable: an item of SRE L3 that another SRE level must also
 * say word for word. There are none: every theme L3 shares with its neighbours is written at each of
 * them in that level's own words and scope. An entry here needs SRE L3 as one side of the repeat,
 * and the test fails when an entry is no longer needed.
 */
const UNAVOIDABLE_REPEATS: readonly { readonly text: string; readonly why: string }[] = [];

describe('the bundled levels', () => {
  it('never repeat an expectation or example word for word between two levels of a track', () => {
    const repeats: string[] = [];
    const excused = new Set<string>();
    for (const track of framework.tracks) {
      const firstAt = new Map<string, { level: string; path: string; line: number }>();
      for (const level of track.levels)
        for (const competency of level.competencies)
          for (const item of [...competency.expectations, ...competency.examples]) {
            const key = foldedWords(item.text).join(' ');
            const first = firstAt.get(key);
            if (!first) {
              firstAt.set(key, { level: level.id, ...item.source });
              continue;
            }
            if (first.level === level.id) continue;
            const allowed = UNAVOIDABLE_REPEATS.find((r) => foldedWords(r.text).join(' ') === key);
            const involvesSource = first.path === SOURCE || item.source.path === SOURCE;
            if (allowed && involvesSource) {
              excused.add(allowed.text);
              continue;
            }
            repeats.push(`${item.source.path}:${item.source.line} repeats ${first.path}:${first.line}`);
          }
    }
    expect(repeats).toEqual([]);
    expect([...excused].sort()).toEqual(UNAVOIDABLE_REPEATS.map((r) => r.text).sort());
  });

  it('name every competency exactly as the source document does, with its emoji', () => {
    const source = framework.level('site-reliability-engineer/L3')!;
    const names = source.competencies.map((c) => `${c.emoji} ${c.name}`);
    for (const level of framework.levels)
      expect([level.id, level.competencies.map((c) => `${c.emoji} ${c.name}`)]).toEqual([level.id, names]);
    for (const track of framework.tracks)
      for (const c of source.competencies)
        expect([track.id, track.description]).toEqual([track.id, expect.stringContaining(c.name)]);
  });

  it('say in each track.md that the levels are cumulative', () => {
    for (const track of framework.tracks) {
      expect([track.id, track.description]).toEqual([track.id, expect.stringMatching(/\bcumulative\b/)]);
      const body = readFileSync(join(BUNDLED_CONTENT, track.id, 'track.md'), 'utf8');
      expect([track.id, body]).toEqual([
        track.id,
        expect.stringContaining('## How the levels build on each other'),
      ]);
    }
  });
});

/**
 * British spelling and a hyphenated "trade-off", as the source document mostly writes: one variant of
 * each pair may appear, the other not. A small list of the pairs that career frameworks use, not a
 * dictionary.
 */
const NOT_OUR_SPELLING: readonly (readonly [variant: RegExp, ours: string])[] = [
  [/\btradeoffs?\b/gi, 'trade-off'],
  [
    /\b(?:organi|recogni|prioriti|standardi|optimi|reali|minimi|summari|emphasi|speciali|utili)z(?:e|es|ed|ing|ation|ations)\b/gi,
    '-ise',
  ],
  [/\banalyz(?:e|es|ed|ing)\b/gi, 'analyse'],
  [/\bbehaviors?\b/gi, 'behaviour'],
  [/\b(?:colors?|favors?|favorites?|honors?|labors?)\b/gi, '-our'],
  [/\b(?:fueling|modeling|labeled|labeling|traveled|canceled|signaled)\b/gi, 'doubled l'],
  [/\bcenters?\b/gi, 'centre'],
  [/\bcatalogs?\b/gi, 'catalogue'],
  [/\bdefense\b/gi, 'defence'],
];

/** Where the source document breaks the convention; it cannot change, so these stay. */
const SOURCE_EXCEPTIONS = [`${SOURCE}: tradeoffs`, `${SOURCE}: analyzed`];

describe('the bundled content spelling', () => {
  it('follows one convention in every file, track.md included', () => {
    const found: string[] = [];
    for (const track of readdirSync(BUNDLED_CONTENT)) {
      for (const file of readdirSync(join(BUNDLED_CONTENT, track)).filter((f) => f.endsWith('.md'))) {
        const text = readFileSync(join(BUNDLED_CONTENT, track, file), 'utf8');
        for (const [variant] of NOT_OUR_SPELLING)
          for (const m of text.matchAll(variant)) found.push(`${track}/${file}: ${m[0]}`);
      }
    }
    expect(found.sort()).toEqual([...SOURCE_EXCEPTIONS].sort());
  });

  it('catches each variant it lists', () => {
    const samples = [
      'tradeoffs',
      'prioritized',
      'analyzing',
      'behavior',
      'color',
      'favorite',
      'fueling',
      'center',
      'catalog',
      'defense',
    ];
    for (const sample of samples)
      expect([sample, NOT_OUR_SPELLING.some(([re]) => new RegExp(re.source, 'i').test(sample))]).toEqual([
        sample,
        true,
      ]);
    for (const ours of [
      'trade-offs',
      'prioritised',
      'analysed',
      'behaviour',
      'colour',
      'favour',
      'fuelling',
      'centre',
      'catalogue',
      'defence',
    ])
      expect([ours, NOT_OUR_SPELLING.some(([re]) => new RegExp(re.source, 'i').test(ours))]).toEqual([
        ours,
        false,
      ]);
  });
});
