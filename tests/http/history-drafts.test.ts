import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app';
import { levelFile } from '../support/git-content';

const STATIC_TOKEN = 'a-token-for-the-draft-history';
const DRAFT_SUBJECT = 'Draft L6 Distinguished Demo and the Skunkworks track';
const HIDDEN_SUBJECT = 'Unpublished experiment on a side branch';

/**
 * main: first → published (adds demo/L3, rewords demo/L2) → drafts (only a draft demo/L6 and a
 * track of drafts alone, HEAD). A side branch holds one commit whose hash starts with the same four
 * digits as `published` (and the content of `published` on top of `first`).
 */
interface DraftHistory {
  readonly repo: string;
  readonly first: string;
  readonly published: string;
  readonly drafts: string;
  readonly hidden: string;
}

function buildDraftHistory(): DraftHistory {
  const repo = fs.mkdtempSync(path.join(tmpdir(), 'cfa-draft-history-'));
  let day = 0;
  const run = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
        GIT_AUTHOR_DATE: `${1_767_225_600 + day * 86_400} +0000`,
        GIT_COMMITTER_DATE: `${1_767_225_600 + day * 86_400} +0000`,
      },
    }).trim();
  const commit = (message: string, files: Record<string, string>): string => {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    }
    run('add', '-A');
    run('commit', '-q', '-m', message);
    day++;
    return run('rev-parse', 'HEAD');
  };
  run('init', '-q', '-b', 'main');
  const first = commit('First framework', {
    'content/demo/track.md': '---\nname: Demo\n---\n',
    'content/demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds on my own.']),
  });
  const published = commit('Publish L3 and reword L2', {
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds and flaky tests.']),
    'content/demo/L3.md': levelFile('L3', 3, 'Senior Demo', ['I own the release process.']),
  });
  const drafts = commit(DRAFT_SUBJECT, {
    'content/demo/L6.md': levelFile('L6', 6, 'Distinguished Demo', ['I set the course.'], 'draft'),
    'content/skunkworks/track.md': '---\nname: Skunkworks\n---\n',
    'content/skunkworks/L1.md': levelFile('L1', 1, 'Skunk', ['I build in secret.'], 'draft'),
  });
  // a commit on an unpublished branch whose hash shares its first four digits with `published`
  const tree = run('rev-parse', `${published}^{tree}`);
  const want = published.slice(0, 4);
  let body = '';
  for (let nonce = 0; nonce < 10_000_000; nonce++) {
    const candidate =
      `tree ${tree}\nparent ${first}\nauthor Test <test@example.com> 1767225600 +0000\n` +
      `committer Test <test@example.com> 1767225600 +0000\n\n${HIDDEN_SUBJECT} ${nonce}\n`;
    const oid = createHash('sha1')
      .update(`commit ${Buffer.byteLength(candidate)}\0${candidate}`)
      .digest('hex');
    if (oid.startsWith(want)) {
      body = candidate;
      break;
    }
  }
  if (body === '') throw new Error('no colliding commit found');
  const hidden = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
    cwd: repo,
    input: body,
    encoding: 'utf8',
  }).trim();
  run('update-ref', 'refs/heads/side', hidden);
  return { repo, first, published, drafts, hidden };
}

let history: DraftHistory;
let app: FastifyInstance;

beforeAll(async () => {
  history = buildDraftHistory();
  app = await buildTestApp({
    CONTENT_DIR: path.join(history.repo, 'content'),
    AUTH_TOKEN_SHA256: createHash('sha256').update(STATIC_TOKEN).digest('hex'),
  });
});
afterAll(async () => {
  await app?.close();
  if (history) fs.rmSync(history.repo, { recursive: true, force: true });
});

async function send(query: string, bearer?: string) {
  const headers = bearer === undefined ? {} : { authorization: `Bearer ${bearer}` };
  const response = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query } });
  return { text: response.body, body: response.json() };
}

// every surface that names versions or their subjects
const HISTORY_SURFACES = `{
  versions(limit: 100) { id subject }
  framework { commit { id subject } }
  head: version(ref: "HEAD") { id subject }
  main: version(ref: "main") { id subject }
  level(id: "demo/L2") { lastChange { version { id subject } since { id subject } } }
  added: level(id: "demo/L3") { lastChange { version { id subject } since { id subject } } }
}`;

describe('commits that only touched drafts, for a caller without the drafts permission', () => {
  it('are not versions, and their subject appears in no answer', async () => {
    const { body, text } = await send(HISTORY_SURFACES);
    expect(body.errors).toBeUndefined();
    expect(body.data.versions.map((v: { id: string }) => v.id)).toEqual([history.published, history.first]);
    expect(text).not.toContain(DRAFT_SUBJECT);
    expect(text).not.toContain(history.drafts);
    const byHash = await send(`{ version(ref: "${history.drafts}") { id subject } }`);
    expect(byHash.body.data.version).toBeNull();
  });

  it('name as the served commit the newest version whose published content is served', async () => {
    const { body } = await send('{ framework { commit { id } } head: version(ref: "HEAD") { id } }');
    expect(body.data.framework.commit).toEqual({ id: history.published });
    expect(body.data.head).toEqual({ id: history.published });
  });

  it('are stepped over by lastChange', async () => {
    const { body } = await send(HISTORY_SURFACES);
    expect(body.data.level.lastChange).toEqual({
      version: { id: history.published, subject: 'Publish L3 and reword L2' },
      since: { id: history.first, subject: 'First framework' },
    });
    expect(body.data.added.lastChange.version.id).toBe(history.published);
  });

  it('are versions, with their subject, for a drafts holder', async () => {
    const { body } = await send(HISTORY_SURFACES, STATIC_TOKEN);
    expect(body.errors).toBeUndefined();
    expect(body.data.versions.map((v: { id: string }) => v.id)).toEqual([
      history.drafts,
      history.published,
      history.hidden,
      history.first,
    ]);
    expect(body.data.versions[0].subject).toBe(DRAFT_SUBJECT);
    expect(body.data.framework.commit.id).toBe(history.drafts);
  });
});

describe('short hashes', () => {
  it('resolve for a caller without drafts when the only other match is a commit they cannot see', async () => {
    const prefix = history.published.slice(0, 4);
    expect(history.hidden.startsWith(prefix)).toBe(true);
    const anonymous = await send(`{ version(ref: "${prefix}") { id } }`);
    expect(anonymous.body.data.version).toEqual({ id: history.published });
    // a drafts holder sees both commits: the prefix is ambiguous, as git says
    const holder = await send(`{ version(ref: "${prefix}") { id } }`, STATIC_TOKEN);
    expect(holder.body.data.version).toBeNull();
  });

  it('and branch names: an unpublished branch is unknown without drafts', async () => {
    const anonymous = await send('{ version(ref: "side") { id } }');
    expect(anonymous.body.data.version).toBeNull();
    expect(anonymous.text).not.toContain(HIDDEN_SUBJECT);
    const holder = await send('{ version(ref: "side") { id } }', STATIC_TOKEN);
    expect(holder.body.data.version).toEqual({ id: history.hidden });
  });
});
