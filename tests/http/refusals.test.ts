import net from 'node:net';
import { startTestServer, type TestServer } from '../support/server';

// Refusals that Node or Fastify make before any route runs still answer in the project's error
// shape, with a request id and nosniff, and a client that sends too slowly is cut off.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '1000' });
});
afterAll(() => server.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
  /** Bytes of the request still unsent when the server answered. */
  unsent: number;
}

/** Sends `head` then `body` one byte every `gapMs`, and reads the answer until the server closes. */
function sendRaw(head: string, body = '', gapMs = 0): Promise<RawAnswer> {
  const { port } = new URL(server.address);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      if (gapMs === 0) {
        socket.write(body);
        sent = body.length;
        return;
      }
      timer = setInterval(() => {
        if (sent >= body.length || socket.destroyed) return clearInterval(timer);
        socket.write(body[sent++]!);
      }, gapMs);
    });
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      const [top = '', text = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      if (!statusLine) return reject(new Error('no answer'));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: json, unsent: body.length - sent });
    });
  });
}

function expectProjectShape(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.body?.errors?.[0]?.extensions?.code).toBe(code);
  expect(answer.body.errors[0].extensions.requestId).toBe(answer.headers['x-request-id']);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
}

describe('refusals before any route', () => {
  it('a URL that is not valid percent-encoding', async () => {
    const answer = await sendRaw('GET /export/%ff.csv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expectProjectShape(answer, 400, 'BAD_REQUEST');
  });

  it('a path parameter over its length limit', async () => {
    const answer = await sendRaw(
      `GET /export/${'a'.repeat(300)}.csv HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expectProjectShape(answer, 414, 'URI_TOO_LONG');
  });

  it('headers over the size limit', async () => {
    const answer = await sendRaw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectProjectShape(answer, 431, 'HEADERS_TOO_LARGE');
  });

  it('conflicting Content-Length and Transfer-Encoding', async () => {
    const answer = await sendRaw(
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
      '0\r\n\r\n',
    );
    expectProjectShape(answer, 400, 'BAD_REQUEST');
  });
});

describe('slow clients', () => {
  it('closes a body that arrives a byte at a time before it is complete', async () => {
    const body = JSON.stringify({ query: `{ tracks { id } } #${'x'.repeat(60)}` });
    const answer = await sendRaw(
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
      100,
    );
    expectProjectShape(answer, 408, 'REQUEST_TIMEOUT');
    expect(answer.unsent).toBeGreaterThan(0);
  });

  it('closes headers that never finish', async () => {
    const headers = 'GET /healthz HTTP/1.1\r\nHost: x\r\n' + 'X-Slow: 1\r\n'.repeat(40);
    const answer = await sendRaw('', headers, 100);
    expectProjectShape(answer, 408, 'REQUEST_TIMEOUT');
    expect(answer.unsent).toBeGreaterThan(0);
  });
});
