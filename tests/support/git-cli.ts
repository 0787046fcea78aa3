import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const START = 1_767_225_600; // 2026-01-01T00:00:00Z

/**
 * A repository made with the real git command line in a temporary folder, for what isomorphic-git
 * cannot make: packs with deltas, packed-refs, huge messages. The user's and the system's git
 * configuration are not read.
 */
export class CliRepo {
  readonly dir: string;
  private readonly home: string;
  private tick = 0;

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'cfa-git-cli-'));
    this.home = mkdtempSync(path.join(tmpdir(), 'cfa-git-home-'));
    this.git('init', '-q', '-b', 'main');
  }

  get gitdir(): string {
    return path.join(this.dir, '.git');
  }

  /** Runs git in the repository and returns its output, trimmed. */
  git(...args: string[]): string {
    return this.gitWith({}, ...args);
  }

  /** Runs git with `input` on its standard input. */
  gitWith(options: { input?: string | Buffer }, ...args: string[]): string {
    const date = `${START + this.tick * 86_400} +0000`;
    const out = execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: this.dir,
      input: options.input,
      maxBuffer: 256 * 1024 * 1024,
      env: {
        PATH: process.env.PATH,
        HOME: this.home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return out.toString('utf8').trim();
  }

  /** Writes (or with null, deletes) files and commits them all with `message`; returns the commit. */
  commit(message: string, files: Record<string, string | Buffer | null>): string {
    for (const [file, text] of Object.entries(files)) {
      const at = path.join(this.dir, file);
      if (text === null) fs.rmSync(at);
      else {
        fs.mkdirSync(path.dirname(at), { recursive: true });
        fs.writeFileSync(at, text);
      }
    }
    this.tick++;
    this.git('add', '-A');
    this.gitWith({ input: message }, 'commit', '-q', '--allow-empty', '--cleanup=verbatim', '-F', '-');
    return this.git('rev-parse', 'HEAD');
  }

  /** Packs every object into one pack with deltas, and every ref into packed-refs, as `git gc` does. */
  pack(): void {
    this.git('repack', '-adf', '-q');
    this.git('pack-refs', '--all');
    this.git('prune-packed');
  }

  /** How many entries of the pack are deltas, by type (from `git verify-pack -v`). */
  deltas(): Record<string, number> {
    const packs = fs.readdirSync(path.join(this.gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.idx'));
    const counts: Record<string, number> = {};
    for (const idx of packs) {
      const listing = this.git('verify-pack', '-v', path.join(this.gitdir, 'objects', 'pack', idx));
      for (const line of listing.split('\n')) {
        // a delta's line: oid type size size-in-pack offset depth base-oid
        const fields = line.split(/\s+/);
        if (fields.length === 7 && /^[0-9a-f]{40}$/.test(fields[6]!)) {
          counts[fields[1]!] = (counts[fields[1]!] ?? 0) + 1;
        }
      }
    }
    return counts;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.home, { recursive: true, force: true });
  }
}
