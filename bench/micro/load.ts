/**
 * `npm run bench:load`: how long loadContent takes per file for 1,000 and 5,000 generated level files
 * of about 4 KB (realistic, varied text over several tracks) and for the bundled content, with the
 * peak RSS and heap seen while loading. The growth ratio (ms per file at 5,000 over ms per file at
 * 1,000) stays near 1 while the loader is linear; quadratic work across files would push it towards 5.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContentReport } from '../../src/content/load';
import { ADJECTIVES, ENDINGS, OBJECTS, SUBJECTS, VERBS, random } from './synthetic-text';

const SIZES = [1000, 5000];
const RUNS = 5;
const LEVELS_PER_TRACK = 100; // ranks are 1–100, so bigger sets spread over more tracks
const CONTENT_DIR = resolve(__dirname, '../../content');

const COMPETENCIES = [
  ['🦉', 'Domain expertise'],
  ['🌱', 'Teaching and Mentoring'],
  ['🧭', 'Culture and Leadership'],
  ['🏆', 'Customer Success'],
];

export function generate(dir: string, files: number): void {
  const pick = random(files);
  const one = <T>(xs: readonly T[]): T => xs[Math.floor(pick() * xs.length)]!;
  const sentence = (prefix = '') =>
    `${prefix}${one(SUBJECTS)} ${one(VERBS)} ${one(ADJECTIVES)} ${one(OBJECTS)} ${one(ENDINGS)} (${Math.floor(pick() * 1e4)})`;
  for (let n = 0; n < files; n++) {
    const track = `track-${String(Math.floor(n / LEVELS_PER_TRACK)).padStart(3, '0')}`;
    const rank = (n % LEVELS_PER_TRACK) + 1;
    if (rank === 1) mkdirSync(join(dir, track));
    const bullet = pick() < 0.5 ? '-' : '*';
    const lines = [
      `# L${rank}: ${one(ADJECTIVES)} engineer ${rank}`,
      '',
      `> _${sentence()}_`,
      '',
      `${bullet} **Planning horizon**: ${one(['Current cycle', 'Current and next cycle', 'Two quarters', 'A year'])}`,
      `${bullet} **Impact radius**: ${one(['Self', 'Peers (2-5)', 'Team', 'Several teams'])}`,
      `${bullet} **Evaluation**: ${one(['Manager', 'Manager and peers', 'Director'])}`,
      `${bullet} **Responsibility and direction needed**: ${sentence()}`,
    ];
    for (const [emoji, name] of COMPETENCIES) {
      lines.push('', `## ${emoji} ${name}`, '');
      for (let i = 0; i < 4; i++) lines.push(`${bullet} ${sentence()}`);
      // A wrapped item, as authors write long ones.
      lines.push(`${bullet} ${sentence()}\n  ${sentence('and ')}`);
      lines.push('', '<details>', '<summary>Examples</summary>', '');
      for (let i = 0; i < 4; i++) lines.push(`${bullet} ${sentence()}`);
      lines.push('', '</details>');
    }
    writeFileSync(join(dir, track, `L${rank}.md`), `${lines.join('\n')}\n`);
  }
}

interface Measurement {
  readonly label: string;
  readonly files: number;
  readonly bytes: number;
  readonly msPerFile: number;
  readonly totalMs: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly problems: number;
}

/** Median time of RUNS loads after one warm-up, sampling memory while they run. */
async function measure(label: string, dir: string, bytes: number): Promise<Measurement> {
  await loadContentReport(dir);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 2);
  const times: number[] = [];
  let files = 0;
  let problems = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const report = await loadContentReport(dir);
      times.push(performance.now() - start);
      sample();
      files = report.fileCount;
      problems = report.result.problems.length;
    }
  } finally {
    clearInterval(timer);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return {
    label,
    files,
    bytes,
    totalMs: median,
    msPerFile: median / Math.max(files, 1),
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    problems,
  };
}

async function main(): Promise<void> {
  const results: Measurement[] = [];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), `bench-load-${size}-`));
    try {
      generate(dir, size);
      results.push(await measure(`generated ${size}`, dir, size * 4096));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (existsSync(CONTENT_DIR)) results.push(await measure('bundled content/', CONTENT_DIR, 0));

  const header = ['set', 'files', 'median ms', 'ms/file', 'peak RSS MB', 'peak heap MB', 'problems'];
  const rows = results.map((r) => [
    r.label,
    String(r.files),
    r.totalMs.toFixed(1),
    r.msPerFile.toFixed(3),
    r.peakRssMb.toFixed(0),
    r.peakHeapMb.toFixed(0),
    String(r.problems),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  const [small, large] = results;
  if (small && large) {
    console.log(
      `growth (ms/file at ${large.files} ÷ ms/file at ${small.files}): ${(large.msPerFile / small.msPerFile).toFixed(2)}`,
    );
  }
  console.log(
    `node ${process.version}, ${RUNS} runs after a warm-up, median shown; target < 1 ms per ~4 KB file`,
  );
}

if (require.main === module) void main();
