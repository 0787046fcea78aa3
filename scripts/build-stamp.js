// When a build is out of date: the build scripts write a stamp file after a build, and an
// `--if-stale` run builds again only when a source is newer than the stamp or the output is missing.
const fs = require('node:fs');
const path = require('node:path');

/** The latest modification time of a file, or of anything below a folder. */
function newest(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newest(path.join(p, name))), stat.mtimeMs);
}

/** Whether `output` is missing, or any of `sources` is newer than `stamp`. */
function isStale(stamp, output, sources) {
  if (!fs.existsSync(stamp) || !fs.existsSync(output)) return true;
  return Math.max(...sources.map(newest)) > fs.statSync(stamp).mtimeMs;
}

module.exports = { newest, isStale };
