import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/child';
import { TempContent } from '../support/temp-content';

// There is no Docker engine here, so this performs the Dockerfile's runtime stage by hand: a
// production-only install of the built output in an empty directory, started the way the image
// starts it, as an unprivileged user, and queried.

const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.indexOf('AS runtime'));
const NOBODY = 65534;

function instruction(name: string): string {
  const match = new RegExp(`^${name} ((?:.*\\\\\\n)*.*)$`, 'm').exec(runtimeStage);
  if (!match) throw new Error(`the runtime stage has no ${name}`);
  return match[1]!.replace(/\\\n\s*/g, ' ');
}

describe('the Dockerfile', () => {
  it('is multi-stage on a pinned Node 20 base, runs as a non-root user, exposes the port and checks health', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+\.\d+-[a-z]+-slim$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS build$/m);
    expect(instruction('USER')).toBe('node');
    expect(instruction('EXPOSE')).toBe('4000');
    expect(instruction('RUN')).toContain('npm ci --omit=dev');
    expect(instruction('HEALTHCHECK')).toContain('/healthz');
    expect(JSON.parse(instruction('CMD'))).toEqual(['node', 'dist/main.js']);
  });
});

describe('its runtime stage, performed outside Docker', () => {
  const app = mkdtempSync(path.join(tmpdir(), 'cfa-image-'));
  const children: ReturnType<typeof spawn>[] = [];

  beforeAll(() => {
    // build stage: the same command the Dockerfile runs
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
    // runtime stage: package files, a production-only install, the built output and the content
    for (const file of ['package.json', 'package-lock.json'])
      cpSync(path.join(ROOT, file), path.join(app, file));
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
      cwd: app,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    cpSync(path.join(ROOT, 'dist'), path.join(app, 'dist'), { recursive: true });
    cpSync(path.join(ROOT, 'content'), path.join(app, 'content'), { recursive: true });
    chmodSync(app, 0o755);
  }, 240_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(app, { recursive: true, force: true });
  });

  /** Starts the image's CMD with its ENV, as uid nobody, and waits for the start-up line. */
  async function run(env: Record<string, string> = {}): Promise<string> {
    const [command, ...args] = JSON.parse(instruction('CMD')) as string[];
    const child = spawn(command === 'node' ? process.execPath : command!, args, {
      cwd: app,
      uid: NOBODY,
      gid: NOBODY,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        CONTENT_DIR: path.join(app, 'content'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    for (let i = 0; i < 400; i++) {
      const line = out.split('\n').find((l) => l.includes('"msg":"listening on'));
      if (line) return new URL(JSON.parse(line).address).origin;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the image's command did not start: ${out} ${err}`);
  }

  it('has no development dependencies installed', () => {
    expect(existsSync(path.join(app, 'node_modules', 'graphql'))).toBe(true);
    expect(existsSync(path.join(app, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules', 'jest'))).toBe(false);
  });

  it('starts as a non-root user, passes its HEALTHCHECK and answers GraphQL', async () => {
    const origin = await run();
    const port = new URL(origin).port;
    const check = JSON.parse(instruction('HEALTHCHECK').replace(/^.*?CMD /, '')) as string[];
    execFileSync(process.execPath, check.slice(1), { env: { PORT: port }, stdio: 'pipe' });
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ tracks { id levels { code } } }' }),
    });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as any;
    expect(data.tracks.map((t: { id: string }) => t.id)).toEqual([
      'site-reliability-engineer',
      'software-engineer',
    ]);
  });

  it("serves an organisation's own content mounted at CONTENT_DIR", async () => {
    const own = new TempContent();
    try {
      rmSync(path.join(own.dir, 'site-reliability-engineer'), { recursive: true });
      chmodSync(own.dir, 0o755);
      const origin = await run({ CONTENT_DIR: own.dir });
      const ready = await (await fetch(`${origin}/readyz`)).json();
      expect(ready).toMatchObject({ status: 'ready', tracks: 1, levels: 5 });
    } finally {
      own.remove();
    }
  });
});
