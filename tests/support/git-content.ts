import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as git from 'isomorphic-git';

/** A level file in the content's markdown, with one competency of the given expectations. */
export function levelFile(
  code: string,
  rank: number,
  title: string,
  expectations: readonly string[],
  status: 'published' | 'draft' | 'bogus' = 'published',
): string {
  const front = status === 'published' ? '' : `---\nstatus: ${status}\n---\n`;
  return `${front}# ${code}: ${title}

> _I am ${title.toLowerCase()} in this test's history._

- **Planning horizon**: Current cycle
- **Impact radius**: Team

## 🦉 Domain expertise

${expectations.map((e) => `- ${e}`).join('\n')}
`;
}

const DAY = 86_400;
const START = 1_767_225_600; // 2026-01-01T00:00:00Z

/** The commits of {@link buildHistory}, by their role in the story. */
export interface History {
  /** The repository; the content is its `content/` folder, checked out at main. */
  readonly repo: string;
  readonly contentDir: string;
  readonly commits: Readonly<Record<'v1' | 'v2' | 'docs' | 'broken' | 'fixed' | 'draft', string>>;
  remove(): void;
}

/**
 * A real git repository, made with isomorphic-git in a temporary folder:
 *
 *   main:   v1 (tag v1) → v2 (tag v2, annotated) → docs (README only) → broken → fixed (HEAD)
 *   drafts: branches at v2 → draft (an untagged commit with a draft level and a reworded L2)
 *
 * v1 → v2 adds platform/L1, removes demo/L3 and rewords demo/L2. `broken` has a level whose front
 * matter is wrong; `fixed` repairs it and adds demo/L4 as a draft, so the served content has a draft.
 */
export async function buildHistory(): Promise<History> {
  const repo = mkdtempSync(path.join(tmpdir(), 'cfa-history-'));
  const dir = repo;
  const contentDir = path.join(repo, 'content');
  let day = 0;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  const commit = async (message: string, files: Record<string, string | null>): Promise<string> => {
    for (const [file, text] of Object.entries(files)) {
      if (text === null) {
        fs.rmSync(path.join(repo, file));
        await git.remove({ fs, dir, filepath: file });
      } else {
        write(file, text);
        await git.add({ fs, dir, filepath: file });
      }
    }
    const who = {
      name: 'Test',
      email: 'test@example.com',
      timestamp: START + day++ * DAY,
      timezoneOffset: 0,
    };
    return git.commit({ fs, dir, message, author: who, committer: who });
  };

  await git.init({ fs, dir, defaultBranch: 'main' });
  const v1 = await commit('First framework\n\nThree levels of the demo track.', {
    'content/demo/track.md': '---\nname: Demo\n---\n',
    'content/demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds on my own.']),
    'content/demo/L3.md': levelFile('L3', 3, 'Senior Demo', ['I own the release process.']),
  });
  await git.tag({ fs, dir, ref: 'v1', object: v1 });
  const v2 = await commit('Second framework: platform track, demo L3 retired', {
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds and flaky tests on my own.']),
    'content/demo/L3.md': null,
    'content/platform/L1.md': levelFile('L1', 1, 'Platform Engineer', ['I keep the clusters patched.']),
  });
  const tagger = { name: 'Test', email: 'test@example.com', timestamp: START + day * DAY, timezoneOffset: 0 };
  await git.annotatedTag({ fs, dir, ref: 'v2', object: v2, message: 'Release v2', tagger });
  const docs = await commit('Docs only', { 'README.md': '# Framework\n' });

  await git.branch({ fs, dir, ref: 'drafts', object: v2 });
  await git.checkout({ fs, dir, ref: 'drafts' });
  const draft = await commit('Draft: a new demo level', {
    'content/demo/L2.md': levelFile('L2', 2, 'Demo', ['I fix failing builds, flaky tests and slow ones.']),
    'content/demo/L5.md': levelFile('L5', 5, 'Demo Lead', ['I set the direction for the demo.']),
  });
  await git.checkout({ fs, dir, ref: 'main' });

  const broken = await commit('Broken front matter', {
    'content/demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.'], 'bogus'),
  });
  const fixed = await commit('Fix front matter; draft L4', {
    'content/demo/L1.md': levelFile('L1', 1, 'Junior Demo', ['I learn the system with help.']),
    'content/demo/L4.md': levelFile('L4', 4, 'Staff Demo', ['I draft the demo strategy.'], 'draft'),
  });
  return {
    repo,
    contentDir,
    commits: { v1, v2, docs, broken, fixed, draft },
    remove: () => rmSync(repo, { recursive: true, force: true }),
  };
}
