import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ContentStore } from '../../src/server/content-store';
import { reloadReporter } from '../../src/server/lifecycle';
import { Metrics } from '../../src/server/metrics';
import { BUNDLED_CONTENT } from '../support/bundled';
import { post, startTestServer, type TestServer } from '../support/server';
import { eventually } from '../support/poll';
import { TempContent } from '../support/temp-content';

const L1 = 'software-engineer/L1.md';
const L3 = 'software-engineer/L3.md';

const levelQuery = (id: string) => ({
  query: 'query ($id: ID!) { level(id: $id) { title competencies { name } } }',
  variables: { id },
});

interface Answer {
  readonly title: string | null;
  /** -1 when the level was null. */
  readonly competencies: number;
}

async function ask(server: TestServer, levelId: string): Promise<Answer> {
  const { json } = await post(server.url, levelQuery(levelId));
  const level = json?.data?.level;
  return level
    ? { title: level.title, competencies: level.competencies.length }
    : { title: null, competencies: -1 };
}

/**
 * Asks the API about one level again and again, from now until `done` holds for an answer (bounded),
 * and resolves to every answer it got: what a client polling through the change would have seen.
 */
async function sampleUntil(
  server: TestServer,
  levelId: string,
  done: (answer: Answer) => boolean,
  ms = 15_000,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  await eventually(
    async () => {
      const answer = await ask(server, levelId);
      answers.push(answer);
      return done(answer);
    },
    { ms, everyMs: 5, what: () => `the change; last answers ${JSON.stringify(answers.slice(-3))}` },
  );
  return answers;
}

async function servedTitle(server: TestServer, levelId: string, title: string): Promise<void> {
  await eventually(async () => expect((await ask(server, levelId)).title).toBe(title), 15_000);
}

function retitle(text: string, code: string, title: string): string {
  const changed = text.replace(new RegExp(`^# ${code}: .*$`, 'm'), `# ${code}: ${title}`);
  if (changed === text) throw new Error('retitle changed nothing');
  return changed;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the n-th `## ` competency heading of a level file starts (n from 1). */
function competencyStart(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf('\n## ', at + 1);
    if (at < 0) throw new Error(`no competency ${n}`);
  }
  return at + 1;
}

describe('CONTENT_WATCH=true on a plain folder', () => {
  const content = new TempContent();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CONTENT_DIR: content.dir, CONTENT_WATCH: 'true' });
    await server.store.watch();
  });
  afterAll(async () => {
    await server.close();
    content.remove();
  });

  it("picks up an editor's atomic save and every in-place write after it", async () => {
    const original = content.read(L1);
    const tmp = path.join(content.dir, 'software-engineer', '.L1.md.swp');
    writeFileSync(tmp, retitle(original, 'L1', 'Saved Atomically'));
    renameSync(tmp, path.join(content.dir, L1));
    await servedTitle(server, 'software-engineer/L1', 'Saved Atomically');
    for (const round of [1, 2, 3]) {
      content.write(L1, retitle(original, 'L1', `Written In Place ${round}`));
      await servedTitle(server, 'software-engineer/L1', `Written In Place ${round}`);
    }
  });

  // what operators saw: a writer that pauses longer than the old 150 ms debounce got L3 served with
  // 1 of its 4 competencies; cut there, and at the competency nearest the middle of the file
  it.each([
    ['after its first competency', 2],
    ['at its middle', 3],
  ])('never serves a level written in two parts, cut %s, half-written', async (_where, heading) => {
    const before = await ask(server, 'software-engineer/L3');
    expect(before.competencies).toBe(4);
    const title = `Written In Two Parts ${heading}`;
    const whole = retitle(content.read(L3), 'L3', title);
    const cut = competencyStart(whole, heading);
    const sampling = sampleUntil(server, 'software-engineer/L3', (a) => a.title === title);
    content.write(L3, whole.slice(0, cut));
    await pause(300);
    appendFileSync(path.join(content.dir, L3), whole.slice(cut));
    const answers = await sampling;
    expect(answers.filter((a) => a.competencies !== 4)).toEqual([]);
  });

  it('never answers level: null while a file is deleted and written again', async () => {
    const text = retitle(content.read(L3), 'L3', 'Recreated');
    const sampling = sampleUntil(server, 'software-engineer/L3', (a) => a.title === 'Recreated');
    rmSync(path.join(content.dir, L3));
    await pause(300);
    content.write(L3, text);
    const answers = await sampling;
    expect(answers.filter((a) => a.title === null)).toEqual([]);
  });

  it('never answers level: null while a track folder is moved away and back', async () => {
    const aside = mkdtempSync(path.join(tmpdir(), 'cfa-aside-'));
    const track = path.join(content.dir, 'site-reliability-engineer');
    const sampling = sampleUntil(server, 'site-reliability-engineer/L2', (a) => a.title === 'Moved Back');
    renameSync(track, path.join(aside, 'site-reliability-engineer'));
    await pause(300);
    renameSync(path.join(aside, 'site-reliability-engineer'), track);
    const l2 = path.join(track, 'L2.md');
    writeFileSync(l2, retitle(content.read('site-reliability-engineer/L2.md'), 'L2', 'Moved Back'));
    const answers = await sampling;
    rmSync(aside, { recursive: true, force: true });
    expect(answers.filter((a) => a.title === null)).toEqual([]);
  });

  it('sees a new track folder and a removed one', async () => {
    cpSync(path.join(BUNDLED_CONTENT, 'software-engineer'), path.join(content.dir, 'platform-engineer'), {
      recursive: true,
    });
    await eventually(
      async () => expect(server.store.unfiltered.track('platform-engineer')).not.toBeNull(),
      15_000,
    );
    expect((await ask(server, 'platform-engineer/L2')).competencies).toBeGreaterThan(0);
    rmSync(path.join(content.dir, 'platform-engineer'), { recursive: true });
    await eventually(
      async () => expect((await ask(server, 'platform-engineer/L2')).title).toBeNull(),
      15_000,
    );
    expect(server.store.unfiltered.track('platform-engineer')).toBeNull();
    expect(server.store.unfiltered.track('software-engineer')).not.toBeNull();
  });
});

describe('CONTENT_WATCH=true on a Kubernetes ConfigMap volume', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfa-configmap-'));
  let server: TestServer;
  let generation = 0;

  /** What the kubelet does: a new timestamped folder, `..data_tmp` renamed over `..data`, the old folder removed. */
  function publish(edit?: (folder: string) => void): void {
    const previous = generation > 0 ? `..2026_11_30_10_00_00.${generation}` : null;
    generation++;
    const folder = `..2026_11_30_10_00_00.${generation}`;
    cpSync(BUNDLED_CONTENT, path.join(dir, folder), { recursive: true });
    edit?.(path.join(dir, folder));
    symlinkSync(folder, path.join(dir, '..data_tmp'));
    renameSync(path.join(dir, '..data_tmp'), path.join(dir, '..data'));
    if (previous) rmSync(path.join(dir, previous), { recursive: true });
  }

  function editTitle(title: string) {
    return (folder: string) => {
      const file = path.join(folder, L1);
      writeFileSync(file, retitle(readFileSync(file, 'utf8'), 'L1', title));
    };
  }

  beforeAll(async () => {
    publish();
    for (const track of ['software-engineer', 'site-reliability-engineer'])
      symlinkSync(`..data/${track}`, path.join(dir, track));
    server = await startTestServer({ CONTENT_DIR: dir, CONTENT_WATCH: 'true' });
    await server.store.watch();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks up each ..data swap', async () => {
    expect(server.store.unfiltered.level('software-engineer/L1')!.source.path).toBe(L1);
    publish(editTitle('First ConfigMap Update'));
    await servedTitle(server, 'software-engineer/L1', 'First ConfigMap Update');
    publish(editTitle('Second ConfigMap Update'));
    await servedTitle(server, 'software-engineer/L1', 'Second ConfigMap Update');
  });
});

describe('CONTENT_WATCH=true on a git-sync link', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cfa-git-sync-'));
  const link = path.join(root, 'content');
  let server: TestServer;

  beforeAll(async () => {
    cpSync(BUNDLED_CONTENT, path.join(root, '.worktrees', 'aaaa'), { recursive: true });
    symlinkSync('.worktrees/aaaa', link);
    server = await startTestServer({ CONTENT_DIR: link, CONTENT_WATCH: 'true' });
    await server.store.watch();
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('follows the link to a new worktree and keeps watching there', async () => {
    const next = path.join(root, '.worktrees', 'bbbb');
    cpSync(BUNDLED_CONTENT, next, { recursive: true });
    const file = path.join(next, L1);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, retitle(original, 'L1', 'Synced'));
    symlinkSync('.worktrees/bbbb', path.join(root, 'content.tmp'));
    renameSync(path.join(root, 'content.tmp'), link);
    rmSync(path.join(root, '.worktrees', 'aaaa'), { recursive: true });
    await servedTitle(server, 'software-engineer/L1', 'Synced');
    writeFileSync(file, retitle(original, 'L1', 'Edited After Sync'));
    await servedTitle(server, 'software-engineer/L1', 'Edited After Sync');
  });
});

describe('the content store', () => {
  let content: TempContent;
  let store: ContentStore;
  let metrics: Metrics;
  let logLines: { msg: string; file?: string; shrank?: string; level?: number }[];

  beforeEach(async () => {
    content = new TempContent();
    metrics = new Metrics();
    logLines = [];
    const log = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
    const opened = await ContentStore.open(content.dir, { onReload: reloadReporter(log, metrics) });
    if (!opened.ok) throw new Error('bundled content refused');
    store = opened.store;
  });
  afterEach(() => {
    store.unwatch();
    content.remove();
  });

  it('serves a level that really lost most of its content, and says so in the log and the metrics', async () => {
    const text = content.read(L3);
    content.write(L3, text.slice(0, competencyStart(text, 2)));
    const outcome = await store.reload('SIGHUP');
    expect(outcome.ok).toBe(true);
    expect(store.unfiltered.level('software-engineer/L3')!.competencies).toHaveLength(1);
    expect(outcome.ok && outcome.shrinks.map((s) => s.file)).toEqual([L3]);
    const warnings = logLines.filter((l) => l.file === L3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(warnings[0]!.msg).toContain(L3);
    expect(warnings[0]!.shrank).toContain('competencies 4 → 1');
    expect(await metrics.registry.getSingleMetricAsString('content_shrink_warnings_total')).toMatch(
      /^content_shrink_warnings_total 1$/m,
    );
  });

  it('reads a file again when the load caught it half-written', async () => {
    const whole = retitle(content.read(L3), 'L3', 'Finished Later');
    const firstCompetencyOnly = competencyStart(whole, 2);
    content.write(L3, whole.slice(0, firstCompetencyOnly));
    const reloading = store.reload('SIGHUP');
    await pause(200);
    appendFileSync(path.join(content.dir, L3), whole.slice(firstCompetencyOnly));
    const outcome = await reloading;
    expect(outcome.ok && outcome.shrinks).toEqual([]);
    const level = store.unfiltered.level('software-engineer/L3')!;
    expect([level.title, level.competencies.length]).toEqual(['Finished Later', 4]);
    expect(await metrics.registry.getSingleMetricAsString('content_shrink_warnings_total')).toMatch(
      /^content_shrink_warnings_total 0$/m,
    );
  });

  it("reloads once for an edit, not again for an editor's hidden files or repeated events", async () => {
    const swaps: string[] = [];
    store.onSwap((f) => swaps.push(f.version));
    await store.watch({ settleMs: 50 });
    const original = content.read(L1);
    content.write('software-engineer/.L1.md.swp', 'editor state'); // hidden: not content
    content.write(L1, retitle(original, 'L1', 'Changed'));
    await eventually(async () =>
      expect(store.unfiltered.level('software-engineer/L1')!.title).toBe('Changed'),
    );
    expect(swaps).toHaveLength(1);
  });
});
