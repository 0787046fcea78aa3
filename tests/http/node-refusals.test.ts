import { connect } from 'node:net';
import { startTestServer, type TestServer } from '../support/server';

// Requests Node refuses itself (no Host, an Expect it cannot meet) are answered in the project's
// error shape, so clients and log readers see one kind of error whatever refused them.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  json: any;
}

/** Writes raw bytes and reads until the server closes or the answer's Content-Length has arrived. */
function rawRequest(text: string): Promise<RawAnswer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let received = '';
    const finish = (): void => {
      const [head, ...rest] = received.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head!.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      socket.destroy();
      resolve({
        status: Number(statusLine!.split(' ')[1]),
        headers,
        json: JSON.parse(rest.join('\r\n\r\n')),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      const split = received.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(received.slice(0, split));
      if (split >= 0 && length && Buffer.byteLength(received.slice(split + 4)) >= Number(length[1])) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
  });
}

describe("Node's refusals in the error shape", () => {
  it('refuses a request without a Host header with BAD_REQUEST and a request id', async () => {
    const answer = await rawRequest('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answer.headers['x-request-id']).toBeTruthy();
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('refuses an Expect other than 100-continue with EXPECTATION_FAILED and a request id', async () => {
    const answer = await rawRequest(
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nExpect: foo\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(417);
    expect(answer.json.errors[0].extensions.code).toBe('EXPECTATION_FAILED');
    expect(answer.headers['x-request-id']).toBeTruthy();
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('still answers a request with a Host header', async () => {
    const answer = await rawRequest('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
  });
});
