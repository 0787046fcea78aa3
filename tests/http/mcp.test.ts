import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { BUNDLED_CONTENT } from '../support/bundled';
import { levelFile } from '../support/git-content';
import { startTestServer, type TestServer } from '../support/server';

/** The SDK's own client over Streamable HTTP, as an assistant connects. */
async function connect(server: TestServer, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'test-assistant', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.address}/mcp`), { requestInit: { headers } }),
  );
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { type: string; text: string }[];
  };
  return { isError: result.isError ?? false, value: JSON.parse(result.content[0]!.text) };
}

describe('/mcp on the bundled content', () => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await startTestServer({ CONTENT_DIR: BUNDLED_CONTENT });
    client = await connect(server);
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('lists read-only tools, each with a description an assistant can choose by', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'diff_levels',
      'get_level',
      'list_tracks',
      'search',
      'step_checklist',
      'what_changed',
    ]);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(80);
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('lists the tracks and looks up a level with everything it expects', async () => {
    const tracks = (await call(client, 'list_tracks')).value as any[];
    const sre = tracks.find((t) => t.id === 'site-reliability-engineer');
    expect(sre.progression).toBe('cumulative');
    expect(sre.levels.map((l: any) => l.code)).toContain('L3');
    const { value: level } = await call(client, 'get_level', { id: 'site-reliability-engineer/L3' });
    expect(level.code).toBe('L3');
    // on a cumulative track L3 still expects what L1 states and nothing above it has grown
    expect(level.expected.some((e: any) => e.statedAt === 'L1')).toBe(true);
    expect(level.expected.some((e: any) => e.statedAt === 'L3')).toBe(true);
  });

  it("diffs two levels in the reader's view: nothing L3 still expects is 'no longer expected'", async () => {
    const { value: diff } = await call(client, 'diff_levels', {
      from: 'site-reliability-engineer/L2',
      to: 'site-reliability-engineer/L3',
    });
    expect(diff.summary.added).toBeGreaterThan(0);
    const gone = diff.competencies.flatMap((c: any) => c.noLongerExpected);
    expect(gone).toEqual([]);
    expect(diff.competencies.some((c: any) => c.grown.length > 0)).toBe(true);
  });

  it("gives a step's checklist: only what is new or grown, each grown item with what it grew from", async () => {
    const args = { from: 'site-reliability-engineer/L2', to: 'site-reliability-engineer/L3' };
    const { value: checklist } = await call(client, 'step_checklist', args);
    const { value: diff } = await call(client, 'diff_levels', args);
    const listed = (c: any) => [c.competency, c.new, c.grown];
    const fromDiff = diff.competencies
      .filter((c: any) => c.new.length + c.grown.length > 0)
      .map((c: any) => [c.competency, c.new, c.grown]);
    expect(checklist.competencies.map(listed)).toEqual(fromDiff);
    expect(checklist.to.id).toBe(args.to);
    const unknown = await call(client, 'step_checklist', { ...args, to: 'site-reliability-engineer/L9' });
    expect([unknown.isError, unknown.value.code]).toEqual([true, 'BAD_USER_INPUT']);
  });

  it('searches, and refuses an unknown level with its code and suggestions', async () => {
    const { value: hits } = await call(client, 'search', { query: 'incident review', limit: 3 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    const unknown = await call(client, 'get_level', { id: 'site-reliability-engineer/L33' });
    expect(unknown.isError).toBe(true);
    expect(unknown.value.code).toBe('BAD_USER_INPUT');
    expect(unknown.value.suggestions).toContain('site-reliability-engineer/L3');
    const noHistory = await call(client, 'what_changed', { since: 'v1' });
    expect([noHistory.isError, noHistory.value.code]).toEqual([true, 'BAD_USER_INPUT']);
  });

  it('holds the same limits as the API: an over-long query or limit is refused, not run', async () => {
    const long = (await client.callTool({ name: 'search', arguments: { query: 'x'.repeat(201) } })) as any;
    expect(long.isError).toBe(true);
    const many = (await client.callTool({
      name: 'search',
      arguments: { query: 'review', limit: 1000 },
    })) as any;
    expect(many.isError).toBe(true);
  });

  it('answers GET with 405, as a stateless endpoint has no event stream', async () => {
    const response = await fetch(`${server.address}/mcp`);
    expect(response.status).toBe(405);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('/mcp and drafts', () => {
  const TOKEN = 'a-static-token-that-grants-drafts';
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cfa-mcp-'));
    const files: Record<string, string> = {
      'demo/track.md': '---\nname: Demo\n---\n',
      'demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
      'demo/L2.md': levelFile('L2', 2, 'Secret Demo', ['I plan the secret thing.'], 'draft'),
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    server = await startTestServer({
      CONTENT_DIR: dir,
      CONTENT_WATCH: 'false',
      AUTH_TOKEN_SHA256: createHash('sha256').update(TOKEN).digest('hex'),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a draft level only to a bearer token with the drafts permission', async () => {
    const anonymous = await connect(server);
    expect(JSON.stringify((await call(anonymous, 'list_tracks')).value)).not.toMatch(/secret/i);
    const lookup = await call(anonymous, 'get_level', { id: 'demo/L2' });
    expect(lookup.isError).toBe(true);
    expect(JSON.stringify(lookup.value.suggestions)).not.toContain('L2');
    expect(JSON.stringify((await call(anonymous, 'search', { query: 'secret' })).value)).toBe('[]');
    const step = await call(anonymous, 'step_checklist', { from: 'demo/L1', to: 'demo/L2' });
    expect(step.isError).toBe(true);
    expect(JSON.stringify(step.value)).not.toMatch(/secret/i);
    await anonymous.close();

    const holder = await connect(server, { authorization: `Bearer ${TOKEN}` });
    expect((await call(holder, 'get_level', { id: 'demo/L2' })).value.title).toBe('Secret Demo');
    await holder.close();
  });

  it('refuses an invalid token with 401 UNAUTHORIZED, as the API does', async () => {
    const response = await fetch(`${server.address}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: 'Bearer wrong',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHORIZED');
  });
});
