// `npm start` builds first when dist/ is missing or older than src/, so the quick start is one command.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { newest } = require('./build-stamp');

const root = path.join(__dirname, '..');

const entry = path.join(root, 'dist', 'main.js');
const explorer = path.join(root, 'dist', 'explorer', 'public', 'main.js');
const graphiql = path.join(root, 'dist', 'graphiql', 'main.js');
if (
  !fs.existsSync(entry) ||
  !fs.existsSync(explorer) ||
  !fs.existsSync(graphiql) ||
  newest(path.join(root, 'src')) > fs.statSync(entry).mtimeMs
) {
  console.error('building dist/ (sources changed since the last build)…');
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
}
