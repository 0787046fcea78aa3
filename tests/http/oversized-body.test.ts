import { connect } from 'node:net';
import { OVERSIZED_BODY_DRAIN_BYTES } from '../../src/server/oversized-body';
import { LIMITS } from '../../src/server/request-limits';
import { startTestServer, type TestServer } from '../support/server';

// A client that POSTs a body over the limit reads the 413 it is sent, instead of a reset because
// the server closed while the body was still on its way. The client reads nothing until it has
// written its whole body, as a simple client does, so a reset would discard the answer.

const TRIES = 30;
// over the limit, under the drain bound, and larger than this machine's loopback socket buffers
// take in at once, so that without the drain the client is still writing when the server closes
const OVERSIZED = Buffer.alloc(6 * 1024 * 1024, 'a');
const MIB = Buffer.alloc(1024 * 1024, 'a');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

interface Outcome {
  status?: number;
  code?: string;
  error?: string;
}

/** Writes the request whole before reading; resolves with the status and code, or the socket error. */
function postWholeThenRead(head: string, body: Buffer): Promise<Outcome> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    let received = '';
    let error: string | undefined;
    const socket = connect(Number(port), '127.0.0.1');
    socket.pause();
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => {
      const split = received.indexOf('\r\n\r\n');
      if (split < 0) return resolve({ error: error ?? 'NO_ANSWER' });
      const status = Number(received.split(' ')[1]);
      const code = JSON.parse(received.slice(split + 4)).errors[0].extensions.code;
      resolve({ status, code });
    });
    socket.write(head);
    socket.end(body, () => socket.resume());
  });
}

function contentLengthHead(length: number): string {
  return (
    'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${length}\r\n\r\n`
  );
}

function chunked(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
}

describe('a body over the limit', () => {
  it(`answers 413 PAYLOAD_TOO_LARGE to each of ${TRIES} oversized POSTs, never a reset`, async () => {
    expect(OVERSIZED.length).toBeGreaterThan(LIMITS.bodyBytes);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < TRIES; i++)
      outcomes.push(await postWholeThenRead(contentLengthHead(OVERSIZED.length), OVERSIZED));
    expect(outcomes).toEqual(
      Array.from({ length: TRIES }, () => ({ status: 413, code: 'PAYLOAD_TOO_LARGE' })),
    );
  });

  it('answers 413 PAYLOAD_TOO_LARGE to an oversized chunked body too', async () => {
    const head =
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      'Transfer-Encoding: chunked\r\n\r\n';
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 5; i++) outcomes.push(await postWholeThenRead(head, chunked(OVERSIZED)));
    expect(outcomes).toEqual(Array.from({ length: 5 }, () => ({ status: 413, code: 'PAYLOAD_TOO_LARGE' })));
  });

  it('cuts off a chunked body that goes on past the drain bound', async () => {
    const chunks = (4 * OVERSIZED_BODY_DRAIN_BYTES) / MIB.length;
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.resume();
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
    );
    let written = 0;
    for (let i = 0; i < chunks && !socket.destroyed; i++) {
      const frame = Buffer.concat([Buffer.from(`${MIB.length.toString(16)}\r\n`), MIB, Buffer.from('\r\n')]);
      const ok = await new Promise<boolean>((resolve) => socket.write(frame, (error) => resolve(!error)));
      if (ok) written += MIB.length;
    }
    await closed;
    expect(written).toBeLessThan(chunks * MIB.length);
  });
});
