import { createServer, type Server } from 'node:net';
import { BUNDLED_CONTENT } from '../support/bundled';
import { cleanup, spawnServer, type ChildServer } from '../support/child';

// An operator who starts a second server on a taken port reads one line saying what to change,
// not a Node stack trace.

let holder: Server;
let port: number;
let child: ChildServer | undefined;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  port = (holder.address() as { port: number }).port;
});
afterAll(async () => {
  cleanup(child);
  await new Promise((resolve) => holder.close(resolve));
});

describe('starting on a port in use', () => {
  it('exits 1 with one line naming the port, without a stack trace', async () => {
    child = spawnServer({ PORT: String(port), CONTENT_DIR: BUNDLED_CONTENT, LOG_LEVEL: 'silent' });
    expect(await child.exited).toBe(1);
    const lines = child
      .stderr()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(String(port));
    expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
  });
});
