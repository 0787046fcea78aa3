// Bundles the explorer's browser code (src/explorer/client/main.ts and the src/domain modules it
// shares with the API) with esbuild into dist/explorer/public/main.js, which the server serves under
// /assets/, and copies the static files beside it.
//   node scripts/build-explorer.js             build
//   node scripts/build-explorer.js --if-stale  build only when a source is newer than the last build
const fs = require('node:fs');
const path = require('node:path');
const { isStale } = require('./build-stamp');
const { importBoundary } = require('./explorer-import-boundary');

const root = path.join(__dirname, '..');
const explorer = path.join(root, 'src', 'explorer');
const client = path.join(explorer, 'client');
const domain = path.join(root, 'src', 'domain');
const tsconfig = path.join(explorer, 'tsconfig.json');
const out = path.join(root, 'dist', 'explorer', 'public');
// outside the served directory, so it never becomes an asset or changes the asset hash
const stamp = path.join(root, 'dist', 'explorer', '.public-built');
const sources = [
  client,
  path.join(explorer, 'public'),
  tsconfig,
  domain,
  path.join(__dirname, 'build-explorer.js'),
  path.join(__dirname, 'explorer-import-boundary.js'),
];

const stale = () => isStale(stamp, path.join(out, 'main.js'), sources);

async function build() {
  const esbuild = require('esbuild');
  // build beside the live directory and swap it in, so a running server never reads a half-written file
  const temp = `${out}.tmp-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: { main: path.join(client, 'main.ts') },
      bundle: true,
      minify: true,
      format: 'esm',
      // the browsers the explorer supports: the type checker's target in the explorer's tsconfig
      target: 'es2022',
      sourcemap: true,
      // the same compiler options for src/domain as for the client, not the server's tsconfig
      tsconfig,
      outdir: temp,
      absWorkingDir: root,
      plugins: [importBoundary([client, domain], root)],
      logLevel: 'warning',
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
  build().then(
    () => console.error(`explorer built into ${path.relative(root, out)}`),
    (error) => {
      // esbuild has printed its own errors (they come as a list); anything else carries a message
      if (!Array.isArray(error.errors)) console.error(error.message);
      console.error('the explorer did not build: see the errors above');
      process.exit(1);
    },
  );
}
