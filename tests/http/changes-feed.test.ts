import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as git from 'isomorphic-git';
import Parser from 'rss-parser';
import { levelFile } from '../support/git-content';
import { issuerEnv, startIssuer, type TestIssuer } from '../support/jwks';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A history of four commits on main: v1 (tagged, two tracks), a reworded L2 of demo (tagged v2), a
 * draft level alone (a version for drafts holders only), and a new platform level.
 */
async function feedHistory(): Promise<{ contentDir: string; remove(): void; commits: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfa-feed-'));
  let day = 0;
  const commit = async (message: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
      await git.add({ fs, dir, filepath: file });
    }
    const who = {
      name: 'T',
      email: 't@example.com',
      timestamp: 1_767_225_600 + day++ * 86_400,
      timezoneOffset: 0,
    };
    return git.commit({ fs, dir, message, author: who, committer: who });
  };
  await git.init({ fs, dir, defaultBranch: 'main' });
  const v1 = await commit('First framework', {
    'content/demo/track.md': '---\nname: Demo\n---\n',
    'content/demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds on my own.']),
    'content/platform/track.md': '---\nname: Platform\n---\n',
    'content/platform/L1.md': levelFile('L1', 1, 'Platform Engineer', ['I keep the clusters patched.']),
  });
  await git.tag({ fs, dir, ref: 'v1', object: v1 });
  const v2 = await commit('Demo L2 grows: flaky tests & <builds>', {
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds and flaky tests on my own.']),
  });
  await git.tag({ fs, dir, ref: 'v2', object: v2 });
  const secret = await commit('Secret reorganisation draft', {
    'content/demo/L3.md': levelFile('L3', 3, 'Secret Demo', ['I plan the secret thing.'], 'draft'),
  });
  const platform = await commit('Platform L2', {
    'content/platform/L2.md': levelFile('L2', 2, 'Senior Platform Engineer', ['I design the clusters.']),
  });
  return {
    contentDir: path.join(dir, 'content'),
    commits: [v1, v2, secret, platform],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let history: Awaited<ReturnType<typeof feedHistory>>;
let issuer: TestIssuer;
let server: TestServer;

beforeAll(async () => {
  history = await feedHistory();
  issuer = await startIssuer();
  server = await startTestServer({ CONTENT_DIR: history.contentDir, ...issuerEnv(issuer) });
});
afterAll(async () => {
  await server.close();
  await issuer.close();
  history.remove();
});

const feedUrl = (query = '') => `${server.address}/changes.atom${query}`;
const fetchFeed = (query = '', headers: Record<string, string> = {}) => fetch(feedUrl(query), { headers });
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['entry', 'link', 'category', 'li'].includes(name),
});

describe('GET /changes.atom', () => {
  it('is well-formed Atom with the elements RFC 4287 requires, one entry per published version, newest first', async () => {
    const response = await fetchFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const body = await response.text();
    expect(XMLValidator.validate(body)).toBe(true);
    const { feed } = xml.parse(body);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const required of ['id', 'title', 'updated', 'author']) expect(feed[required]).toBeDefined();
    expect(feed.link.find((l: any) => l['@rel'] === 'self')['@href']).toBe(feedUrl());
    const entries = feed.entry as any[];
    // the draft-only commit is not a version for an anonymous caller
    expect(entries.map((e) => e.title)).toEqual([
      'Platform L2',
      'Demo L2 grows: flaky tests & <builds>',
      'First framework',
    ]);
    for (const entry of entries) {
      for (const required of ['id', 'title', 'updated']) expect(entry[required]).toBeDefined();
      expect(new Date(entry.updated).toISOString()).toBe(entry.updated);
    }
    expect(feed.updated).toBe(entries[0].updated);
    expect(entries[1].category.map((c: any) => c['@term'])).toEqual(['v2']);
    const grown = entries[1].content.div.ul.li.map((li: any) => li.a['#text']);
    expect(grown).toEqual(['demo/L2: Demo']);
    expect(entries[1].summary).toBe('demo/L2 changed (+0 −0 ~1)');
    expect(entries[2].summary).toMatch(/^demo\/L1 added \(\+1 −0 ~0\); demo\/L2 added/);
  });

  it('links each entry to the What changed page for its step', async () => {
    const { feed } = xml.parse(await (await fetchFeed()).text());
    const [v1, v2] = history.commits;
    const link = feed.entry[1].link[0];
    expect(link['@rel']).toBe('alternate');
    expect(link['@href']).toBe(`${server.address}/changes?since=${v1}&until=${v2}`);
    expect(feed.entry[1].id).toBe(link['@href']);
  });

  it('is read by a feed reader library as an Atom feed', async () => {
    const reader = await new Parser().parseURL(feedUrl());
    expect(reader.title).toBe('Career framework changes');
    expect(reader.items.map((i) => i.title)).toEqual([
      'Platform L2',
      'Demo L2 grows: flaky tests & <builds>',
      'First framework',
    ]);
    expect(reader.items[0]!.link).toContain('/changes?since=');
  });

  it('filters by track, and answers an unknown or repeated track with its code', async () => {
    const { feed } = xml.parse(await (await fetchFeed('?track=demo')).text());
    expect(feed.entry.map((e: any) => e.title)).toEqual([
      'Demo L2 grows: flaky tests & <builds>',
      'First framework',
    ]);
    expect(feed.entry[1].content.div.ul.li.map((li: any) => li.a['#text'])).toEqual([
      'demo/L1: Junior Demo',
      'demo/L2: Demo',
    ]);
    expect(feed.title).toBe('Demo: career framework changes');
    const unknown = await fetchFeed('?track=nope');
    expect([unknown.status, ((await unknown.json()) as any).errors[0].extensions.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    const twice = await fetchFeed('?track=demo&track=platform');
    expect([twice.status, ((await twice.json()) as any).errors[0].extensions.code]).toEqual([
      400,
      'BAD_USER_INPUT',
    ]);
  });

  it('answers a conditional GET with 304 until the view changes', async () => {
    const first = await fetchFeed();
    const etag = first.headers.get('etag')!;
    expect((await fetchFeed('', { 'if-none-match': etag })).status).toBe(304);
    expect((await fetchFeed('?track=demo', { 'if-none-match': etag })).status).toBe(200);
    const token = await issuer.token({ scope: 'drafts' });
    const drafts = await fetchFeed('', { 'if-none-match': etag, authorization: `Bearer ${token}` });
    expect(drafts.status).toBe(200);
    expect(drafts.headers.get('vary')).toMatch(/authorization/i);
  });

  it('shows a draft-only version and draft levels only with the drafts permission', async () => {
    const anonymous = await (await fetchFeed()).text();
    expect(anonymous).not.toMatch(/secret/i);
    const token = await issuer.token({ scope: 'drafts' });
    const response = await fetchFeed('', { authorization: `Bearer ${token}` });
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    const { feed } = xml.parse(await response.text());
    expect(feed.entry.map((e: any) => e.title)).toContain('Secret reorganisation draft');
    expect(feed.entry[1].content.div.ul.li.map((li: any) => li.a['#text'])).toEqual(['demo/L3: Secret Demo']);
  });
});

describe('a tag added later', () => {
  it('is a new feed: the old ETag no longer matches and the entry carries the tag', async () => {
    const first = await fetchFeed();
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    const repo = path.dirname(history.contentDir);
    await git.tag({ fs, dir: repo, ref: 'v1.0', object: history.commits[0]! });
    // a tag changes no content file: the next reload (SIGHUP, or a content edit) reads the refs again
    await server.store.reload('test');
    const again = await fetchFeed('', { 'if-none-match': etag });
    expect(again.status).toBe(200);
    const { feed } = xml.parse(await again.text());
    const oldest = feed.entry[feed.entry.length - 1];
    expect(oldest.category.map((c: any) => c['@term'])).toEqual(['v1', 'v1.0']);
  });
});
