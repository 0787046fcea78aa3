import * as fs from 'node:fs';
import path from 'node:path';
import { COMMIT_READ_CAP, MAX_SUBJECT_CHARS } from '../../src/content/history/commit-head';
import { GitTreeSource } from '../../src/content/history/git-source';
import { readBlobBounded, readCounters } from '../../src/content/history/objects';
import { findRepository, type GitRepository } from '../../src/content/history/repository';
import { scanVersions } from '../../src/content/history/scan';
import { loadContent } from '../../src/content/load';
import { CliRepo } from '../support/git-cli';
import { levelFile } from '../support/git-content';

const MIB = 1024 * 1024;
/** Building a repository runs git over tens of megabytes; the reads under test keep jest's default. */
const BUILD_TIMEOUT = 120_000;
const base = {
  'content/demo/track.md': '---\nname: Demo\n---\n',
  'content/demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
};

/** A fresh repository object, so its counters count one read alone. */
async function fresh(repo: CliRepo): Promise<GitRepository> {
  return (await findRepository(path.join(repo.dir, 'content')))!;
}

/** A single-line message of about `bytes` that compresses very well, different per `n`. */
function hugeMessage(n: number, bytes: number): string {
  return `Huge ${n} ` + `lorem ipsum dolor sit amet ${n} `.repeat(Math.ceil(bytes / 30));
}

describe('commit messages read with a bound', () => {
  let repo: CliRepo;
  const huge: string[] = [];
  const MESSAGE_BYTES = 4 * MIB;

  beforeAll(() => {
    repo = new CliRepo();
    repo.commit('First', base);
    repo.git('checkout', '-q', '-b', 'wip');
    for (let n = 0; n < 3; n++) {
      huge.push(
        repo.commit(hugeMessage(n, MESSAGE_BYTES), {
          'content/demo/L2.md': levelFile('L2', 2, 'Demo', [`I fix builds, round ${n}.`]),
        }),
      );
    }
    repo.git('checkout', '-q', 'main');
  }, BUILD_TIMEOUT);
  afterAll(() => repo.remove());

  const expectCapped = async () => {
    const git = await fresh(repo);
    const index = await scanVersions(git);
    for (const [n, oid] of huge.entries()) {
      const subject = index.versions.find((v) => v.id === oid)?.subject ?? '';
      expect(subject.startsWith(`Huge ${n} lorem`)).toBe(true);
      expect([...subject].length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
      expect(subject.endsWith('…')).toBe(true);
    }
    // the messages are 12 MiB together; a commit costs its capped start, and when packed as a delta
    // the delta's instructions for that start (up to eight bytes each) and its base's start
    expect(readCounters(git).inflatedBytes).toBeLessThan(huge.length * 12 * COMMIT_READ_CAP);
  };

  it('caps the subject of a huge loose commit message and inflates only the start of it', expectCapped);

  it('does the same once the commits are packed as deltas of each other', async () => {
    repo.pack();
    expect(repo.deltas().commit ?? 0).toBeGreaterThan(0);
    await expectCapped();
  });
});

describe('files of old versions read with a bound', () => {
  let repo: CliRepo;
  let old: string;
  const BIG = 20 * MIB;
  const bigFile = `# L1: Junior Demo\n\n` + '- I learn the system with help.\n'.repeat(BIG / 32);

  beforeAll(() => {
    repo = new CliRepo();
    repo.commit('First', base);
    old = repo.commit('Big', { 'content/demo/L1.md': bigFile });
    repo.commit('Small again', base);
  }, BUILD_TIMEOUT);
  afterAll(() => repo.remove());

  const expectRefused = async () => {
    const git = await fresh(repo);
    const loaded = await loadContent(new GitTreeSource(git, old), { ref: old.slice(0, 7) });
    expect(loaded.problems.map((p) => [p.code, p.path])).toContainEqual(['file-too-large', 'demo/L1.md']);
    const counters = readCounters(git);
    expect(counters.objectsRead).toBeGreaterThan(0);
    expect(counters.inflatedBytes).toBeLessThan(2 * MIB);
  };

  it('refuses a loose 20 MB file as too large from its header, inflating under the limit', expectRefused);

  it('refuses it packed too', async () => {
    repo.pack();
    await expectRefused();
  });
});

describe('deltas in a pack', () => {
  let repo: CliRepo;
  const texts = [0, 1, 2].map(
    (n) =>
      `# L2: Demo\n\n` +
      Array.from({ length: 6000 }, (_, i) => `- line ${i} ${i % 97 === n ? 'changed' : ''}\n`).join(''),
  );
  const bigTexts = [0, 1].map(
    (n) => `# L3\n\n${n}` + 'a long similar line of text\n'.repeat((20 * MIB) / 28),
  );

  beforeAll(() => {
    repo = new CliRepo();
    for (const [n, text] of texts.entries()) {
      repo.commit(`Round ${n}`, {
        ...base,
        'content/demo/L2.md': text,
        'content/demo/L3.md': bigTexts[n % 2]!,
      });
    }
    repo.pack();
  }, BUILD_TIMEOUT);
  afterAll(() => repo.remove());

  it('reads blobs stored as deltas byte for byte as git does', async () => {
    expect(repo.deltas().blob ?? 0).toBeGreaterThan(0);
    const git = await fresh(repo);
    for (const n of [0, 1, 2]) {
      const oid = repo.git('rev-parse', `HEAD~${2 - n}:content/demo/L2.md`);
      const read = await readBlobBounded(git, oid, MIB);
      expect('bytes' in read && read.bytes.toString('utf8')).toBe(texts[n]);
    }
  });

  it('refuses a 20 MB blob stored as a delta from the delta header, without reading its base', async () => {
    const git = await fresh(repo);
    for (const n of [0, 1]) {
      const oid = repo.git('rev-parse', `HEAD~${2 - n}:content/demo/L3.md`);
      expect(await readBlobBounded(git, oid, MIB)).toEqual({ tooLarge: Buffer.byteLength(bigTexts[n]!) });
    }
    expect(readCounters(git).inflatedBytes).toBeLessThan(MIB);
  });
});

describe('tags and branches from packed-refs', () => {
  let repo: CliRepo;
  const commits: string[] = [];
  const TAGS = 10_000;

  beforeAll(() => {
    repo = new CliRepo();
    for (let n = 0; n < 4; n++) {
      commits.push(
        repo.commit(`Round ${n}`, {
          ...base,
          'content/demo/L2.md': levelFile('L2', 2, 'Demo', [`Round ${n}.`]),
        }),
      );
    }
  });
  afterAll(() => repo.remove());

  /** Writes packed-refs by hand: tag i names commit i % 4, every 3rd annotated (its ^ line or not). */
  function writePackedRefs(header: string, peeledLines: 'all' | 'some') {
    const annotated = commits.map((c, n) => {
      repo.git('tag', '-a', '-m', `Annotated ${n}`, `a${n}`, c);
      const oid = repo.git('rev-parse', `refs/tags/a${n}`);
      fs.rmSync(path.join(repo.gitdir, 'refs', 'tags', `a${n}`));
      return oid;
    });
    const lines = [header, `${commits[3]} refs/heads/main`, `${commits[1]} refs/heads/packed-only`];
    for (let i = 0; i < TAGS; i++) {
      const target = i % 4;
      if (i % 3 === 0) {
        lines.push(`${annotated[target]} refs/tags/t${i}`);
        if (peeledLines === 'all' || i % 2 === 0) lines.push(`^${commits[target]}`);
      } else {
        lines.push(`${commits[target]} refs/tags/t${i}`);
      }
    }
    fs.writeFileSync(path.join(repo.gitdir, 'packed-refs'), lines.join('\n') + '\n');
    fs.rmSync(path.join(repo.gitdir, 'refs', 'heads', 'main'), { force: true });
  }

  const expectResolved = async () => {
    const git = await fresh(repo);
    const index = await scanVersions(git);
    for (let i = 0; i < TAGS; i += 7) expect(index.resolve(`t${i}`, true)?.id).toBe(commits[i % 4]);
    expect(index.resolve('packed-only', true)?.id).toBe(commits[1]);
    expect(index.resolve('main', true)?.id).toBe(commits[3]);
    return readCounters(git);
  };

  it('resolves 10,000 packed tags, some annotated without peeled lines, reading packed-refs once', async () => {
    writePackedRefs('# pack-refs with: sorted', 'some');
    const counters = await expectResolved();
    expect(counters.refFilesRead).toBe(1);
  });

  it('trusts a peeled packed-refs and lets a loose tag override a packed one', async () => {
    writePackedRefs('# pack-refs with: peeled fully-peeled sorted', 'all');
    fs.writeFileSync(path.join(repo.gitdir, 'refs', 'tags', 't5'), `${commits[0]}\n`);
    const git = await fresh(repo);
    const index = await scanVersions(git);
    expect(index.resolve('t5', true)?.id).toBe(commits[0]);
    expect(index.resolve('t6', true)?.id).toBe(commits[2]);
    fs.rmSync(path.join(repo.gitdir, 'refs', 'tags', 't5'));
    await expectResolved();
  });
});
