/**
 * The few words the progression lint reads as a size: how far an expectation reaches (impact
 * radius), how far ahead it looks (planning horizon), how much of a craft it claims (proficiency)
 * and what part the engineer plays (role). Each scale is ordered, small on purpose, and written for
 * the way the bundled framework and its attributes speak; a word not listed says nothing to the
 * lint. Phrases match whole words, the longest first, so "several teams" is never read as "team".
 */

/** A scale's name; the lint reports against the first two. */
export type ScaleName = 'radius' | 'horizon' | 'proficiency' | 'role';

/**
 * One scale: phrases (as written, lower case) and their rank, low to high. A null rank claims its
 * words without counting them: "my own mistakes" is not the role word "own".
 */
type Scale = readonly (readonly [phrase: string, rank: number | null])[];

/**
 * Impact radius: 0 my own work < 1 peers < 2 a team < 3 several teams < 4 the organisation. A
 * plural "teams" means more than one team. "Self" alone counts only in an attribute's value, where
 * it is the radius ("Self and immediate peers"); in an item it is part of "self-service".
 */
const RADIUS: Scale = [
  ['my own tasks', 0],
  ['my own task', 0],
  ['my own work', 0],
  ['my own changes', 0],
  ['my own code', 0],
  ['my own tickets', 0],
  ['peers', 1],
  ['peer', 1],
  ['teammates', 1],
  ['teammate', 1],
  ['team', 2],
  ['cross team', 3],
  ['teams', 3],
  ['across engineering', 4],
  ['organisation', 4],
  ['organization', 4],
  ['organisational', 4],
  ['organizational', 4],
  ['company', 4],
];

/** Planning horizon: 0 this cycle < 1 the next cycle < 2 a few cycles < 3 a year or more. */
const HORIZON: Scale = [
  ['current cycle', 0],
  ['this cycle', 0],
  ['this sprint', 0],
  ['current', 0],
  ['next cycle', 1],
  ['next', 1],
  ['next two', 2],
  ['next few', 2],
  ['cycles', 2],
  ['quarter', 2],
  ['quarters', 2],
  ['year', 3],
  ['years', 3],
  ['annual', 3],
  ['long term', 3],
];

/** Proficiency, as the bundled domain expertise grows: learning < proficient < advanced < expert. */
const PROFICIENCY: Scale = [
  ['learning', 0],
  ['learn', 0],
  ['understand', 1],
  ['proficient', 1],
  ['advanced', 2],
  ['expert', 3],
];

/** The part played: following < contributing < leading or deciding. */
const ROLE: Scale = [
  ['my own', null],
  ['our own', null],
  ['their own', null],
  ['tech lead', null],
  ['follow', 0],
  ['shadow', 0],
  ['contribute', 1],
  ['collaborate', 1],
  ['lead', 2],
  ['set', 2],
  ['decide', 2],
  ['define', 2],
  ['own', 2],
];

const SCALES: Record<ScaleName, Scale> = {
  radius: RADIUS,
  horizon: HORIZON,
  proficiency: PROFICIENCY,
  role: ROLE,
};

/** A phrase found in a text, with its rank on its scale. */
export interface ScaleWord {
  readonly phrase: string;
  readonly rank: number;
}

/**
 * Lower case words, possessives dropped ("team's" is "team", so it is not read as "teams") and
 * hyphens split ("long-term" is "long term").
 */
function tokens(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLocaleLowerCase('en')
      .replace(/['’]s\b/gu, '')
      .replace(/['’]/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const byLength = (scale: Scale) =>
  scale
    .map(([phrase, rank]) => ({ words: phrase.split(' '), phrase, rank }))
    .sort((a, b) => b.words.length - a.words.length);

const PHRASES = Object.fromEntries(
  Object.entries(SCALES).map(([name, scale]) => [name, byLength(scale)]),
) as Record<ScaleName, ReturnType<typeof byLength>>;

const ATTRIBUTE_RADIUS = byLength([...RADIUS, ['self', 0]]);

function find(text: string, phrases: ReturnType<typeof byLength>): ScaleWord[] {
  const words = tokens(text);
  const found: ScaleWord[] = [];
  for (let i = 0; i < words.length;) {
    const hit = phrases.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (!hit) {
      i++;
      continue;
    }
    if (hit.rank !== null) found.push({ phrase: hit.phrase, rank: hit.rank });
    i += hit.words.length;
  }
  return found;
}

/** The phrases of one scale that a sentence uses, in order. */
export function scaleWords(text: string, scale: ScaleName): ScaleWord[] {
  return find(text, PHRASES[scale]);
}

/** The lowest and highest rank an attribute's value names ("Self and immediate peers": 0 to 1). */
export interface Range {
  readonly min: number;
  readonly max: number;
  readonly value: string;
}

/** What an impact radius or planning horizon value spans, or null when it uses no word of the scale. */
export function attributeRange(value: string | null, scale: 'radius' | 'horizon'): Range | null {
  if (value === null) return null;
  const found = find(value, scale === 'radius' ? ATTRIBUTE_RADIUS : PHRASES.horizon);
  if (found.length === 0) return null;
  const ranks = found.map((w) => w.rank);
  return { min: Math.min(...ranks), max: Math.max(...ranks), value };
}

/**
 * The ranks a sentence names on every scale, as a key: two sentences with the same key claim the
 * same size on every scale, so a change between them is no change of scope.
 */
export function scopeKey(text: string): string {
  return (Object.keys(SCALES) as ScaleName[])
    .map((scale) => [...new Set(scaleWords(text, scale).map((w) => w.rank))].sort().join(','))
    .join('|');
}
