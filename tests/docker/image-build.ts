import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildah, IMAGE_CACHE, must, podmanStatus } from './podman';

const PROXY_ARGS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/**
 * The host's way to the npm registry, for the build's `npm ci` only: a folder holding an npmrc (the
 * registry, proxies and CA file npm uses here) and that CA bundle, mounted read-only over the base's
 * empty /usr/local/etc, where npm reads its global config. A bind mount is not part of any layer,
 * so none of it reaches the image; the test checks that.
 */
export async function buildTimeNpmConfig(): Promise<{ dir: string }> {
  const config = JSON.parse(await must('npm', ['config', 'list', '--json'])) as Record<string, unknown>;
  const dir = mkdtempSync(path.join(tmpdir(), 'cfa-build-npm-'));
  const lines = [`registry=${String(config.registry ?? 'https://registry.npmjs.org/')}`];
  const ca = (config.cafile as string | null) ?? process.env.NODE_EXTRA_CA_CERTS ?? null;
  if (ca && existsSync(ca)) {
    copyFileSync(ca, path.join(dir, 'build-ca.crt'));
    lines.push('cafile=/usr/local/etc/build-ca.crt');
  }
  for (const key of ['proxy', 'https-proxy', 'noproxy', 'strict-ssl']) {
    const value = config[key];
    if (value !== null && value !== undefined && String(value) !== '') lines.push(`${key}=${String(value)}`);
  }
  writeFileSync(path.join(dir, 'npmrc'), `${lines.join('\n')}\n`);
  return { dir };
}

/**
 * Images built for another package-lock.json only take space: when the lockfile changes, the test's
 * storage starts again (the stand-in base is re-imported from its cached tarball in seconds).
 */
export async function forgetOtherLockfiles(root: string): Promise<boolean> {
  const stamp = path.join(IMAGE_CACHE, 'storage-lockfile');
  const lock = createHash('sha256')
    .update(readFileSync(path.join(root, 'package-lock.json')))
    .digest('hex');
  const previous = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  if (previous === lock) return false;
  if (previous !== null) await podmanStatus(['rmi', '--all', '--force'], { timeoutMs: 5 * 60_000 });
  mkdirSync(IMAGE_CACHE, { recursive: true });
  writeFileSync(stamp, `${lock}\n`);
  return previous !== null;
}

/**
 * `buildah bud` of the repository's Dockerfile, unmodified (its output goes to IMAGE_CACHE/last-build.log): docker format (OCI images have no
 * HEALTHCHECK), layers cached for the next run, never pulling (the base is the local stand-in).
 * No npm cache is mounted: each stage's `npm ci` uses the cache inside its own container, so the
 * runtime stage's `npm cache clean` removes only what that stage wrote. An overlay of the host's
 * live ~/.npm failed that clean (ENOTEMPTY) whenever another npm process, or the other stage running
 * beside it, wrote the shared cache during the build. Unchanged layers are still reused (--layers),
 * so the registry is only asked again when package-lock.json changes.
 */
export async function buildImage(root: string, tag: string): Promise<void> {
  const npm = await buildTimeNpmConfig();
  try {
    const output = await buildah(budArguments(root, tag, npm.dir), { timeoutMs: 20 * 60_000 });
    writeFileSync(path.join(IMAGE_CACHE, 'last-build.log'), output);
  } finally {
    rmSync(npm.dir, { recursive: true, force: true });
  }
}

/** The `buildah bud` command line of {@link buildImage}, with the build-time npm config in `npmConfigDir`. */
export function budArguments(
  root: string,
  tag: string,
  npmConfigDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const proxies = PROXY_ARGS.filter((name) => env[name]).flatMap((name) => [
    '--build-arg',
    `${name}=${env[name]}`,
  ]);
  return [
    'bud',
    '--isolation',
    'chroot',
    '--layers',
    '--format',
    'docker',
    '--pull=never',
    // the two stages' `npm ci` overlap
    '--jobs',
    '2',
    '--volume',
    `${npmConfigDir}:/usr/local/etc:ro`,
    ...proxies,
    '--file',
    path.join(root, 'Dockerfile'),
    '--tag',
    tag,
    root,
  ];
}
