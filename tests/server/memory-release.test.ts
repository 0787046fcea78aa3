import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyInstance } from 'fastify';
import {
  exposedCollector,
  MEMORY_RELEASE,
  MemoryRelease,
  type Released,
} from '../../src/server/memory-release';
import { buildTestApp } from '../support/app';

// Node's real `gc`, as `--expose-gc` gives it to the server: jest's workers start without the flag,
// and a new context made after it is set carries the function.
setFlagsFromString('--expose-gc');
const realGc = runInNewContext('gc') as (options?: object) => unknown;

describe('releasing memory after a busy period', () => {
  const quick = { windowMs: 60_000, busyRequests: 5, quietRequests: 2 };

  it('releases once when a busy period goes quiet, and not again until the next busy one', () => {
    const collections: number[] = [];
    const release = new MemoryRelease(
      () => collections.push(Date.now()),
      () => {},
      quick,
    );
    expect(release.endWindow()).toBeNull(); // quiet, but never busy
    for (let i = 0; i < 6; i++) release.count();
    expect(release.endWindow()).toBeNull(); // busy: six in this window
    const released = release.endWindow(); // quiet after a busy period
    expect(released).toMatchObject({ rssBeforeMb: expect.any(Number), rssAfterMb: expect.any(Number) });
    expect(collections).toHaveLength(1);
    expect(release.endWindow()).toBeNull(); // still quiet, nothing new to give back
    release.count();
    expect(release.endWindow()).toBeNull(); // one request is not a busy period
    expect(collections).toHaveLength(1);
  });

  it('does not release while requests keep coming, however long the busy period', () => {
    let collected = 0;
    const release = new MemoryRelease(
      () => collected++,
      () => {},
      quick,
    );
    for (let window = 0; window < 5; window++) {
      for (let i = 0; i < 3; i++) release.count();
      expect(release.endWindow()).toBeNull();
    }
    expect(collected).toBe(0);
    expect(release.endWindow()).not.toBeNull();
  });

  it("runs V8's collection without throwing when gc is exposed, and is off without it", () => {
    const global = globalThis as { gc?: unknown };
    const before = global.gc;
    try {
      delete global.gc;
      expect(exposedCollector()).toBeNull();
      global.gc = realGc;
      const collect = exposedCollector();
      expect(collect).not.toBeNull();
      expect(() => collect!()).not.toThrow();
    } finally {
      global.gc = before;
    }
  });
});

describe('the server, started with gc exposed', () => {
  let app: FastifyInstance;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    (globalThis as { gc?: unknown }).gc = realGc;
    app = await buildTestApp({}, {}, { write: (line) => lines.push(JSON.parse(line)) });
  });
  afterAll(async () => {
    await app.close();
    delete (globalThis as { gc?: unknown }).gc;
  });

  it('counts answered requests and, once they stop, collects, logs it and counts it in /metrics', async () => {
    expect(app.memoryRelease).not.toBeNull();
    for (let i = 0; i < MEMORY_RELEASE.busyRequests; i++) {
      const answer = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: `{ tracks { id } }` },
      });
      expect(answer.statusCode).toBe(200);
    }
    expect(app.memoryRelease!.endWindow()).toBeNull(); // the busy window itself
    const released = app.memoryRelease!.endWindow() as Released;
    expect(released.ms).toBeGreaterThan(0);
    const logged = lines.find((l) => l.msg === 'returned memory to the system after a busy period');
    expect(logged).toMatchObject({
      level: 30,
      rssBeforeMb: released.rssBeforeMb,
      rssAfterMb: released.rssAfterMb,
    });
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^memory_release_duration_seconds_count 1$/m);
  });

  it('has no release to run when Node was started without gc', async () => {
    delete (globalThis as { gc?: unknown }).gc;
    const plain = await buildTestApp();
    try {
      expect(plain.memoryRelease).toBeNull();
    } finally {
      await plain.close();
      (globalThis as { gc?: unknown }).gc = realGc;
    }
  });
});
