import { cleanup, spawnServer, startupLine, type ChildServer } from '../support/child';
import { loadClient, probeReadiness, tally, type LoadClient, type Sent } from '../support/load';
import { eventually } from '../support/poll';

let child: ChildServer | undefined;
afterEach(() => cleanup(child));

/** The server's log lines with the given message prefix. */
function logLines(server: ChildServer, prefix: string): Array<Record<string, any>> {
  return server
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .filter((l) => typeof l.msg === 'string' && l.msg.startsWith(prefix));
}

describe('SIGTERM under load', () => {
  it('answers every request sent before the listener closes, says Connection: close while draining, and exits 0', async () => {
    child = spawnServer({ DRAIN_DELAY_MS: '300' });
    const origin = new URL((await startupLine(child)).address).origin;

    // before: SIGTERM not sent yet; signalled: sent; draining: /readyz has answered 503
    let phase = 'before';
    const readiness = probeReadiness(origin, (status) => {
      if (status === 503) phase = 'draining';
    });
    const clients = new Map<string, LoadClient>();
    for (let i = 0; i < 3; i++) {
      for (const keepAlive of [true, false]) {
        clients.set(
          `${keepAlive ? 'keep-alive' : 'connection-per-request'} ${i}`,
          loadClient({
            origin,
            keepAlive,
            method: i === 2 ? 'GET' : 'POST',
            phase: () => phase,
            // a refused connection means the listener has closed: nothing more can be sent
            stopAfter: (sent) => sent.outcome === 'refused',
            maxRequests: 20_000,
            maxMs: 25_000,
          }),
        );
      }
    }
    await eventually(() => [...clients.values()].every((c) => c.sent.length >= 20), {
      ms: 20_000,
      what: 'every client to have 20 answers before the signal',
    });
    phase = 'signalled';
    child.process.kill('SIGTERM');

    const endings = await Promise.all([...clients.values()].map((c) => c.done));
    await readiness.done;
    expect(await child.exited).toBe(0);

    const all: Sent[] = [...clients.values()].flatMap((c) => c.sent);
    const lost = [...clients].flatMap(([name, c]) =>
      c.sent.filter((s) => s.outcome !== 'refused' && s.status !== 200).map((s) => ({ name, ...s })),
    );
    expect(lost).toEqual([]);
    // every client was still sending when the listener closed, and stopped only because of it: one
    // refused connection each, every other request answered 200
    expect(endings.every((e) => e === 'stopped')).toBe(true);
    for (const c of clients.values()) expect(c.sent.at(-1)!.outcome).toBe('refused');
    expect(tally(all)).toEqual({ '200': all.length - clients.size, refused: clients.size });

    // before the signal, keep-alive clients reused their connections
    const keepAlive = [...clients]
      .filter(([name]) => name.startsWith('keep-alive'))
      .flatMap(([, c]) => c.sent);
    expect(keepAlive.some((s) => s.phase === 'before' && s.reused && s.connection === 'keep-alive')).toBe(
      true,
    );
    // during the drain every answer says close, and the clients kept being answered
    const draining = all.filter((s) => s.phase === 'draining' && s.outcome === 'answered');
    expect(draining.every((s) => s.connection === 'close')).toBe(true);
    expect(keepAlive.filter((s) => s.phase === 'draining' && s.status === 200).length).toBeGreaterThan(0);
    expect(all.filter((s) => s.phase === 'draining' && !s.reused && s.status === 200).length).toBeGreaterThan(
      0,
    );

    // /readyz: ready until the signal, then 503 until the listener closes, never ready again
    expect(readiness.seen.join(' ')).toMatch(/^(200 )+(503 )+refused$/);

    expect(logLines(child, 'draining')).toEqual([
      expect.objectContaining({ signal: 'SIGTERM', drainDelayMs: 300 }),
    ]);
    expect(logLines(child, 'stopped')).toHaveLength(1);
  });
});
