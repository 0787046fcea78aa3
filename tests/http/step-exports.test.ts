import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gql } from '@urql/core';
import { parse } from 'csv-parse/sync';
import * as git from 'isomorphic-git';
import { CHECKLIST_COLUMNS } from '../../src/server/plugins/checklist-export';
import { ITEM_ROW_COLUMNS } from '../../src/server/explorer/csv';
import { startTestServer, type TestServer } from '../support/server';

const TOKEN = 'a-static-token-that-grants-drafts';

/** A level of a cumulative track with an attribute row and one competency of expectations and examples. */
function level(
  code: string,
  rank: number,
  title: string,
  expectations: string[],
  examples: string[],
  status = '',
) {
  const front = status ? `---\nstatus: ${status}\n---\n` : '';
  return `${front}# ${code}: ${title}

> _I am ${title.toLowerCase()}._

- **Planning horizon**: ${rank === 1 ? 'Current task' : 'Current cycle'}
- **Impact radius**: ${rank === 1 ? 'Self' : 'Team'}

## 🦉 Domain expertise

${expectations.map((e) => `- ${e}`).join('\n')}

<details>
<summary>Examples</summary>

${examples.map((e) => `- ${e}`).join('\n')}

</details>
`;
}

/** One commit, tagged v1, of a cumulative track whose L2 grows one L1 item, adds one and keeps one. */
async function content(): Promise<{ dir: string; commit: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfa-step-'));
  const files: Record<string, string> = {
    'content/demo/track.md': '---\nname: Demo\nprogression: cumulative\n---\n',
    'content/demo/L1.md': level(
      'L1',
      1,
      'Junior Demo',
      ['I fix failing builds in my own code with guidance.', 'I write tests for the code I change.'],
      ['Fixed the nightly build.'],
    ),
    'content/demo/L2.md': level(
      'L2',
      2,
      'Demo',
      [
        'I fix failing builds and flaky tests in my own code without guidance.',
        '=HYPERLINK("x") I review my peers’ changes.',
      ],
      ['Cut the flaky test rate in half.'],
    ),
    'content/demo/L3.md': level(
      'L3',
      3,
      'Secret Demo',
      ['I plan the secret thing.'],
      ['Secret example.'],
      'draft',
    ),
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    await git.add({ fs, dir, filepath: file });
  }
  await git.init({ fs, dir, defaultBranch: 'main' });
  const who = { name: 'T', email: 't@example.com', timestamp: 1_767_225_600, timezoneOffset: 0 };
  for (const file of Object.keys(files)) await git.add({ fs, dir, filepath: file });
  const commit = await git.commit({ fs, dir, message: 'Framework', author: who, committer: who });
  await git.tag({ fs, dir, ref: 'v1', object: commit });
  return { dir, commit };
}

let repo: { dir: string; commit: string };
let server: TestServer;
beforeAll(async () => {
  repo = await content();
  server = await startTestServer({
    CONTENT_DIR: path.join(repo.dir, 'content'),
    CONTENT_WATCH: 'false',
    AUTH_TOKEN_SHA256: createHash('sha256').update(TOKEN).digest('hex'),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(repo.dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${server.address}${url}`, { headers });
const step = (format: string, from = 'demo/L1', to = 'demo/L2') =>
  `/export/checklist.${format}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
const rowsOf = (text: string): any[] => parse(text, { bom: true, columns: true });

describe('the step checklist as files', () => {
  it('GraphQL and both files hold the same new and grown items, and state the commit and tags', async () => {
    const { data, error } = await server.client
      .query(
        gql`
          query Step($from: ID!, $to: ID!) {
            stepChecklist(from: $from, to: $to) {
              items {
                status
                grownFrom
                expectation {
                  text
                }
              }
              framework {
                version
                commit {
                  id
                  shortId
                  tags
                }
              }
            }
          }
        `,
        { from: 'demo/L1', to: 'demo/L2' },
      )
      .toPromise();
    expect(error).toBeUndefined();
    const checklist = data.stepChecklist;
    expect(checklist.items.map((i: any) => i.status).sort()).toEqual(['ADDED', 'CHANGED']);
    expect(checklist.framework.commit).toMatchObject({ id: repo.commit, tags: ['v1'] });

    const md = await get(step('md'));
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe(
      'attachment; filename="checklist-demo_L1-to-demo_L2.md"',
    );
    const text = await md.text();
    expect(text).toContain(`commit ${checklist.framework.commit.shortId} (v1)`);
    expect(text).toContain(checklist.framework.version);
    const tasks = text.split('\n').filter((l) => l.startsWith('- [ ] '));
    expect(tasks.map((l) => l.slice(6))).toEqual(checklist.items.map((i: any) => i.expectation.text));
    // kept from L1 and still expected: not a thing to show evidence for at this step
    expect(text).not.toContain('I write tests for the code I change.');

    const csv = await get(step('csv'));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = await csv.text();
    expect(parse(body, { bom: true })[0]).toEqual([...CHECKLIST_COLUMNS]);
    const rows = rowsOf(body);
    expect(rows.map((r) => [r.status, r.expectation.replace(/^'/, ''), r.grown_from])).toEqual(
      checklist.items.map((i: any) => [
        i.status === 'ADDED' ? 'new' : 'grown',
        i.expectation.text,
        i.grownFrom ?? '',
      ]),
    );
    for (const row of rows) {
      expect([row.framework_commit, row.framework_tags, row.framework_content]).toEqual([
        repo.commit,
        'v1',
        checklist.framework.version,
      ]);
      expect(row.evidence).toBe('');
    }
    // a cell a spreadsheet would run as a formula is written as text
    expect(rows.some((r) => r.expectation.startsWith(`'=HYPERLINK`))).toBe(true);
  });

  it('revalidates by ETag, and refuses a missing or unknown level with BAD_USER_INPUT', async () => {
    const first = await get(step('csv'));
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('vary')).toMatch(/authorization/i);
    expect((await get(step('csv'), { 'if-none-match': etag })).status).toBe(304);
    expect((await get(step('md'))).headers.get('etag')).not.toBe(etag);
    for (const url of [
      '/export/checklist.md?from=demo/L1',
      step('csv', 'demo/L1', 'demo/L9'),
      step('md', 'demo/L1', 'demo/L1@nope'),
    ]) {
      const response = await get(url);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('makes a checklist to a draft level only for the drafts permission', async () => {
    const anonymous = await get(step('md', 'demo/L2', 'demo/L3'));
    expect(anonymous.status).toBe(400);
    expect(await anonymous.text()).not.toMatch(/secret/i);
    const holder = await get(step('md', 'demo/L2', 'demo/L3'), { authorization: `Bearer ${TOKEN}` });
    expect(holder.status).toBe(200);
    expect(holder.headers.get('cache-control')).toBe('private, no-cache');
    expect(await holder.text()).toContain('I plan the secret thing.');
  });
});

describe('GET /export/<track>.csv?rows=items', () => {
  it('has a row per expectation and example, with the level and its attributes in documented columns', async () => {
    const response = await get('/export/demo.csv?rows=items');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="demo-items.csv"');
    const body = await response.text();
    expect(parse(body, { bom: true })[0]).toEqual([
      ...ITEM_ROW_COLUMNS.level,
      'Planning horizon',
      'Impact radius',
      ...ITEM_ROW_COLUMNS.item,
    ]);
    const rows = rowsOf(body);
    expect(rows.map((r) => [r.code, r.kind, r.position])).toEqual([
      ['L1', 'expectation', '1'],
      ['L1', 'expectation', '2'],
      ['L1', 'example', '1'],
      ['L2', 'expectation', '1'],
      ['L2', 'expectation', '2'],
      ['L2', 'example', '1'],
    ]);
    expect(rows[0]).toMatchObject({
      'Impact radius': 'Self',
      competency: 'Domain expertise',
      status: 'published',
    });
    expect(rows[3]!['Planning horizon']).toBe('Current cycle');
    expect(body).not.toMatch(/secret/i);
    const holder = rowsOf(
      await (await get('/export/demo.csv?rows=items', { authorization: `Bearer ${TOKEN}` })).text(),
    );
    expect(holder.filter((r) => r.code === 'L3').map((r) => r.status)).toEqual(['draft', 'draft']);
  });

  it('refuses any other rows value, and rows with a profile, with BAD_USER_INPUT', async () => {
    for (const query of ['?rows=cells', '?rows=items&profile=15five', '?rows=']) {
      const response = await get(`/export/demo.csv${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
