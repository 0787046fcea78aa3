import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { EXPLORER_ASSET_DIR, explorerPlugin } from '../../../src/server/explorer/plugin';
import { anonymousFramework, callerViewPlugin } from '../../../src/server/caller-view';
import { readConfig } from '../../../src/server/config';
import { ContentStore } from '../../../src/server/content-store';
import { authPlugin } from '../../../src/server/plugins/auth';
import { BUNDLED_CONTENT } from '../../support/bundled';

// The plugin on its own, as buildApp registers it: the shared services come from decorators, the
// caller's permission and view from the plugins buildApp registers before it.

interface ErrorBody {
  errors: { message: string; extensions: { code: string; requestId: string } }[];
}

let app: FastifyInstance;
let emptyDir: string;

beforeAll(async () => {
  const opened = await ContentStore.open(BUNDLED_CONTENT);
  if (!opened.ok) throw new Error('the bundled content did not load');
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-unbuilt-'));
  app = Fastify({ logger: false });
  app.decorate('config', readConfig({ CONTENT_DIR: BUNDLED_CONTENT }));
  app.decorate('store', opened.store);
  await app.register(authPlugin);
  await app.register(callerViewPlugin);
  await app.register(explorerPlugin, { assetDir: emptyDir });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(emptyDir, { recursive: true, force: true });
});

it('finds the built assets under dist/ whether it runs from src/ or dist/', () => {
  expect(EXPLORER_ASSET_DIR).toBe(path.join(__dirname, '..', '..', '..', 'dist', 'explorer', 'public'));
});

it('answers the pages with EXPLORER_NOT_BUILT when the browser code is missing', async () => {
  const response = await app.inject('/matrix');
  expect(response.statusCode).toBe(503);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json<ErrorBody>().errors[0]!.extensions).toEqual({
    code: 'EXPLORER_NOT_BUILT',
    requestId: expect.any(String),
  });
});

it('exports a track from the store it was given, and NOT_FOUND for any other file', async () => {
  const csv = await app.inject('/export/software-engineer.csv');
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['x-content-version']).toBe(anonymousFramework(app.store).version);
  // a weak validator from a cache in between still matches
  const again = await app.inject({
    url: '/export/software-engineer.csv',
    headers: { 'if-none-match': `W/${String(csv.headers.etag)}` },
  });
  expect(again.statusCode).toBe(304);

  const missing = await app.inject('/export/astronaut.csv');
  expect(missing.statusCode).toBe(404);
  expect(missing.json<ErrorBody>().errors[0]).toEqual({
    message: expect.stringContaining('/export/software-engineer.csv'),
    extensions: { code: 'NOT_FOUND', requestId: expect.any(String) },
  });
});
