import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ContentHistory } from '../../src/content/history/history';
import { MAX_VERSION_LOADS } from '../../src/graphql/limits';
import { buildTestApp, postQuery, useHistoryApp } from '../support/app';
import { levelFile } from '../support/git-content';

const subject = useHistoryApp();

const codes = (result: { errors?: any[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

/**
 * A repository of `commits` commits on main, each rewording demo/L1, written with git fast-import
 * and packed, so that reading it needs no file I/O once the pack is in memory.
 */
function buildLongHistory(commits: number): string {
  const repo = fs.mkdtempSync(path.join(tmpdir(), 'cfa-long-history-'));
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd: repo, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  git(['init', '-q', '-b', 'main']);
  const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  const parts: string[] = [];
  for (let i = 1; i <= commits; i++) {
    const message = `Step ${i}`;
    parts.push(
      'commit refs/heads/main',
      `committer Test <test@example.com> ${1_767_225_600 + i * 60} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(i === 1 ? ['M 100644 inline content/demo/track.md', blob('---\nname: Demo\n---\n')] : []),
      'M 100644 inline content/demo/L1.md',
      blob(levelFile('L1', 1, 'Junior Demo', [`I learn step ${i} of the system.`])),
      '',
    );
  }
  git(['fast-import', '--quiet'], parts.join('\n'));
  git(['checkout', '-q', 'main']);
  git(['repack', '-adq']);
  return repo;
}

describe('versions one request may read from git', () => {
  it('refuses versions(limit: 1000) { framework } before running it, naming the field', async () => {
    const before = subject.app.history!.versionsLoaded;
    const result = await postQuery(
      subject.app,
      '{ versions(limit: 1000) { shortId framework { version } } }',
    );
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors![0].extensions.field).toBe('FrameworkVersion.framework');
    expect(result.data).toBeUndefined();
    expect(subject.app.history!.versionsLoaded).toBe(before);
  });

  it(`answers as many versions' frameworks as MAX_VERSION_LOADS allows`, async () => {
    const result = await postQuery(
      subject.app,
      `{ versions(limit: ${MAX_VERSION_LOADS}) { shortId framework { version } } }`,
    );
    // the broken version is reported as such; the request itself is not refused
    expect(codes(result)).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses thirty aliased @ref lookups asking lastChange, naming the field', async () => {
    const aliases = Array.from(
      { length: 30 },
      (_, i) => `a${i}: level(id: "demo/L2@v${1 + (i % 2)}") { lastChange { since { id } } }`,
    );
    const before = subject.app.history!.versionsLoaded;
    const result = await postQuery(subject.app, `{ ${aliases.join('\n')} }`);
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors![0].extensions.field).toBe('Level.lastChange');
    expect(subject.app.history!.versionsLoaded).toBe(before);
  });

  it('walks the history once for lastChange however many levels of the served content ask', async () => {
    const history = subject.app.history!;
    history.refresh(); // a fresh index: nothing walked yet
    const levels = ['demo/L1', 'demo/L2', 'platform/L1'];
    const one = (id: string, i: number) => `l${i}: level(id: "${id}") { lastChange { since { id } } }`;
    const first = await postQuery(subject.app, `{ ${levels.map(one).join(' ')} }`);
    expect(codes(first)).toEqual([]);
    const afterFirst = history.versionsLoaded;
    const again = await postQuery(subject.app, `{ ${[...levels, ...levels].map(one).join(' ')} }`);
    expect(again.data).toEqual({ ...first.data, l3: first.data.l0, l4: first.data.l1, l5: first.data.l2 });
    expect(history.versionsLoaded).toBe(afterFirst);
  });
});

describe('versions shared through the bounded cache', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ CONTENT_DIR: subject.history.contentDir, HISTORY_CACHE_VERSIONS: '2' });
  });
  afterAll(() => app?.close());

  it('holds no more versions than HISTORY_CACHE_VERSIONS while many requests read them at once', async () => {
    const history = app.history as ContentHistory;
    const refs = ['v1', 'v2', subject.history.commits.broken.slice(0, 7)];
    const requests = Array.from({ length: 12 }, (_, i) =>
      postQuery(app, `{ version(ref: "${refs[i % refs.length]}") { framework { tracks { id } } } }`),
    );
    const answers = await Promise.all(requests);
    // the broken version is reported, the others answered
    expect(answers.filter((a) => codes(a).length === 0).length).toBe(8);
    expect(history.versionsHeld).toBeLessThanOrEqual(2);
  });

  it('reads a version from git once for every request that asks for it at the same time', async () => {
    const history = app.history as ContentHistory;
    const before = history.versionsLoaded;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => postQuery(app, '{ version(ref: "v1") { framework { version } } }')),
    );
    expect(new Set(answers.map((a) => a.data.version.framework.version)).size).toBe(1);
    expect(history.versionsLoaded - before).toBeLessThanOrEqual(1);
  });
});

describe('a long history scan', () => {
  let repo: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    repo = buildLongHistory(1_000);
    app = await buildTestApp({ CONTENT_DIR: path.join(repo, 'content') });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    if (repo) fs.rmSync(repo, { recursive: true, force: true });
  });

  it('does not hold a request that needs no history', async () => {
    let scanned = false;
    const scan = postQuery(app, '{ versions(limit: 1) { shortId } }').then((answer) => {
      scanned = true;
      return answer;
    });
    // a timer fires only when the event loop is free: a scan that never yields holds it until the end
    await new Promise((resolve) => setTimeout(resolve, 50));
    const plain = await postQuery(app, '{ tracks { id } }');
    expect(plain.data).toEqual({ tracks: [{ id: 'demo' }] });
    expect(scanned).toBe(false);
    const listed = await scan;
    expect(listed.data.versions).toHaveLength(1);
  }, 120_000);
});
