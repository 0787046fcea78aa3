import { cleanup, spawnServer, startupLine, type ChildServer } from '../support/child';
import { loadClient, tally, type LoadClient } from '../support/load';
import { eventually } from '../support/poll';
import { findNginx, startNginx, type Nginx } from '../support/nginx';

const children: ChildServer[] = [];
let nginx: Nginx | undefined;
afterEach(async () => {
  children.forEach(cleanup);
  children.length = 0;
  if (nginx && nginx.process.exitCode === null) nginx.process.kill('SIGKILL');
  await nginx?.stop();
  nginx = undefined;
});

const DRAIN = { DRAIN_DELAY_MS: '300' };

async function replica(port = 0): Promise<{ server: ChildServer; port: number }> {
  const server = spawnServer({ ...DRAIN, PORT: String(port) });
  children.push(server);
  const { address } = await startupLine(server);
  return { server, port: Number(new URL(address).port) };
}

/** GraphQL requests a replica has answered, from its access log. */
function answered(server: ChildServer): number {
  return server
    .stdout()
    .split('\n')
    .filter((l) => l.includes('"msg":"request"') && l.includes('"url":"/graphql"')).length;
}

describe('two replicas behind nginx', () => {
  it('restart one at a time under continuous load without a failed request', async () => {
    // fails, never skips, when nginx is missing: the message says how to install it
    findNginx();
    const replicas = [await replica(), await replica()];
    nginx = await startNginx(replicas.map((r) => r.port));

    const clients: LoadClient[] = [];
    for (const [keepAlive, method] of [
      [true, 'POST'],
      [true, 'POST'],
      [true, 'GET'],
      [false, 'POST'],
      [false, 'GET'],
    ] as const) {
      clients.push(
        loadClient({
          origin: nginx.origin,
          keepAlive,
          method,
          phase: () => 'load',
          stopAfter: () => false,
          maxRequests: 100_000,
          maxMs: 90_000,
        }),
      );
    }
    await eventually(() => replicas.every((r) => answered(r.server) >= 20), {
      ms: 20_000,
      what: 'both replicas to answer',
    });

    for (let i = 0; i < replicas.length; i++) {
      const old = replicas[i]!;
      old.server.process.kill('SIGTERM');
      expect(await old.server.exited).toBe(0);
      replicas[i] = await replica(old.port);
      // nginx sends the new replica traffic again
      await eventually(() => answered(replicas[i]!.server) >= 20, {
        ms: 20_000,
        what: `the new replica ${i} to answer`,
      });
    }
    clients.forEach((c) => c.stop());
    const endings = await Promise.all(clients.map((c) => c.done));

    const all = clients.flatMap((c) => c.sent);
    const failed = all.filter((s) => s.status !== 200);
    expect({ failed, tally: tally(all) }).toEqual({ failed: [], tally: { '200': all.length } });
    expect(endings).toEqual(clients.map(() => 'stopped'));
    // nginx met each stopped replica (connection refused) and passed the request on; nothing else went wrong
    const problems = nginx
      .stderr()
      .split('\n')
      .filter((l) => /\[(error|crit|alert|emerg)\]/.test(l));
    expect(problems.length).toBeGreaterThan(0);
    expect(
      problems.filter((l) => !l.includes('(111: Connection refused) while connecting to upstream')),
    ).toEqual([]);
  }, 120_000);
});
