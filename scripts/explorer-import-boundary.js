// The explorer's bundle may hold only its own client code and the dependency-free src/domain modules it
// shares with the API (closest-ids.ts): anything else (a package, src/content, src/server) would drag
// Node-only or server code into the browser. This esbuild plugin refuses such an import where it is
// written, so the build fails with the importing file and line.
const path = require('node:path');

// marks the plugin's own resolve call, so it does not resolve itself again
const RESOLVING = Symbol('explorer-import-boundary');

const isInside = (file, dir) => {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** An esbuild plugin that fails the build on any import that resolves outside `allowedDirs`. */
function importBoundary(allowedDirs, root = process.cwd()) {
  return {
    name: 'explorer-import-boundary',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.[RESOLVING]) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { [RESOLVING]: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.namespace === 'file' && allowedDirs.some((dir) => isInside(resolved.path, dir)))
          return { path: resolved.path, sideEffects: resolved.sideEffects };
        const where = resolved.namespace === 'file' ? path.relative(root, resolved.path) : args.path;
        const allowed = allowedDirs.map((dir) => path.relative(root, dir)).join(' and ');
        return {
          errors: [
            {
              text: `the explorer may import only from ${allowed}, not ${where}: the browser is served nothing else`,
            },
          ],
        };
      });
    },
  };
}

module.exports = { importBoundary };
