import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/content/load';
import type { Framework } from '../../src/domain/framework';
import { BUNDLED_CONTENT } from '../support/bundled';

/** The id of the generated track. */
export const LARGE_TRACK = 'platform-engineer';

/** How large the generated track is. */
export interface LargeTrackShape {
  readonly levels: number;
  readonly competencies: number;
  /** Expectations, and as many examples, in every competency. */
  readonly items: number;
}

const WORDS = [
  'design',
  'review',
  'incident',
  'service',
  'deploy',
  'metric',
  'alert',
  'runbook',
  'pipeline',
  'capacity',
  'latency',
  'budget',
  'roadmap',
  'mentor',
  'schema',
  'migration',
  'rollout',
  'contract',
  'postmortem',
  'dashboard',
  'outage',
  'failover',
  'backlog',
  'cluster',
  'network',
  'storage',
  'security',
  'on-call',
  'quality',
  'feedback',
  'release',
  'testing',
  'tracing',
  'scaling',
  'cost',
];
const COMPETENCIES = [
  ['🦉', 'Domain expertise'],
  ['🌱', 'Teaching and Mentoring'],
  ['🧭', 'Culture and Leadership'],
  ['🛠', 'Delivery'],
  ['🔭', 'Strategy'],
  ['🤝', 'Collaboration'],
  ['📈', 'Impact'],
  ['🧪', 'Quality'],
] as const;

/** A deterministic sentence of 8 to 19 words (and some punctuation) for a seed. */
function sentence(seed: number): string {
  let state = (seed * 2654435761) >>> 0;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) >>> 8;
  const length = 8 + (next() % 12);
  const words = Array.from({ length }, () => WORDS[next() % WORDS.length]!);
  words[length >> 1] += ',';
  return `I ${words.join(' ')} (case ${seed}).`;
}

/**
 * Item `i` of a competency at level `k`: most items stay from one level to the next, one in three is
 * reworded and one in seven is new, so a diff of two levels has every kind of change.
 */
function itemText(kind: number, competency: number, i: number, k: number): string {
  const seed = ((competency * 1_000 + i) * 2 + kind) * 97;
  if ((i + k) % 7 === 0) return sentence(seed + k * 13 + 5);
  const text = sentence(seed);
  return (i + k) % 3 === 0 ? text.replace(/(\w+) (\w+)/, `$1 rarely $2`) + ` Level ${k}.` : text;
}

function levelFile(k: number, shape: LargeTrackShape): string {
  const lines = [
    `# L${k}: Platform Engineer ${k}`,
    '',
    `> _I am a platform engineer at level ${k}._`,
    '',
    `- **Planning horizon**: ${k} cycles`,
    `- **Impact radius**: Team of ${k}`,
    '- **Evaluation**: Manager',
    `- **Responsibility and direction needed**: Guidance level ${k}.`,
    '',
  ];
  for (let c = 0; c < shape.competencies; c++) {
    const [emoji, name] = COMPETENCIES[c % COMPETENCIES.length]!;
    const suffix = c < COMPETENCIES.length ? '' : ` ${Math.floor(c / COMPETENCIES.length) + 1}`;
    lines.push(`## ${emoji} ${name}${suffix}`, '');
    for (let i = 0; i < shape.items; i++) lines.push(`- ${itemText(0, c, i, k)}`);
    lines.push('', '<details>', '<summary>Examples</summary>', '');
    for (let i = 0; i < shape.items; i++) lines.push(`- ${itemText(1, c, i, k)}`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}

/** Writes the bundled tracks and a generated one of the given shape into `dir`, and loads them. */
export async function loadLargeContent(dir: string, shape: LargeTrackShape): Promise<Framework> {
  cpSync(BUNDLED_CONTENT, dir, { recursive: true });
  const track = path.join(dir, LARGE_TRACK);
  mkdirSync(track, { recursive: true });
  writeFileSync(path.join(track, 'track.md'), '---\nname: Platform engineer\n---\n\nA generated track.\n');
  for (let k = 1; k <= shape.levels; k++) writeFileSync(path.join(track, `L${k}.md`), levelFile(k, shape));
  const result = await loadContent(dir);
  if (!result.ok)
    throw new Error(`generated content has errors: ${JSON.stringify(result.problems.slice(0, 5), null, 2)}`);
  return result.framework;
}
