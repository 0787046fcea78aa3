// Builds the explorer's browser code into dist/explorer/public, which the server serves under /assets/.
// No bundler: the browser loads tsc's ES modules as they are, and the static files are copied beside them.
//   node scripts/build-explorer.js             build
//   node scripts/build-explorer.js --if-stale  build only when a source is newer than the last build
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { isStale } = require('./build-stamp');

const root = path.join(__dirname, '..');
const explorer = path.join(root, 'src', 'explorer');
const out = path.join(root, 'dist', 'explorer', 'public');
// outside the served directory, so it never becomes an asset or changes the asset hash
const stamp = path.join(root, 'dist', 'explorer', '.public-built');
const sources = [
  path.join(explorer, 'client'),
  path.join(explorer, 'public'),
  path.join(explorer, 'tsconfig.json'),
  // the modules the client shares with the API (see build())
  path.join(root, 'src', 'domain'),
  path.join(__dirname, 'build-explorer.js'),
];

const stale = () => isStale(stamp, path.join(out, 'main.js'), sources);

// Where tsc writes, below the explorer tsconfig's rootDir (src): the client modules, and the
// dependency-free src/domain modules they share with the API (closest-ids.ts, for one suggestion
// algorithm in both). The browser gets them side by side in one folder, as the tsconfig's rootDirs
// promised the type checker; anything else the client pulls in is refused, since it would not be served.
const COMPILED_DIRS = [path.join('explorer', 'client'), 'domain'];

/** Moves tsc's output into one flat folder of modules; a name both folders use is an error. */
function flatten(compiled, served) {
  const known = new Set(COMPILED_DIRS.map((d) => d.split(path.sep)[0]));
  const stray = fs.readdirSync(compiled).filter((name) => !known.has(name));
  if (stray.length > 0)
    throw new Error(`the explorer's modules import src/${stray[0]}, which the browser is not served`);
  fs.mkdirSync(served, { recursive: true });
  for (const dir of COMPILED_DIRS) {
    const from = path.join(compiled, dir);
    if (!fs.existsSync(from)) continue;
    for (const name of fs.readdirSync(from)) {
      const to = path.join(served, name);
      if (fs.existsSync(to)) throw new Error(`two sources compile to ${name}: rename one`);
      fs.renameSync(path.join(from, name), to);
    }
  }
}

function build() {
  // build beside the live directory and swap it in, so a running server never reads a half-written file
  const compiled = `${out}.tsc-${process.pid}`;
  const temp = `${out}.tmp-${process.pid}`;
  const clean = () => [compiled, temp].forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  clean();
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(explorer, 'tsconfig.json'), '--outDir', compiled], {
      cwd: root,
      stdio: 'inherit',
    });
    flatten(compiled, temp);
    fs.cpSync(path.join(explorer, 'public'), temp, { recursive: true });
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(temp, out);
  } finally {
    clean();
  }
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (!process.argv.includes('--if-stale') || stale()) {
  try {
    build();
  } catch (error) {
    // tsc has printed its own errors (the failed command has an exit status); ours carry a message
    if (error.status === undefined) console.error(error.message);
    console.error('the explorer did not build: see the errors above');
    process.exit(1);
  }
  console.error(`explorer built into ${path.relative(root, out)}`);
}
