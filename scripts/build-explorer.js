// Builds the explorer's browser code into dist/explorer/public, which the server serves under /assets/.
// No bundler: the browser loads tsc's ES modules as they are, and the static files are copied beside them.
//   node scripts/build-explorer.js             build
//   node scripts/build-explorer.js --if-stale  build only when a source is newer than the last build
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const explorer = path.join(root, 'src', 'explorer');
const out = path.join(root, 'dist', 'explorer', 'public');
// outside the served directory, so it never becomes an asset or changes the asset hash
const stamp = path.join(root, 'dist', 'explorer', '.public-built');
const sources = [
  path.join(explorer, 'client'),
  path.join(explorer, 'public'),
  path.join(explorer, 'tsconfig.json'),
  path.join(__dirname, 'build-explorer.js'),
];

const newest = (p) => {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newest(path.join(p, name))), stat.mtimeMs);
};

function stale() {
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(out, 'main.js'))) return true;
  return Math.max(...sources.map(newest)) > fs.statSync(stamp).mtimeMs;
}

function build() {
  // build beside the live directory and swap it in, so a running server never reads a half-written file
  const temp = `${out}.tmp-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(explorer, 'tsconfig.json'), '--outDir', temp], {
      cwd: root,
      stdio: 'inherit',
    });
    fs.cpSync(path.join(explorer, 'public'), temp, { recursive: true });
    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(temp, out);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (!process.argv.includes('--if-stale') || stale()) {
  try {
    build();
  } catch {
    // tsc has already printed its errors
    console.error('the explorer did not build: see the errors above');
    process.exit(1);
  }
  console.error(`explorer built into ${path.relative(root, out)}`);
}
