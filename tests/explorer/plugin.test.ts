import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { EXPLORER_ASSET_DIR, explorerPlugin } from '../../src/explorer/server/plugin';
import { readConfig } from '../../src/server/config';
import { ContentStore } from '../../src/server/content-store';
import { BUNDLED_CONTENT } from '../support/bundled';

interface ErrorBody {
  errors: { message: string; extensions: { code: string; requestId: string } }[];
}

// The plugin on its own, as buildApp registers it: shared services come from decorators. Requests go
// over a real port because app.inject's light-my-request needs an ESM-only module jest cannot load on
// Node 20.

let app: FastifyInstance;
let emptyDir: string;
let address: string;

async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${address}${url}`, { headers });
}

beforeAll(async () => {
  const opened = await ContentStore.open(BUNDLED_CONTENT);
  if (!opened.ok) throw new Error('the bundled content did not load');
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-unbuilt-'));
  app = Fastify({ logger: false });
  app.decorate('config', readConfig({ CONTENT_DIR: BUNDLED_CONTENT }));
  app.decorate('store', opened.store);
  await app.register(explorerPlugin, { assetDir: emptyDir });
  address = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(emptyDir, { recursive: true, force: true });
});

it('finds the built assets under dist/ whether it runs from src/ or dist/', () => {
  expect(EXPLORER_ASSET_DIR).toBe(path.join(__dirname, '..', '..', 'dist', 'explorer', 'public'));
});

it('answers the pages with EXPLORER_NOT_BUILT when the browser code is missing', async () => {
  const response = await get('/matrix');
  expect(response.status).toBe(503);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(((await response.json()) as ErrorBody).errors[0]!.extensions).toEqual({
    code: 'EXPLORER_NOT_BUILT',
    requestId: expect.any(String),
  });
});

it('exports a track from the store it was given, and NOT_FOUND for any other file', async () => {
  const csv = await get('/export/software-engineer.csv');
  expect(csv.status).toBe(200);
  expect(csv.headers.get('x-content-version')).toBe(app.store.current.version);
  // a weak validator from a cache in between still matches
  const again = await get('/export/software-engineer.csv', {
    'if-none-match': `W/${csv.headers.get('etag')}`,
  });
  expect(again.status).toBe(304);

  const missing = await get('/export/astronaut.csv');
  expect(missing.status).toBe(404);
  expect(((await missing.json()) as ErrorBody).errors[0]).toEqual({
    message: expect.stringContaining('/export/software-engineer.csv'),
    extensions: { code: 'NOT_FOUND', requestId: expect.any(String) },
  });
});
