import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const INSTALL_HINT =
  'nginx is not installed: run `apt-get install -y nginx` (it is listed in .ci/apt-packages, ' +
  'which .ci/run installs), or set NGINX_PATH to an nginx binary';

/** The nginx binary: NGINX_PATH, else Debian's; throws saying how to install it. */
export function findNginx(): string {
  const candidates = [
    process.env.NGINX_PATH,
    '/usr/sbin/nginx',
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'nginx')),
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(INSTALL_HINT);
}

/** A port nothing listens on at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** nginx in front of replicas, as a child process of the test. */
export interface Nginx {
  /** e.g. http://127.0.0.1:38211 */
  readonly origin: string;
  readonly process: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * The load balancer in front of the replicas, as an operator would configure it: keep-alive
 * connections to the upstreams, and a request that meets a refused or reset connection, a timeout
 * or a 503 is passed to the other replica. `max_fails=0` keeps nginx from marking a restarting
 * replica down for `fail_timeout`: the retry already covers its absence, and it gets traffic again as
 * soon as it listens.
 */
export function nginxConfig(dir: string, port: number, upstreams: readonly number[]): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream replicas {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout http_503;
      proxy_connect_timeout 2s;
    }
  }
}
`;
}

/** Starts nginx on a free loopback port in front of the given replica ports; resolves once it listens. */
export async function startNginx(upstreams: readonly number[]): Promise<Nginx> {
  const binary = findNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig(dir, port, upstreams));
  // -e: the error log before the configuration is read, so nothing is written under /var/log
  const child = spawn(binary, ['-e', 'stderr', '-p', dir, '-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start: ${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { origin: `http://127.0.0.1:${port}`, process: child, stderr: () => err, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
