import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page on a loopback port of its own, so on an origin other than the server's. */
export interface Host {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves the HTML `render` returns for each request's URL: a dashboard that frames embeds. */
export async function startHost(render: (url: URL) => string): Promise<Host> {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(render(new URL(request.url ?? '/', 'http://x')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
