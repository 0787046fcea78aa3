import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { levelFile } from '../support/git-content';
import { startTestServer, type TestServer } from '../support/server';

// Content with a draft level on a published track and a track whose only level is a draft: neither
// may leave a trace (a count, a version, a label, an export) for a caller without the drafts permission.
const TOKEN = 'a-static-token-that-grants-drafts';
const TOKEN_SHA256 = createHash('sha256').update(TOKEN).digest('hex');
const DRAFT_EXPECTATION = 'I draft the demo strategy.';

function writeContent(dir: string, draftExpectation: string): void {
  const files: Record<string, string> = {
    'demo/track.md': '---\nname: Demo\n---\n',
    'demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
    'demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds on my own.']),
    'demo/L3.md': levelFile('L3', 3, 'Staff Demo', [draftExpectation], 'draft'),
    'skunkworks/track.md': '---\nname: Skunkworks\n---\n',
    'skunkworks/L1.md': levelFile('L1', 1, 'Skunk', ['I build what is not announced yet.'], 'draft'),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

const bearer = { authorization: `Bearer ${TOKEN}` };

async function graphql(server: TestServer, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { headers: response.headers, body: (await response.json()) as any };
}

const get = (server: TestServer, url: string, headers: Record<string, string> = {}) =>
  fetch(`${server.address}${url}`, { headers });

async function metricsVersion(server: TestServer): Promise<string | undefined> {
  const text = await (await get(server, '/metrics')).text();
  return /content_version_info\{version="([^"]+)"\} 1/.exec(text)?.[1];
}

/** Everything an anonymous caller and a drafts holder are told about the content's version. */
async function versionsSeen(server: TestServer) {
  const anonymous = await graphql(server, '{ framework { version } }');
  const holder = await graphql(server, '{ framework { version } }', bearer);
  const csv = await get(server, '/export/demo.csv');
  await csv.arrayBuffer();
  return {
    anonymous: {
      header: anonymous.headers.get('x-content-version'),
      graphql: anonymous.body.data.framework.version as string,
      metrics: await metricsVersion(server),
      csvEtag: csv.headers.get('etag'),
    },
    holder: holder.body.data.framework.version as string,
  };
}

describe('drafts leave no trace for a caller without the permission', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cfa-drafts-trace-'));
    writeContent(dir, DRAFT_EXPECTATION);
    server = await startTestServer({
      CONTENT_DIR: dir,
      CONTENT_WATCH: 'false',
      AUTH_TOKEN_SHA256: TOKEN_SHA256,
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/readyz counts the tracks and levels an anonymous GraphQL caller sees', async () => {
    const ready = (await (await get(server, '/readyz')).json()) as any;
    const seen = await graphql(server, '{ framework { version } tracks { id } levels { id } }');
    expect(ready.tracks).toBe(seen.body.data.tracks.length);
    expect(ready.levels).toBe(seen.body.data.levels.length);
    expect(ready.contentVersion).toBe(seen.body.data.framework.version);
  });

  it('keeps every version an anonymous caller sees through a draft-only edit, and changes the holder’s', async () => {
    const before = await versionsSeen(server);
    expect(before.anonymous.header).toBe(before.anonymous.graphql);
    expect(before.anonymous.metrics).toBe(before.anonymous.graphql);
    expect(before.holder).not.toBe(before.anonymous.graphql);

    writeContent(dir, 'I draft the demo strategy, and rewrite it.');
    const reloaded = await server.store.reload('test: draft-only edit');
    expect(reloaded.ok).toBe(true);

    const after = await versionsSeen(server);
    expect(after.anonymous).toEqual(before.anonymous);
    expect(after.holder).not.toBe(before.holder);
  });

  it('does not export a track whose levels are all drafts, nor list it, to an anonymous caller', async () => {
    const direct = await get(server, '/export/skunkworks.csv');
    expect(direct.status).toBe(404);
    expect(((await direct.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const missing = await get(server, '/export/nope.csv');
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as any;
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.stringify(body)).not.toContain('skunkworks');
    expect(JSON.stringify(body)).toContain('/export/demo.csv');
  });

  it('has no change feed for a track of drafts alone, and names no such track, for an anonymous caller', async () => {
    const feed = await get(server, '/changes.atom?track=skunkworks');
    expect(feed.status).toBe(404);
    const body = await feed.text();
    expect(JSON.parse(body).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(body).not.toContain('Skunk');
    expect(await (await get(server, '/changes.atom')).text()).not.toMatch(/skunk|Staff Demo/i);
    expect((await get(server, '/changes.atom?track=skunkworks', bearer)).status).toBe(200);
  });

  it('exports the draft levels as columns to a drafts holder, under an ETag of its own', async () => {
    const anonymous = await get(server, '/export/demo.csv');
    const anonymousCsv = await anonymous.text();
    const holder = await get(server, '/export/demo.csv', bearer);
    const holderCsv = await holder.text();
    expect(holder.status).toBe(200);
    expect(holderCsv.split('\r\n')[0]).toContain('L3: Staff Demo');
    expect(anonymousCsv.split('\r\n')[0]).not.toContain('L3');
    expect(holder.headers.get('etag')).not.toBe(anonymous.headers.get('etag'));
    expect(anonymous.headers.get('vary')).toMatch(/authorization/i);
    expect(holder.headers.get('vary')).toMatch(/authorization/i);
    // the anonymous validator does not revalidate the holder's file
    const revalidated = await get(server, '/export/demo.csv', {
      ...bearer,
      'if-none-match': String(anonymous.headers.get('etag')),
    });
    expect(revalidated.status).toBe(200);
    await revalidated.arrayBuffer();
    expect((await get(server, '/export/skunkworks.csv', bearer)).status).toBe(200);
  });
});

describe('/readyz with AUTH_REQUIRED=true', () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cfa-drafts-trace-'));
    writeContent(dir, DRAFT_EXPECTATION);
    server = await startTestServer({
      CONTENT_DIR: dir,
      CONTENT_WATCH: 'false',
      AUTH_TOKEN_SHA256: TOKEN_SHA256,
      AUTH_REQUIRED: 'true',
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports readiness and the history flag only: no counts, no content version', async () => {
    const response = await get(server, '/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', history: expect.any(Boolean) });
  });
});

describe('the caller view is the only way plugins reach the framework', () => {
  const ROOT = path.join(__dirname, '..', '..', 'src');
  const PLUGIN_DIRS = ['server/plugins', 'server/explorer'];
  // the unfiltered framework, or a decision about drafts taken outside src/server/caller-view.ts
  const FORBIDDEN = [/\bunfiltered\b/, /\bstore\.current\b/, /\bwithoutDrafts\b/];

  const files = PLUGIN_DIRS.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(dir, f)),
  );

  it('scans some plugin files', () => {
    expect(files).toEqual(expect.arrayContaining(['server/plugins/graphql.ts', 'server/explorer/plugin.ts']));
  });

  it.each(files)('%s reads the framework through the caller view only', (file) => {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    for (const pattern of FORBIDDEN) expect(source).not.toMatch(pattern);
  });
});
