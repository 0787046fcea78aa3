import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshotPaths } from './support/browser';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ensureGraphiqlBuilt } from './support/graphiql';

const EXAMPLE_COUNT = readdirSync(path.join(__dirname, '..', '..', 'examples')).filter((f) =>
  f.endsWith('.graphql'),
).length;

// A browser opening /graphql gets GraphiQL, served by this server: it loads with no request leaving
// the server's origin, opens the examples/ operations as tabs, runs one, and shows the docs, with
// introspection off (the schema comes from /schema.graphql).

let server: TestServer;
let off: TestServer;
let browser: Browser;
beforeAll(async () => {
  ensureGraphiqlBuilt();
  // production: introspection off, so GraphiQL must take the schema from /schema.graphql
  server = await startTestServer({ NODE_ENV: 'production' });
  off = await startTestServer({ GRAPHIQL: 'false' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await off?.close();
});

/** A page that refuses, and records, every request to another origin. */
async function offlinePage(origin: string): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext();
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return { page: await context.newPage(), foreign };
}

describe('GraphiQL at /graphql', () => {
  it('is what a browser gets, offline, with the examples as tabs, and runs one', async () => {
    const { page, foreign } = await offlinePage(server.address);
    const response = await page.goto(`${server.address}/graphql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.graphiql-container').waitFor();
    // one tab per file in examples/
    await page
      .locator('.graphiql-tab')
      .nth(EXAMPLE_COUNT - 1)
      .waitFor();
    expect(await page.locator('.graphiql-tab').count()).toBe(EXAMPLE_COUNT);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window', { hasText: '"data"' });
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).not.toContain('"errors"');
    for (const path of screenshotPaths('graphiql')) await page.screenshot({ path });
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('shows the schema documentation although introspection is off', async () => {
    const { page } = await offlinePage(server.address);
    await page.goto(`${server.address}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click({ timeout: 15_000 });
    await docs.getByText('diffLevels').first().waitFor();
    await page.context().close();
  });

  it('is off with GRAPHIQL=false: a browser gets the JSON refusal of the API, not a page', async () => {
    const answer = await fetch(`${off.address}/graphql`, { headers: { accept: 'text/html' } });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('leaves API clients unchanged: a GET with JSON Accept still gets JSON', async () => {
    const answer = await fetch(`${server.address}/graphql?query=${encodeURIComponent('{ tracks { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data: { tracks: unknown[] } };
    expect(body.data.tracks.length).toBeGreaterThan(0);
  });
});
