import { cleanup, spawnServer, startupLine, type ChildServer } from '../support/child';
import { eventually } from '../support/poll';

let child: ChildServer | undefined;
afterEach(() => cleanup(child));

/** The exit code, or 'still running' if the process has not exited within `ms`. */
async function exitWithin(server: ChildServer, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still running'>(
    (resolve) => (timer = setTimeout(resolve, ms, 'still running')),
  );
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// what `npm start | tee` does when tee goes away with the process group's SIGTERM
describe('a SIGTERM whose log reader goes away', () => {
  it.each([['false'], ['true']])(
    'exits 0 within the shutdown bound when the stdout pipe loses its reader (CONTENT_WATCH=%s)',
    async (watch) => {
      child = spawnServer({ DRAIN_DELAY_MS: '100', SHUTDOWN_TIMEOUT_MS: '200', CONTENT_WATCH: watch });
      await startupLine(child);
      child.process.kill('SIGTERM');
      await eventually(() => child!.stdout().includes('"msg":"draining'), { what: 'the drain to start' });
      child.process.stdout!.destroy();
      expect(await exitWithin(child, 15_000)).toBe(0);
    },
  );

  it('exits 0 when the stdout pipe lost its reader before the signal', async () => {
    child = spawnServer({ DRAIN_DELAY_MS: '100', SHUTDOWN_TIMEOUT_MS: '200' });
    await startupLine(child);
    child.process.stdout!.destroy();
    child.process.kill('SIGTERM');
    expect(await exitWithin(child, 15_000)).toBe(0);
  });
});

describe('a shutdown that cannot finish', () => {
  it('exits 1 once the shutdown timeout has passed, though close() never resolves', async () => {
    child = spawnServer({ DRAIN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '100' }, [
      '--require',
      'tsx/cjs',
      'tests/support/never-closing-main.ts',
    ]);
    await startupLine(child);
    child.process.kill('SIGTERM');
    expect(await exitWithin(child, 15_000)).toBe(1);
  });

  // SIGTERM starts the long drain; SIGINT would skip its delay
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'a %s during a long drain delay exits 1 at once',
    async (signal) => {
      child = spawnServer({ DRAIN_DELAY_MS: '600000' });
      const { address } = await startupLine(child);
      child.process.kill('SIGTERM');
      await eventually(() => child!.stdout().includes('"msg":"draining'), { what: 'the drain to start' });
      expect((await fetch(new URL('/readyz', address))).status).toBe(503);
      child.process.kill(signal);
      expect(await exitWithin(child, 15_000)).toBe(1);
    },
  );
});
