import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from '../support/child';
import { TempContent } from '../support/temp-content';
import { buildImage, forgetOtherLockfiles } from './image-build';
import { lockImageCache, missingTools, podman, podmanStatus } from './podman';
import { base, instruction } from './dockerfile';
import { ensureStandInBase } from './stand-in-base';

// The real image, built from the Dockerfile as it is and run. No Docker engine and no registry is
// reachable here, so the base the Dockerfile names (node:<x.y.z>-<suite>-slim) is a LOCAL STAND-IN
// assembled the way the official image is (stand-in/assemble-base.sh: Debian minbase from
// debootstrap, Node's own linux-x64 build, its npm, a `node` user) and imported under that exact
// name; it is not the official image. buildah builds the Dockerfile unmodified on it; podman runs it.
// Cold (nothing cached): a few minutes; warm (base and layers cached): well under two.

const IMAGE = 'localhost/career-framework-api:image-test';
const PREFIX = 'cfa-image-test-';
const MB = 1_000_000;

describe(`the image, built on a local stand-in for ${base.tag}`, () => {
  const containers: string[] = [];
  let contentCopy: TempContent | undefined;
  let nofile = 4096;
  let unlock: (() => void) | undefined;

  beforeAll(async () => {
    const missing = missingTools();
    if (missing) throw new Error(`the image test cannot run: ${missing}`);
    unlock = await lockImageCache();
    const hard = Number(execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim());
    nofile = Number.isFinite(hard) ? Math.min(hard, 65_536) : 4096;
    await removeLeftovers();

    let started = Date.now();
    const reset = await forgetOtherLockfiles(ROOT);
    const source = await ensureStandInBase(base);
    report(`stand-in base ${base.tag}: ${source}${reset ? ' (new package-lock.json)' : ''}`, started);
    started = Date.now();
    await buildImage(ROOT, IMAGE);
    report('buildah bud of the Dockerfile', started);
    const [image, baseSize] = await Promise.all([size(IMAGE), size(base.name)]);
    console.log(
      `image size: ${Math.round(image / MB)} MB (stand-in base ${Math.round(baseSize / MB)} MB + ` +
        `${Math.round((image - baseSize) / MB)} MB of the app and its production dependencies)`,
    );
  }, 50 * 60_000);

  afterAll(async () => {
    try {
      if (containers.length > 0) await podmanStatus(['rm', '--force', '--time', '0', ...containers]);
      contentCopy?.remove();
    } finally {
      unlock?.();
    }
  }, 120_000);

  /** Starts the image (its own ENTRYPOINT and CMD) detached, and waits for its HEALTHCHECK to pass. */
  async function start(...options: string[]): Promise<{ name: string; port: number }> {
    const name = `${PREFIX}${process.pid}-${containers.length + 1}`;
    const port = await freePort();
    containers.push(name);
    await podman([
      'run',
      '--detach',
      '--name',
      name,
      // no systemd timer here: the HEALTHCHECK is run on demand below
      '--health-interval',
      'disable',
      '--ulimit',
      `nofile=${nofile}:${nofile}`,
      '--ulimit',
      'nproc=4096:4096',
      '--env',
      'DRAIN_DELAY_MS=0',
      '--publish',
      `127.0.0.1:${port}:4000`,
      ...options,
      IMAGE,
    ]);
    await healthy(name);
    return { name, port };
  }

  let main: Promise<{ name: string; port: number }> | undefined;
  const mainContainer = (): Promise<{ name: string; port: number }> => (main ??= start());

  it('holds the built server, its content, the example operations and production dependencies, and nothing else', async () => {
    const [app, modules] = await Promise.all([
      shell('ls -A /app'),
      shell('cd /app/node_modules && ls -d * @*/* | grep -v "^@[^/]*$"'),
    ]);
    expect(app.split('\n')).toEqual([
      'content',
      'dist',
      'examples',
      'node_modules',
      'package-lock.json',
      'package.json',
    ]);
    const installed = new Set(modules.split('\n'));
    for (const tool of ['jest', 'typescript', 'ts-jest', 'tsx', 'eslint', 'autocannon', 'mercurius'])
      expect(installed.has(tool) ? tool : null).toBeNull();
    expect(installed.has('graphql') && installed.has('fastify')).toBe(true);
    // every package the lockfile marks dev-only is absent, every production one present
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
    };
    const topLevel = Object.entries(lock.packages).filter(([key]) =>
      /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(key),
    );
    const name = (key: string): string => key.slice('node_modules/'.length);
    const dev = topLevel.filter(([, p]) => p.dev).map(([key]) => name(key));
    const production = topLevel
      .filter(([, p]) => !p.dev && !p.optional && !p.devOptional)
      .map(([key]) => name(key));
    expect(dev.filter((pkg) => installed.has(pkg))).toEqual([]);
    expect(production.filter((pkg) => !installed.has(pkg))).toEqual([]);
  });

  it('keeps the build’s registry settings out: no npmrc, no CA bundle, no proxy', async () => {
    expect(await shell('ls -A /usr/local/etc')).toBe('');
    const inspect = JSON.parse(await podman(['image', 'inspect', IMAGE]))[0];
    expect(JSON.stringify(inspect.Config.Env)).not.toMatch(/proxy|CA_CERTS|npm_config/i);
    expect(await shell('npm config get cafile')).toMatch(/^(null|undefined)$/);
  });

  it('carries its HEALTHCHECK and the stand-in’s honest label', async () => {
    const inspect = JSON.parse(await podman(['image', 'inspect', IMAGE]))[0];
    expect(inspect.Config.User).toBe('node');
    const check = JSON.parse(instruction('HEALTHCHECK').replace(/^.*?CMD /, '')) as string[];
    expect(inspect.Healthcheck.Test).toEqual(['CMD', ...check]);
    expect(inspect.Labels['org.opencontainers.image.description']).toMatch(
      /^Local stand-in for node:.*, not the official image/,
    );
  });

  it('runs Node as its unprivileged user, passes its HEALTHCHECK and answers GraphQL and the explorer', async () => {
    const { name, port } = await mainContainer();
    const [status, cmdline, version, uid] = await Promise.all([
      podman(['exec', name, 'cat', '/proc/1/status']),
      podman(['exec', name, 'cat', '/proc/1/cmdline']),
      podman(['exec', name, 'node', '-v']),
      podman(['exec', name, 'id', '-u']),
    ]);
    expect(status).toMatch(/^Uid:\t1000\t1000\t/m);
    expect(cmdline.split('\0')).toEqual([...(JSON.parse(instruction('CMD')) as string[]), '']);
    expect(version.trim()).toBe(`v${base.nodeVersion}`);
    expect(uid.trim()).toBe('1000');

    const graphql = await inside(name, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tracks { id levels { code } } }' }),
    });
    expect(graphql.status).toBe(200);
    expect(JSON.parse(graphql.body).data.tracks.map((t: { id: string }) => t.id)).toEqual([
      'site-reliability-engineer',
      'software-engineer',
    ]);
    const page = await inside(name, '/level');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    const script = /<script type="module" src="([^"]+)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await inside(name, script!);
    expect([asset.status, asset.type]).toEqual([200, expect.stringMatching(/javascript/)]);

    // and through the published port, as a load balancer would reach it
    const outside = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await outside.json()).toMatchObject({ status: 'ready', tracks: 2, levels: 10 });

    const logs = await podman(['logs', name]);
    expect(logs).toContain('"msg":"listening on');
    // nothing to warn about at start on the image's Node and the bundled content
    expect(logs).not.toContain('"level":40');
  });

  it('serves another content folder mounted read-only over /app/content', async () => {
    contentCopy = new TempContent();
    rmSync(path.join(contentCopy.dir, 'site-reliability-engineer'), { recursive: true });
    chmodSync(contentCopy.dir, 0o755);
    const { name } = await start('--volume', `${contentCopy.dir}:/app/content:ro`);
    const ready = JSON.parse((await inside(name, '/readyz')).body);
    expect(ready).toMatchObject({ status: 'ready', tracks: 1, levels: 5 });
    const graphql = await inside(name, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tracks { id } }' }),
    });
    expect(JSON.parse(graphql.body).data.tracks).toEqual([{ id: 'software-engineer' }]);
    expect(await podmanStatus(['exec', name, 'touch', '/app/content/x'])).toMatchObject({ code: 1 });
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const { name } = await mainContainer();
    const started = Date.now();
    await podman(['kill', '--signal', 'TERM', name]);
    const code = await podman(['wait', name], { timeoutMs: 30_000 });
    expect(code.trim()).toBe('0');
    expect(Date.now() - started).toBeLessThan(15_000);
    const logs = await podman(['logs', name]);
    expect(logs).toContain('"signal":"SIGTERM"');
    expect(logs).toContain('"msg":"stopped"');
  });

  async function healthy(name: string): Promise<void> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const check = await podmanStatus(['healthcheck', 'run', name]);
      if (check.code === 0) return;
      const state = await podmanStatus(['inspect', '--format', '{{.State.Status}}', name]);
      if (state.stdout.trim() !== 'running' || Date.now() > deadline) {
        const logs = await podmanStatus(['logs', name]);
        throw new Error(
          `${name} is ${state.stdout.trim()}, its HEALTHCHECK says ${check.stdout}${check.stderr}\n${logs.stdout}${logs.stderr}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A request made inside the container with its own Node, as the HEALTHCHECK makes its own. */
  async function inside(
    name: string,
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; type: string; body: string }> {
    const script =
      "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + process.argv[1], JSON.parse(process.argv[2]))" +
      '.then(async (r) => console.log(JSON.stringify({ status: r.status, type: r.headers.get("content-type"), body: await r.text() })))';
    return JSON.parse(await podman(['exec', name, 'node', '-e', script, url, JSON.stringify(init)]));
  }

  /** A command in a throwaway container of the image (as its user, bypassing the server). */
  async function shell(command: string): Promise<string> {
    const out = await podman([
      'run',
      '--rm',
      '--ulimit',
      `nofile=${nofile}:${nofile}`,
      '--ulimit',
      'nproc=4096:4096',
      '--entrypoint',
      'sh',
      IMAGE,
      '-c',
      command,
    ]);
    return out.trim();
  }
});

async function size(image: string): Promise<number> {
  return Number(await podman(['image', 'inspect', '--format', '{{.Size}}', image]));
}

function report(step: string, started: number): void {
  console.log(`${step} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Containers an earlier run left behind when it was killed: only those whose process is gone. */
async function removeLeftovers(): Promise<void> {
  const names = await podman(['ps', '--all', '--format', '{{.Names}}', '--filter', `name=^${PREFIX}`]);
  const gone = names
    .split('\n')
    .filter((name) => name.startsWith(PREFIX))
    .filter((name) => {
      const pid = Number(name.slice(PREFIX.length).split('-')[0]);
      try {
        process.kill(pid, 0);
        return pid === process.pid;
      } catch {
        return true;
      }
    });
  if (gone.length > 0) await podmanStatus(['rm', '--force', '--time', '0', ...gone]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
