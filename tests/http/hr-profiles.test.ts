import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { levelFile } from '../support/git-content';
import { startTestServer, type TestServer } from '../support/server';

const TOKEN = 'a-static-token-that-grants-drafts';

/** A cumulative track with a draft level and a cell that a spreadsheet would run as a formula. */
function writeContent(dir: string): void {
  const files: Record<string, string> = {
    'demo/track.md': '---\nname: Demo\nprogression: cumulative\n---\n',
    'demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.', '=HYPERLINK("x")']),
    'demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds on my own.']),
    'demo/L3.md': levelFile('L3', 3, 'Secret Demo', ['I plan the secret thing.'], 'draft'),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cfa-hr-'));
  writeContent(dir);
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

async function rows(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.address}/export/demo.csv${query}`, { headers });
  const text = await response.text();
  return { response, text, rows: parse(text, { bom: true }) as string[][] };
}

describe('HR-tool CSV profiles of /export/<track>.csv', () => {
  it("writes 15Five's career path columns, a job title per level with everything it expects", async () => {
    const { response, rows: table } = await rows('?profile=15five');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="demo-15five.csv"');
    expect(table[0]).toEqual(['Path', 'Job title', 'Competency', 'Skill', 'Key behavior']);
    const demo = table.slice(1).filter((r) => r[1] === 'Demo');
    // a cumulative track: L2 holds what L1 states as well as its own
    expect(demo.map((r) => r[4])).toEqual(
      expect.arrayContaining(['I learn the system with help.', 'I fix failing builds on my own.']),
    );
    expect(table.slice(1).every((r) => r[0] === 'Demo' && r[2] === 'Domain expertise' && r[3] === '')).toBe(
      true,
    );
    // a formula is written as text
    expect(table.some((r) => r[4] === `'=HYPERLINK("x")`)).toBe(true);
  });

  it("writes Culture Amp's competency columns, one row per competency with a description per level", async () => {
    const { rows: table } = await rows('?profile=cultureamp');
    expect(table[0]).toEqual([
      'Title',
      'Description',
      'Level 1 name',
      'Level 1 description',
      'Level 2 name',
      'Level 2 description',
      'Learning resources',
    ]);
    expect(table).toHaveLength(2);
    expect(table[1]![0]).toBe('Domain expertise');
    expect(table[1]![2]).toBe('L1: Junior Demo');
    expect(table[1]![3]).toBe(`* I learn the system with help.\n* =HYPERLINK("x")`);
    expect(table[1]![5]).toBe('* I fix failing builds on my own.');
  });

  it('shows a draft level only to a drafts holder, under an ETag of its own per profile', async () => {
    const anonymous = await rows('?profile=15five');
    expect(anonymous.text).not.toMatch(/secret/i);
    const holder = await rows('?profile=15five', { authorization: `Bearer ${TOKEN}` });
    expect(holder.rows.some((r) => r[1] === 'Secret Demo')).toBe(true);
    expect(holder.response.headers.get('etag')).not.toBe(anonymous.response.headers.get('etag'));
    const matrix = await rows('');
    expect(matrix.response.headers.get('etag')).not.toBe(anonymous.response.headers.get('etag'));
    const again = await fetch(`${server.address}/export/demo.csv?profile=15five`, {
      headers: { 'if-none-match': anonymous.response.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('refuses an unknown profile with BAD_USER_INPUT', async () => {
    const response = await fetch(`${server.address}/export/demo.csv?profile=workday`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
