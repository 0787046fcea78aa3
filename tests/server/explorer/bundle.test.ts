import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAssets } from '../../../src/server/explorer/assets';
import { renderShell } from '../../../src/server/explorer/pages';

// scripts/build-explorer.js on a copy of the explorer's sources in a temp dir, so a test can add a
// forbidden import without touching the tree or the dist/ other tests serve from.

const ROOT = path.join(__dirname, '..', '..', '..');
let work: string;

const built = (): string => path.join(work, 'dist', 'explorer', 'public');
const build = (): { status: number | null; stderr: string } => {
  const run = spawnSync(process.execPath, [path.join(work, 'scripts', 'build-explorer.js')], {
    cwd: work,
    encoding: 'utf8',
  });
  return { status: run.status, stderr: run.stderr };
};
const write = (relative: string, text: string): void => {
  fs.mkdirSync(path.dirname(path.join(work, relative)), { recursive: true });
  fs.writeFileSync(path.join(work, relative), text);
};
const prepend = (relative: string, text: string): void =>
  write(relative, text + fs.readFileSync(path.join(work, relative), 'utf8'));

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-build-'));
  for (const dir of ['scripts', 'src/explorer', 'src/domain'])
    fs.cpSync(path.join(ROOT, dir), path.join(work, dir), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

it('builds the explorer into one module with its source map and the static files, which the shell loads alone', () => {
  expect(build().status).toBe(0);
  const assets = loadAssets(built())!;
  const scripts = [...assets.files.keys()].filter((f) => f.endsWith('.js'));
  expect(scripts).toEqual(['main.js']);
  expect([...assets.files.keys()]).toEqual(
    expect.arrayContaining(['main.js.map', 'favicon.svg', 'styles/base.css']),
  );
  // the shared domain module is inside the bundle, not fetched beside it
  const map = JSON.parse(assets.files.get('main.js.map')!.body.toString('utf8')) as { sources: string[] };
  expect(map.sources.map((s) => path.resolve(built(), s))).toEqual(
    expect.arrayContaining([
      path.join(work, 'src', 'explorer', 'client', 'main.ts'),
      path.join(work, 'src', 'domain', 'closest-ids.ts'),
    ]),
  );

  const html = renderShell(assets, 'page');
  expect(html).not.toContain('modulepreload');
  expect([...html.matchAll(/<script [^>]*src="([^"]+)"/g)].map((m) => m[1])).toEqual([
    `${assets.base}/main.js`,
  ]);
});

describe('refuses, and keeps the last build, when the browser code imports', () => {
  const cases: readonly { name: string; setUp(): void; refused: string }[] = [
    {
      name: 'server code',
      setUp: () => {
        write('src/server/port.ts', 'export const PORT = 3000;\n');
        prepend(
          'src/explorer/client/main.ts',
          "import { PORT } from '../../server/port.js';\nconsole.log(PORT);\n",
        );
      },
      refused: path.join('src', 'server', 'port.ts'),
    },
    {
      name: 'a package',
      setUp: () =>
        prepend('src/explorer/client/main.ts', "import { parse } from 'graphql';\nconsole.log(parse);\n"),
      refused: 'graphql',
    },
    {
      name: 'a src/domain module that imports outside src/domain',
      setUp: () => {
        write('src/content/limit.ts', 'export const LIMIT = 3;\n');
        prepend(
          'src/domain/closest-ids.ts',
          "import { LIMIT } from '../content/limit.js';\nconsole.log(LIMIT);\n",
        );
      },
      refused: path.join('src', 'content', 'limit.ts'),
    },
  ];

  it.each(cases)('$name', ({ setUp, refused }) => {
    expect(build().status).toBe(0);
    const before = fs.readFileSync(path.join(built(), 'main.js'));
    setUp();

    const refusal = build();
    expect(refusal.status).toBe(1);
    expect(refusal.stderr).toContain(refused);
    expect(fs.readFileSync(path.join(built(), 'main.js'))).toEqual(before);
    // nothing half-built is left beside the served directory
    expect(fs.readdirSync(path.dirname(built())).filter((f) => f.startsWith('public.'))).toEqual([]);
  });
});
