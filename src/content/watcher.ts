import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { fingerprint, settle, settleBound } from './snapshot';

/** How the watcher decides that the content changed and has stopped changing. */
export interface ContentWatcherOptions {
  /** Quiet time after the last change (a file event, or a difference the poll saw) before `onChange` is called. */
  readonly settleMs: number;
  /** How often the folder's fingerprint is compared with the last load's, for changes no event reported. */
  readonly pollMs: number;
}

/** Folders that are never content and churn on their own. */
const IGNORED_NAMES = new Set(['.git', 'node_modules']);
// root/track/file, one more for a ConfigMap's timestamped folder, one more for a folder inside a track
const DEPTH = 4;

/**
 * Tells the content store when the content folder changed and then stayed quiet for `settleMs`.
 *
 * chokidar watches the folder's real path with symlinks not followed: every file the loader may read
 * lies inside it (links that leave are refused), so it is seen where it really is, and the links
 * themselves are watched as entries. That covers atomic renames (editors, `git checkout`), in-place
 * writes after one, delete-and-recreate, new and removed track folders, and a Kubernetes ConfigMap,
 * whose visible entries link through `..data` to a hidden timestamped folder and whose update renames
 * a new `..data` over the old. When CONTENT_DIR is itself a link (git-sync's worktree link), its parent
 * is watched for that one name, and the watcher moves to the new target when the link is swapped.
 * A slow poll of the fingerprint catches whatever the platform's events miss (an inotify limit, a
 * network file system); it cannot tell when the change it saw began or whether it is over, so it
 * waits until the fingerprint has stayed the same for settleMs before reporting it.
 */
export class ContentWatcher {
  private watchers: FSWatcher[] = [];
  private watchedRoot: string | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    /** Called once the folder has been quiet for settleMs after a change; the store decides whether to load. */
    private readonly onChange: () => void,
    /** The fingerprint of the folder as last loaded, for the poll. */
    private readonly lastLoaded: () => string | null,
    private readonly options: ContentWatcherOptions,
  ) {}

  /** Starts watching; resolves when the initial scan is done (never rejects). */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    this.ready = this.open()
      .catch(() => undefined) // the poll below still watches
      .then(() => {
        // anything written between the load and the end of the scan was not reported: look once
        this.changed();
      });
    this.poller = setInterval(() => void this.poll(), this.options.pollMs);
    this.poller.unref();
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.debounce) clearTimeout(this.debounce);
    if (this.poller) clearInterval(this.poller);
    this.debounce = null;
    this.poller = null;
    await this.closeWatchers();
  }

  private changed(): void {
    if (this.closed) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.fire(), this.options.settleMs);
    this.debounce.unref();
  }

  private async fire(): Promise<void> {
    this.debounce = null;
    if (this.closed) return;
    // the folder itself was swapped (git-sync moves its link to a new worktree): watch the new one
    if ((await realpathOrNull(this.dir)) !== this.watchedRoot) {
      await this.closeWatchers();
      if (this.closed) return;
      await this.open();
    }
    if (!this.closed) this.onChange();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      const last = this.lastLoaded();
      if (last === null || (await fingerprint(this.dir)) === last) return;
      const { settleMs } = this.options;
      await settle(this.dir, { quietMs: settleMs, maxMs: settleBound(settleMs) });
      if (this.closed) return;
      // the folder was quiet for settleMs, so an event-armed debounce has nothing left to wait for
      if (this.debounce) clearTimeout(this.debounce);
      await this.fire();
    } finally {
      this.polling = false;
    }
  }

  private async open(): Promise<void> {
    const root = await realpathOrNull(this.dir);
    this.watchedRoot = root;
    const scans: Promise<void>[] = [];
    if (root) {
      scans.push(
        this.add(root, {
          depth: DEPTH,
          ignored: (path: string) => IGNORED_NAMES.has(nodePath.basename(path)),
        }),
      );
    }
    const link = nodePath.resolve(this.dir);
    if (await isSymlink(link)) {
      const parent = nodePath.dirname(link);
      scans.push(this.add(parent, { depth: 0, ignored: (path: string) => path !== parent && path !== link }));
    }
    await Promise.all(scans);
  }

  private add(path: string, options: { depth: number; ignored: (path: string) => boolean }): Promise<void> {
    if (this.closed) return Promise.resolve(); // closed while fire() was moving to a new target
    const watcher = chokidarWatch(path, {
      ...options,
      ignoreInitial: true,
      followSymlinks: false,
      persistent: false,
    });
    this.watchers.push(watcher);
    return new Promise<void>((resolve) => {
      let ready = false;
      watcher.on('ready', () => {
        ready = true;
        resolve();
      });
      // chokidar reports some links it finds during the initial scan; those are not changes
      watcher.on('all', () => {
        if (ready) this.changed();
      });
      // the poll still sees changes if the platform stops reporting them; keep serving
      watcher.on('error', () => {
        if (!ready) resolve();
      });
    });
  }

  private async closeWatchers(): Promise<void> {
    const watchers = this.watchers;
    this.watchers = [];
    await Promise.all(watchers.map((w) => w.close().catch(() => undefined)));
  }
}

async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await fs.realpath(path);
  } catch {
    return null;
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}
