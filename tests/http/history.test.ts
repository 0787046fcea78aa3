import type { FastifyInstance } from 'fastify';
import { buildTestApp, postQuery, useHistoryApp } from '../support/app';
import { TempContent } from '../support/temp-content';

const subject = useHistoryApp();

/** POSTs one operation (to the history app unless told) and returns the parsed answer. */
const query = (source: string, target?: FastifyInstance) => postQuery(target ?? subject.app, source);

const codes = (result: { errors?: any[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

describe('framework history over HTTP', () => {
  it('lists versions newest first with tags, time and subject', async () => {
    const { data } = await query('{ versions(limit: 3) { id shortId tags committedAt subject } }');
    const { fixed, broken } = subject.history.commits;
    expect(data.versions.map((v: any) => v.id)).toEqual([fixed, broken, expect.any(String)]);
    expect(data.versions[0]).toEqual({
      id: fixed,
      shortId: fixed.slice(0, 7),
      tags: [],
      committedAt: '2026-01-06T00:00:00.000Z',
      subject: 'Fix front matter; draft L4',
    });
  });

  it('serves a level at a tag, with @ref ids all the way down and neighbours from that version', async () => {
    const { data, errors } = await query(`{
      version(ref: "v1") { id tags framework { commit { id } tracks { id levels { id } } } }
      level(id: "demo/L3@v1") {
        id title track { id } previous { id } next { id }
        competencies { id expectations { id text level { id } competency { id } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.version.id).toBe(subject.history.commits.v1);
    expect(data.version.tags).toEqual(['v1']);
    expect(data.version.framework.commit.id).toBe(subject.history.commits.v1);
    expect(data.version.framework.tracks).toEqual([
      { id: 'demo', levels: [{ id: 'demo/L1@v1' }, { id: 'demo/L2@v1' }, { id: 'demo/L3@v1' }] },
    ]);
    expect(data.level).toEqual({
      id: 'demo/L3@v1',
      title: 'Senior Demo',
      track: { id: 'demo' },
      previous: { id: 'demo/L2@v1' },
      next: null,
      competencies: [
        {
          id: 'demo/L3@v1/domain-expertise',
          expectations: [
            {
              id: 'demo/L3@v1/domain-expertise/e1',
              text: 'I own the release process.',
              level: { id: 'demo/L3@v1' },
              competency: { id: 'demo/L3@v1/domain-expertise' },
            },
          ],
        },
      ],
    });
  });

  it('looks up competencies and items by @ref id, and labels a hash or branch with the short hash', async () => {
    const short = subject.history.commits.v1.slice(0, 7);
    const { data } = await query(`{
      competency(id: "demo/L2@v1/domain-expertise") { id name }
      expectation(id: "demo/L2@v1/domain-expertise/e1") { text }
      byHash: level(id: "demo/L2@${subject.history.commits.v1}") { id }
      byBranch: level(id: "demo/L2@main") { id }
    }`);
    expect(data.competency).toEqual({ id: 'demo/L2@v1/domain-expertise', name: 'Domain expertise' });
    expect(data.expectation.text).toBe('I fix failing builds on my own.');
    expect(data.byHash.id).toBe(`demo/L2@${short}`);
    // main is the content being served, whose ids carry no ref
    expect(data.byBranch.id).toBe('demo/L2');
  });

  it('says which commit is served', async () => {
    const { data } = await query('{ framework { commit { id shortId } } }');
    expect(data.framework.commit.id).toBe(subject.history.commits.fixed);
  });

  it('diffs one level across versions, word by word', async () => {
    const { data, errors } = await query(`{
      diffLevels(from: "demo/L2@v1", to: "demo/L2") {
        from { id } to { id } summary { changed }
        competencies { expectations { status segments { kind text } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.diffLevels.from.id).toBe('demo/L2@v1');
    expect(data.diffLevels.to.id).toBe('demo/L2');
    expect(data.diffLevels.summary.changed).toBe(1);
    const [change] = data.diffLevels.competencies[0].expectations;
    expect(change.status).toBe('CHANGED');
    expect(change.segments).toContainEqual({
      kind: 'INSERTED',
      text: expect.stringContaining('flaky tests'),
    });
  });

  it('lists added, removed and changed levels between two tags', async () => {
    const { data, errors } = await query(`{
      changes(since: "v1", until: "v2") {
        since { id } until { id }
        addedLevels { id } removedLevels { id }
        changedLevels { from { id } to { id } summary { added removed changed unchanged } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data.changes).toEqual({
      since: { id: subject.history.commits.v1 },
      until: { id: subject.history.commits.v2 },
      addedLevels: [{ id: 'platform/L1@v2' }],
      removedLevels: [{ id: 'demo/L3@v1' }],
      changedLevels: [
        {
          from: { id: 'demo/L2@v1' },
          to: { id: 'demo/L2@v2' },
          summary: { added: 0, removed: 0, changed: 1, unchanged: 0 },
        },
      ],
    });
  });

  it('compares with the content being served when until is omitted', async () => {
    const { data } = await query('{ changes(since: "v2") { until { id } removedLevels { id } } }');
    expect(data.changes.until.id).toBe(subject.history.commits.fixed);
    expect(data.changes.removedLevels).toEqual([]);
  });

  it('reports a version with broken content and never serves it', async () => {
    const broken = subject.history.commits.broken;
    const result = await query(`{ version(ref: "${broken}") { id framework { version } } }`);
    expect(codes(result)).toEqual(['VERSION_CONTENT_INVALID']);
    expect(result.errors![0].extensions.problems).toEqual([
      { code: 'bad-front-matter-value', path: 'demo/L1.md', line: 2, column: 1 },
    ]);
    expect(result.data).toEqual({ version: null });
    const lookup = await query(`{ level(id: "demo/L2@${broken.slice(0, 7)}") { id } }`);
    expect(codes(lookup)).toEqual(['VERSION_CONTENT_INVALID']);
  });

  it('answers unknown refs with null, or BAD_USER_INPUT where an answer is required', async () => {
    const { data } = await query('{ version(ref: "nope") { id } level(id: "demo/L1@nope") { id } }');
    expect(data).toEqual({ version: null, level: null });
    expect(codes(await query('{ changes(since: "nope") { since { id } } }'))).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await query('{ diffLevels(from: "demo/L1@nope", to: "demo/L1") { summary { added } } }')),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

describe('without a repository', () => {
  it('has no versions and no commit, and everything else works as before', async () => {
    const content = new TempContent();
    const plain = await buildTestApp({ CONTENT_DIR: content.dir });
    try {
      const { data } = await query(
        '{ versions { id } framework { commit { id } } level(id: "software-engineer/L1") { id } }',
        plain,
      );
      expect(data).toEqual({
        versions: [],
        framework: { commit: null },
        level: { id: 'software-engineer/L1' },
      });
    } finally {
      await plain.close();
      content.remove();
    }
  });
});
