import { request } from 'node:http';
import path from 'node:path';
import { cleanup, spawnServer, startupLine, type ChildServer } from '../support/child';
import { TempContent } from '../support/temp-content';

let child: ChildServer | undefined;
afterEach(() => cleanup(child));

describe('start-up', () => {
  it('prints one structured line with the version, counts, address and time to ready', async () => {
    child = spawnServer({ DRAIN_DELAY_MS: '0' });
    const line = await startupLine(child);
    expect(line).toMatchObject({ level: 30, tracks: 2, levels: 10, version: expect.any(String) });
    expect(line.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(line.contentVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(line.readyMs).toEqual(expect.any(Number));
    expect(line.node).toBe(process.version);
    // one line of information; warnings may stand before it (the explorer or GraphiQL not built)
    const lines = child
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number });
    expect(lines.filter((l) => l.level < 40)).toHaveLength(1);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['CONTENT_WATCH', 'maybe'],
    ['INTROSPECTION', 'sometimes'],
    ['CACHE_MAX_AGE', '-1'],
    ['CORS_ORIGINS', 'not-a-url'],
    ['FRAME_ANCESTORS', 'ftp://example.com'],
  ])('refuses %s=%s, naming the variable, the value and what is allowed', async (name, value) => {
    child = spawnServer({ [name]: value });
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toContain(name);
    expect(child.stderr()).toContain(value);
    expect(child.stdout()).not.toContain('listening on');
  });

  it('refuses to start on content with errors, printing every problem as path:line:col', async () => {
    const content = new TempContent();
    try {
      content.write(
        'software-engineer/L2.md',
        content.read('software-engineer/L2.md').replace(/^# L2: .*$/m, '# L1: Copy'),
      );
      content.write('software-engineer/L9.md', '---\nrank: [1\n---\n# L9: x\n');
      child = spawnServer({ CONTENT_DIR: content.dir });
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toMatch(/^software-engineer\/L\d\.md:\d+:\d+ error duplicate-level /m);
      expect(child.stderr()).toMatch(/^software-engineer\/L9\.md:\d+:\d+ error front-matter-syntax /m);
    } finally {
      content.remove();
    }
  });

  it('refuses a content directory that does not exist', async () => {
    child = spawnServer({ CONTENT_DIR: path.join(__dirname, 'no-such-dir') });
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(/missing-content-dir/);
  });
});

describe('signals', () => {
  it('reloads on SIGHUP', async () => {
    const content = new TempContent();
    try {
      child = spawnServer({ CONTENT_DIR: content.dir });
      const { address } = await startupLine(child);
      content.write(
        'software-engineer/L1.md',
        content.read('software-engineer/L1.md').replace(/^# L1: .*$/m, '# L1: Renamed By Hangup'),
      );
      child.process.kill('SIGHUP');
      const query = JSON.stringify({ query: '{ level(id: "software-engineer/L1") { title } }' });
      let title = '';
      for (let i = 0; i < 100 && title !== 'Renamed By Hangup'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const response = await fetch(address, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: query,
        });
        title = ((await response.json()) as any).data.level.title;
      }
      expect(title).toBe('Renamed By Hangup');
    } finally {
      content.remove();
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s lets a request in flight when the listener closes finish, then exits 0',
    async (signal) => {
      // the body ends after the drain delay: the listener has closed by then
      child = spawnServer({ DRAIN_DELAY_MS: '100' });
      const { address } = await startupLine(child);
      const url = new URL(address);
      const body = JSON.stringify({ query: '{ tracks { id } }' });
      // a request whose body is still arriving when the signal comes is in flight
      const answer = new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text, connection: res.headers.connection }),
            );
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          child!.process.kill(signal);
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 200);
      });
      const result = await answer;
      expect(result.status).toBe(200);
      expect(result.connection).toBe('close');
      expect(JSON.parse(result.text).data.tracks).toHaveLength(2);
      expect(await child.exited).toBe(0);
      const messages = child
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).msg as string)
        .filter((m) => /^(draining|listener closed|stopped)/.test(m));
      expect(messages.map((m) => m.split(/[:;]/)[0])).toEqual(['draining', 'listener closed', 'stopped']);
    },
  );

  it('SIGINT (Ctrl-C in a terminal) stops without waiting for the drain delay, and exits 0', async () => {
    child = spawnServer({ DRAIN_DELAY_MS: '600000' });
    await startupLine(child);
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(0);
    const draining = child
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; drainDelayMs?: number })
      .find((l) => l.msg.startsWith('draining'));
    expect(draining?.drainDelayMs).toBe(0);
  });

  it('a second signal exits 1 at once instead of finishing the drain', async () => {
    child = spawnServer({ DRAIN_DELAY_MS: '600000' });
    const { address } = await startupLine(child);
    const readyz = new URL('/readyz', address).href;
    child.process.kill('SIGTERM');
    let status = 0;
    for (let i = 0; i < 200 && status !== 503; i++) {
      status = (await fetch(readyz)).status;
      if (status !== 503) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(503);
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(1);
  });
});
