// Bundles GraphiQL (React, CodeMirror and this API's examples) into dist/graphiql with esbuild, so
// the server serves the IDE itself, offline and without a CDN.
//   node scripts/build-graphiql.js             build
//   node scripts/build-graphiql.js --if-stale  build only when a source is newer than the last build
const fs = require('node:fs');
const path = require('node:path');
const { isStale } = require('./build-stamp');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist', 'graphiql');
const stamp = path.join(root, 'dist', '.graphiql-built');
const entry = path.join(root, 'src', 'graphiql', 'client', 'main.ts');
const examplesDir = path.join(root, 'examples');
const sources = [
  path.join(root, 'src', 'graphiql'),
  examplesDir,
  path.join(__dirname, 'build-graphiql.js'),
  path.join(root, 'package-lock.json'),
];

const stale = () => isStale(stamp, path.join(out, 'main.js'), sources);

/** examples/*.graphql as a module: the tabs GraphiQL opens with. */
const examplesPlugin = {
  name: 'examples',
  setup(build) {
    build.onResolve({ filter: /^\.\/examples$/ }, () => ({ path: 'examples', namespace: 'examples' }));
    build.onLoad({ filter: /.*/, namespace: 'examples' }, () => {
      const examples = fs
        .readdirSync(examplesDir)
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map((f) => ({
          name: f.replace(/\.graphql$/, ''),
          query: fs.readFileSync(path.join(examplesDir, f), 'utf8'),
        }));
      return {
        contents: `export const EXAMPLES = ${JSON.stringify(examples)};`,
        loader: 'js',
        watchFiles: [],
      };
    });
  },
};

async function build() {
  const esbuild = require('esbuild');
  // build beside the live directory and swap it in, so a running server never reads a half-written file
  const temp = `${out}.tmp-${process.pid}`;
  fs.rmSync(temp, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { main: entry },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outdir: temp,
    legalComments: 'eof',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.woff': 'file' },
    plugins: [examplesPlugin],
    logLevel: 'warning',
  });
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(temp, out);
  fs.writeFileSync(stamp, new Date().toISOString());
}

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);
build().catch((error) => {
  console.error(error);
  process.exit(1);
});
