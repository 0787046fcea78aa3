import { Client, fetchExchange } from '@urql/core';
import pino from 'pino';
import { readConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/start';
import { BUNDLED_CONTENT } from './bundled';

/** A real server on a free loopback port, and a real GraphQL client pointed at it. */
export interface TestServer extends RunningServer {
  readonly url: string;
  readonly client: Client;
  /** A client that sends queries with GET (and the CSRF header), as dashboards and CDNs do. */
  readonly getClient: Client;
}

export function clientFor(url: string, preferGet = false): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: preferGet ? 'force' : false,
    requestPolicy: 'network-only',
    fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
  });
}

/** Starts the real server (Fastify + Apollo + every limit) in this process. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', CONTENT_DIR: BUNDLED_CONTENT, ...env });
  const log = pino({ level: env.LOG_LEVEL ?? 'silent' });
  const result = await startServer(config, log);
  if (!result.ok) throw new Error(`server refused to start: ${JSON.stringify(result.problems)}`);
  const url = `${result.running.address}/graphql`;
  return { ...result.running, url, client: clientFor(url), getClient: clientFor(url, true) };
}

/** POSTs a raw body, for requests a well-behaved client would never send. */
export async function post(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: Headers; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, headers: response.headers, text };
}
