import { appendFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { ContentStore } from '../../src/server/content-store';
import { reloadReporter } from '../../src/server/lifecycle';
import { Metrics } from '../../src/server/metrics';
import { cleanup, spawnServer, startupLine, type ChildServer } from '../support/child';
import { eventually } from '../support/poll';
import { TempContent } from '../support/temp-content';

const L3 = 'software-engineer/L3.md';
const L3_ID = 'software-engineer/L3';

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

function retitled(text: string, title: string): string {
  const changed = text.replace(/^# L3: .*$/m, `# L3: ${title}`);
  if (changed === text) throw new Error('retitle changed nothing');
  return changed;
}

interface Answer {
  readonly title: string | null;
  readonly competencies: number;
}

async function askL3(address: string): Promise<Answer> {
  const response = await fetch(address, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ level(id: "${L3_ID}") { title competencies { name } } }` }),
  });
  const level = ((await response.json()) as any).data?.level;
  return level
    ? { title: level.title, competencies: level.competencies.length }
    : { title: null, competencies: -1 };
}

/** Every answer a client polling L3 got from now until `done` held (bounded by the caller's timeout). */
async function sampleUntil(address: string, done: (a: Answer) => boolean, ms = 20_000): Promise<Answer[]> {
  const answers: Answer[] = [];
  await eventually(
    async () => {
      const answer = await askL3(address);
      answers.push(answer);
      return done(answer);
    },
    { ms, everyMs: 5, what: () => `the change; last ${JSON.stringify(answers.slice(-3))}` },
  );
  return answers;
}

function logLines(child: ChildServer): Record<string, any>[] {
  return child
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

describe('CONTENT_SETTLE_MS on a watched folder (a real server process)', () => {
  let child: ChildServer | undefined;
  let content: TempContent;
  beforeEach(() => (content = new TempContent()));
  afterEach(() => {
    cleanup(child);
    content.remove();
  });

  it('never serves a level written in two parts with a pause shorter than the settle time half-written', async () => {
    child = spawnServer({ CONTENT_DIR: content.dir, CONTENT_WATCH: 'true', CONTENT_SETTLE_MS: '1500' });
    const { address } = await startupLine(child);
    expect((await askL3(address)).competencies).toBe(4);
    const whole = retitled(content.read(L3), 'Written With A Long Pause');
    const cut = competencyStart(whole, 4);
    const sampling = sampleUntil(address, (a) => a.title === 'Written With A Long Pause');
    content.write(L3, whole.slice(0, cut));
    await pause(700);
    appendFileSync(path.join(content.dir, L3), whole.slice(cut));
    const answers = await sampling;
    expect(answers.filter((a) => a.competencies !== 4)).toEqual([]);
  });

  it('serves a part that stayed longer than the settle time only with the shrink warning logged', async () => {
    child = spawnServer({ CONTENT_DIR: content.dir, CONTENT_WATCH: 'true', CONTENT_SETTLE_MS: '100' });
    const { address } = await startupLine(child);
    const whole = retitled(content.read(L3), 'Finished Much Later');
    const cut = competencyStart(whole, 4);
    content.write(L3, whole.slice(0, cut));
    await eventually(async () => expect((await askL3(address)).competencies).toBe(3), 20_000);
    // the log line comes through the child's stdout pipe, which can deliver it after the answer
    await eventually(
      () =>
        expect(logLines(child!).filter((l) => l.file === L3)).toEqual([
          expect.objectContaining({
            level: 40,
            file: L3,
            levelId: L3_ID,
            shrank: expect.stringMatching(/^competencies 4 → 3, items \d+ → \d+$/),
          }),
        ]),
      5_000,
    );
    appendFileSync(path.join(content.dir, L3), whole.slice(cut));
    await eventually(
      async () => expect(await askL3(address)).toEqual({ title: 'Finished Much Later', competencies: 4 }),
      20_000,
    );
  });
});

describe('a reload that loses whole parts of a level', () => {
  let content: TempContent;
  let store: ContentStore;
  let metrics: Metrics;
  let lines: Record<string, any>[];

  beforeEach(async () => {
    content = new TempContent();
    metrics = new Metrics();
    lines = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const opened = await ContentStore.open(
      content.dir,
      { onReload: reloadReporter(log, metrics) },
      { settleMs: 50 },
    );
    if (!opened.ok) throw new Error('bundled content refused');
    store = opened.store;
  });
  afterEach(() => content.remove());

  const shrinkCount = async () =>
    /^content_shrink_warnings_total (\d+)$/m.exec(
      await metrics.registry.getSingleMetricAsString('content_shrink_warnings_total'),
    )?.[1];

  it('logs and counts a level that lost one whole competency of four', async () => {
    const text = content.read(L3);
    content.write(L3, text.slice(0, competencyStart(text, 4)));
    const outcome = await store.reload('SIGHUP');
    expect(outcome.ok && outcome.shrinks.map((s) => [s.file, s.levelId])).toEqual([[L3, L3_ID]]);
    expect(store.unfiltered.level(L3_ID)!.competencies).toHaveLength(3);
    const warnings = lines.filter((l) => l.file === L3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, levelId: L3_ID });
    expect(warnings[0]!.shrank).toMatch(/^competencies 4 → 3, items \d+ → \d+$/);
    expect(await shrinkCount()).toBe('1');
  });

  it('logs and counts a level that kept its competencies but lost whole items', async () => {
    const text = content.read(L3);
    const lastItem = text.indexOf('\n- I adapt quickly to unfamiliar parts');
    const withoutItem = text.slice(0, lastItem) + text.slice(text.indexOf('\n', lastItem + 1));
    content.write(L3, withoutItem);
    const outcome = await store.reload('SIGHUP');
    expect(outcome.ok && outcome.shrinks.map((s) => s.detail)).toEqual([
      expect.stringMatching(/^items \d+ → \d+$/),
    ]);
    expect(await shrinkCount()).toBe('1');
  });

  it('says nothing about an edit that loses no competency or item', async () => {
    content.write(L3, retitled(content.read(L3), 'Only Retitled'));
    const outcome = await store.reload('SIGHUP');
    expect(outcome.ok && outcome.shrinks).toEqual([]);
    expect(await shrinkCount()).toBe('0');
  });
});
