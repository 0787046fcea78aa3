/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package, and total
 * (inclusive) time by function, so the hot spots are readable without opening DevTools.
 *
 *   node bench/dist/http/profile-summary.js <file.cpuprofile> [--top N] [--json out.json] [--root <repo>]
 *                                           [--window <fromUs>:<toUs>]
 *   npx tsx bench/http/profile-summary.ts <file.cpuprofile>
 *
 * Self time of a sample is the time until the next sample (V8's timeDeltas). Packages are the
 * node_modules folder a function's script is in, `app: <folder>` for this repository's own code
 * (dist/server, dist/graphql, …), `node: internal` for Node's own JavaScript, and V8's pseudo
 * frames ((garbage collector), (program), (idle)) by name. Percentages are of busy time: all
 * samples but (idle). --window keeps only the samples taken between two instants of the profile's
 * clock (CLOCK_MONOTONIC microseconds on Linux, the clock of process.hrtime), e.g. the load only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  readonly name: string;
  readonly package: string;
  readonly ms: number;
  readonly percent: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly window: string;
  readonly wallMs: number;
  readonly busyMs: number;
  readonly idleMs: number;
  readonly samples: number;
  readonly selfByFunction: Row[];
  readonly selfByPackage: Omit<Row, 'package'>[];
  readonly totalByFunction: Row[];
}

const PSEUDO: Record<string, string> = {
  '(garbage collector)': 'v8: garbage collector',
  '(program)': 'v8: program (native, unattributed)',
  '(idle)': 'idle',
  '(root)': 'v8: root',
};

/** The package a script belongs to, from its URL. */
export function packageOf(frame: CallFrame, root: string): string {
  const pseudo = PSEUDO[frame.functionName];
  if (pseudo && frame.url === '') return pseudo;
  const url = frame.url.startsWith('file://')
    ? decodeURIComponent(frame.url.slice('file://'.length))
    : frame.url;
  if (url === '') return 'v8/native builtins';
  if (url.startsWith('node:')) return 'node: internal';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? url);
  }
  const rootSlash = root.endsWith('/') ? root : `${root}/`;
  if (url.startsWith(rootSlash)) {
    const rel = url.slice(rootSlash.length).split('/');
    // dist/server/app.js → app: server; dist/main.js → app: main
    if ((rel[0] === 'dist' || rel[0] === 'src') && rel.length > 2) return `app: ${rel[1]}`;
    return `app: ${rel.slice(0, -1).join('/') || rel[0]}`;
  }
  return url.startsWith('/') ? 'other files' : 'node: internal';
}

function shortUrl(url: string, root: string): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm !== -1) return path.slice(nm + '/node_modules/'.length);
  const rootSlash = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(rootSlash) ? path.slice(rootSlash.length) : path;
}

function functionKey(frame: CallFrame, root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  return `${name} ${shortUrl(frame.url, root)}:${frame.lineNumber + 1}`;
}

/** Only the samples taken in [from, to], in the profile's clock (microseconds, CLOCK_MONOTONIC on Linux). */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

export function summarise(
  profile: CpuProfile,
  file: string,
  root: string,
  top: number,
  window?: Window,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  const meanDelta = samples.length > 0 ? (profile.endTime - profile.startTime) / samples.length : 0;
  let at = profile.startTime;
  let first = Infinity;
  let last = -Infinity;
  let counted = 0;
  for (let i = 0; i < samples.length; i++) {
    at += timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    first = Math.min(first, at);
    last = Math.max(last, at);
    counted++;
    // a sample lasts until the next one; the last gets the mean interval
    const us = i + 1 < timeDeltas.length ? (timeDeltas[i + 1] ?? 0) : meanDelta;
    const id = samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, us));
  }

  const fnSelf = new Map<string, { package: string; us: number }>();
  const pkgSelf = new Map<string, number>();
  let idleUs = 0;
  let allUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const pkg = packageOf(frame, root);
    allUs += us;
    if (pkg === 'idle') {
      idleUs += us;
      continue;
    }
    const key = functionKey(frame, root);
    const entry = fnSelf.get(key) ?? { package: pkg, us: 0 };
    entry.us += us;
    fnSelf.set(key, entry);
    pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
  }
  const busyUs = allUs - idleUs;

  // Total time: a node's self time counts once for every distinct function on its stack, so
  // recursion is not counted twice.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Node's and V8's own frames (the microtask loop, the event loop) would top this list without saying anything.
  const fnTotal = new Map<string, { package: string; us: number }>();
  for (const [id, us] of selfUs) {
    if (packageOf(byId.get(id)!.callFrame, root) === 'idle') continue;
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = byId.get(node)!.callFrame;
      const pkg = packageOf(frame, root);
      if (pkg.startsWith('v8') || pkg.startsWith('node:')) continue;
      const key = functionKey(frame, root);
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = fnTotal.get(key) ?? { package: pkg, us: 0 };
      entry.us += us;
      fnTotal.set(key, entry);
    }
  }

  const percent = (us: number): number => (busyUs > 0 ? Math.round((1000 * us) / busyUs) / 10 : 0);
  const ms = (us: number): number => Math.round(us / 100) / 10;
  const rows = (m: Map<string, { package: string; us: number }>): Row[] =>
    [...m.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, v]) => ({ name, package: v.package, ms: ms(v.us), percent: percent(v.us) }));
  return {
    file,
    window: window
      ? `${ms(first - profile.startTime)} ms to ${ms(last - profile.startTime)} ms of the profile`
      : 'all',
    wallMs: counted > 0 ? ms(last - first) : 0,
    busyMs: ms(busyUs),
    idleMs: ms(idleUs),
    samples: counted,
    selfByFunction: rows(fnSelf),
    selfByPackage: [...pkgSelf.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: ms(us), percent: percent(us) })),
    totalByFunction: rows(fnTotal),
  };
}

function table(headers: string[], body: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The summary as text: packages, then the top functions by self time, then by total time. */
export function formatSummary(s: ProfileSummary): string {
  const pct = (p: number): string => `${p.toFixed(1)}%`;
  return [
    `profile ${s.file}`,
    `samples ${s.window}: wall ${s.wallMs} ms, busy ${s.busyMs} ms, idle ${s.idleMs} ms, ${s.samples} samples; % of busy time`,
    '',
    'self time by package',
    table(
      ['package', 'self ms', 'self %'],
      s.selfByPackage.map((r) => [r.name, r.ms.toFixed(1), pct(r.percent)]),
    ),
    '',
    `top ${s.selfByFunction.length} functions by self time`,
    table(
      ['function (file:line)', 'package', 'self ms', 'self %'],
      s.selfByFunction.map((r) => [r.name, r.package, r.ms.toFixed(1), pct(r.percent)]),
    ),
    '',
    `top ${s.totalByFunction.length} functions by total time (self + callees; packages and this repo only;` +
      ' async functions count only up to their first await)',
    table(
      ['function (file:line)', 'package', 'total ms', 'total %'],
      s.totalByFunction.map((r) => [r.name, r.package, r.ms.toFixed(1), pct(r.percent)]),
    ),
  ].join('\n');
}

function main(argv: string[]): void {
  let file: string | undefined;
  let top = 15;
  let json: string | undefined;
  let window: Window | undefined;
  // bench/http/ when run with tsx, bench/dist/http/ when compiled
  let root = resolve(__dirname, __dirname.includes('/bench/dist/') ? '../../..' : '../..');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--top') top = Math.max(1, Math.min(200, Number(argv[++i]) || 15));
    else if (arg === '--json') json = argv[++i];
    else if (arg === '--root') root = resolve(argv[++i] ?? root);
    else if (arg === '--window') {
      const [fromUs, toUs] = (argv[++i] ?? '').split(':').map(Number);
      if (!Number.isFinite(fromUs) || !Number.isFinite(toUs))
        throw new Error('--window takes <fromUs>:<toUs>');
      window = { fromUs: fromUs!, toUs: toUs! };
    } else file = arg;
  }
  if (!file) {
    console.error(
      'usage: profile-summary <file.cpuprofile> [--top N] [--json out.json] [--root <repo>] [--window <fromUs>:<toUs>]',
    );
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const summary = summarise(profile, file, root, top, window);
  if (json) writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(formatSummary(summary));
}

if (require.main === module) main(process.argv.slice(2));
