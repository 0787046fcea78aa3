// `npm start` builds first when dist/ is missing or older than src/, so the quick start is one command.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { newest } = require('./build-stamp');

const root = path.join(__dirname, '..');

const entry = path.join(root, 'dist', 'main.js');
const explorer = path.join(root, 'dist', 'explorer', 'public', 'main.js');
const graphiql = path.join(root, 'dist', 'graphiql', 'main.js');
const missing = ![entry, explorer, graphiql].every((file) => fs.existsSync(file));
const stale = !missing && newest(path.join(root, 'src')) > fs.statSync(entry).mtimeMs;
// The build prints nothing until it ends, so without a line first the first start looks hung.
if (missing)
  console.error(
    'building dist/ from src/ (first start: the server, the explorer and GraphiQL; this takes a while, once)…',
  );
else if (stale) console.error('rebuilding dist/ (src/ changed since the last build)…');
if (missing || stale) execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
