import * as fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as git from 'isomorphic-git';
import { BUNDLED_CONTENT } from '../support/bundled';
import { levelFile } from '../support/git-content';
import { startTestServer } from '../support/server';
import { explorerTab } from './support/page';
import { useExplorerSession } from './support/session';

// The "What changed" page, @ref ids on the compare page and the level page's last change, in a real
// browser against a server whose content is a real git repository: the bundled content at v2026.1,
// then v2026.2 rewords SRE L3, adds SRE L6 and removes Software Engineer L5, then v2026.3 (served now)
// rewords SRE L2.

const CHANGED = 'site-reliability-engineer/L3';
const ADDED = 'site-reliability-engineer/L6';
const REMOVED = 'software-engineer/L5';
const OLD_LINE = "- I am advanced in my team's domain.";
const NEW_LINE = "- I am advanced in my team's domain and its on-call runbooks.";
const LATER = 'site-reliability-engineer/L2';
const LATER_OLD = "- I am proficient in my team's domain.";
const LATER_NEW = "- I am proficient in my team's domain and its dashboards.";

/** The bundled content in a new repository: three tagged versions, the last one checked out. */
async function bundledHistory(): Promise<{ repo: string; contentDir: string }> {
  const repo = mkdtempSync(path.join(tmpdir(), 'cfa-changes-'));
  const dir = repo;
  fs.cpSync(BUNDLED_CONTENT, path.join(repo, 'content'), { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  const commit = async (message: string, timestamp: number): Promise<string> => {
    const who = { name: 'Test', email: 'test@example.com', timestamp, timezoneOffset: 0 };
    return git.commit({ fs, dir, message, author: who, committer: who });
  };
  for (const file of fs.readdirSync(path.join(repo, 'content'), { recursive: true, encoding: 'utf8' })) {
    if (fs.statSync(path.join(repo, 'content', file)).isFile())
      await git.add({ fs, dir, filepath: path.posix.join('content', file.split(path.sep).join('/')) });
  }
  const v1 = await commit('Framework 2026.1', Date.UTC(2026, 0, 10) / 1000);
  await git.tag({ fs, dir, ref: 'v2026.1', object: v1 });

  const reword = async (level: string, from: string, to: string): Promise<void> => {
    const file = path.join(repo, 'content', `${level}.md`);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`the bundled ${level} no longer has "${from}"`);
    fs.writeFileSync(file, text.replace(from, to));
    await git.add({ fs, dir, filepath: `content/${level}.md` });
  };
  await reword(CHANGED, OLD_LINE, NEW_LINE);
  fs.writeFileSync(
    path.join(repo, 'content', `${ADDED}.md`),
    levelFile('L6', 6, 'Distinguished Site Reliability Engineer', [
      'I set reliability direction for the company.',
    ]),
  );
  await git.add({ fs, dir, filepath: `content/${ADDED}.md` });
  fs.rmSync(path.join(repo, 'content', `${REMOVED}.md`));
  await git.remove({ fs, dir, filepath: `content/${REMOVED}.md` });
  const v2 = await commit('Framework 2026.2', Date.UTC(2026, 2, 12) / 1000);
  await git.tag({ fs, dir, ref: 'v2026.2', object: v2 });

  await reword(LATER, LATER_OLD, LATER_NEW);
  const v3 = await commit('Framework 2026.3', Date.UTC(2026, 4, 14) / 1000);
  await git.tag({ fs, dir, ref: 'v2026.3', object: v3 });
  return { repo, contentDir: path.join(repo, 'content') };
}

let repo: string | undefined;
const explorer = useExplorerSession(async () => {
  const history = await bundledHistory();
  repo = history.repo;
  return { CONTENT_DIR: history.contentDir };
});

afterAll(() => {
  if (repo) fs.rmSync(repo, { recursive: true, force: true });
});

/** The feed's entries as a reader sees them: each one's title and the page it links to (path and query). */
async function feedEntries(address: string): Promise<{ title: string; page: string }[]> {
  const answer = await fetch(`${address}/changes.atom`);
  expect(answer.status).toBe(200);
  const xml = await answer.text();
  return [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, entry = '']) => {
    const title = /<title>([^<]*)<\/title>/.exec(entry)?.[1] ?? '';
    const href = /<link\b[^>]*\brel="alternate"[^>]*\bhref="([^"]+)"/.exec(entry)?.[1] ?? '';
    const url = new URL(href.replace(/&amp;/g, '&'));
    return { title, page: url.pathname + url.search };
  });
}

const intro = () => explorer.tab.page.locator('.changes-intro');
const changedIds = () =>
  explorer.tab.page
    .locator('.changed-level')
    .evaluateAll((sections) => sections.map((s) => s.getAttribute('data-level')));

describe('what changed since a version', () => {
  it('is in the site navigation and opens with the changes since the version its picker preselects', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open('/');
    await page.locator('.site-nav a', { hasText: 'What changed' }).click();
    await page.locator('main:not([aria-busy]) .changes-intro').waitFor();
    // the URL says what the page shows, so it can be shared and reloaded as it is
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/changes?since=v2026.2');
    expect(await page.locator('#changes-since').inputValue()).toBe('v2026.2');
    expect(await page.locator('#changes-until').inputValue()).toBe('');
    expect(await intro().textContent()).toContain(
      'From v2026.2 (12 Mar 2026) to v2026.3: 1 level changed, 0 levels added, 0 levels removed.',
    );
    expect(await changedIds()).toEqual([LATER]);
  });

  it('shows only the step from since to until, and the until picker and the CSV link carry until', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open('/changes');
    await page.locator('#changes-since').selectOption('v2026.1');
    // once since is v2026.1, until offers the versions after it and the content served now
    expect(
      await page
        .locator('#changes-until option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
    ).toEqual(['', 'v2026.3', 'v2026.2']);
    await page.locator('#changes-until').selectOption('v2026.2');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.locator('main:not([aria-busy]) .changes-intro', { hasText: 'v2026.1' }).waitFor();
    expect(new URL(page.url()).search).toBe('?since=v2026.1&until=v2026.2');
    expect(await page.locator('#changes-since').inputValue()).toBe('v2026.1');
    expect(await page.locator('#changes-until').inputValue()).toBe('v2026.2');
    expect(await intro().textContent()).toContain(
      'From v2026.1 (10 Jan 2026) to v2026.2: 1 level changed, 1 level added, 1 level removed.',
    );
    // SRE L2 changed after until, so this step does not list it
    expect(await changedIds()).toEqual([`${CHANGED}@v2026.2`]);

    // the changed level is drawn as the compare page draws a diff, words marked
    const changed = page.locator('.changed-level').first();
    expect(await changed.locator('h3').first().textContent()).toContain(
      'L3 · Senior Site Reliability Engineer',
    );
    expect(await changed.locator('.change--changed ins').allTextContents()).toEqual([
      expect.stringContaining('its on-call runbooks'),
    ]);
    expect(await changed.locator('.counts--total .count--changed').getAttribute('data-count')).toBe('1');
    expect(
      await changed.getByRole('link', { name: 'Open this comparison on its own' }).getAttribute('href'),
    ).toBe(`/diff?from=${CHANGED}@v2026.1&to=${CHANGED}@v2026.2`);

    const added = page.locator('.changes-added li a');
    expect(await added.allTextContents()).toEqual([
      'Site Reliability Engineer L6 · Distinguished Site Reliability Engineer',
    ]);
    expect(await added.getAttribute('href')).toBe(`/level?id=${ADDED}@v2026.2`);
    const removed = page.locator('.changes-removed li a');
    expect(await removed.allTextContents()).toEqual([expect.stringContaining('Software Engineer L5')]);
    expect(await removed.getAttribute('href')).toBe(`/level?id=${REMOVED}@v2026.1`);

    const csv = page.getByRole('link', { name: 'Download as CSV' });
    const csvHref = await csv.getAttribute('href');
    expect(csvHref).toBe('/export/changes.csv?since=v2026.1&until=v2026.2');
    const answer = await page.request.get(`${explorer.server.address}${csvHref}`);
    expect(answer.status()).toBe(200);
    const rows = (await answer.text()).split(/\r?\n/);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^added,site-reliability-engineer\/L6,/),
        expect.stringMatching(/^removed,software-engineer\/L5,/),
        expect.stringMatching(/^changed,site-reliability-engineer\/L3,/),
      ]),
    );
    expect(rows.filter((row) => row.includes(`,${LATER},`) || row.includes(`,${LATER}@`))).toEqual([]);
  });

  it('opens a feed entry’s link on that step’s changed levels', async () => {
    const { page } = explorer.tab;
    const entries = await feedEntries(explorer.server.address);
    expect(entries.map((e) => e.title)).toEqual(['Framework 2026.3', 'Framework 2026.2', 'Framework 2026.1']);

    const step = entries.find((e) => e.title === 'Framework 2026.2')!;
    expect(step.page).toMatch(/^\/changes\?since=[0-9a-f]{40}&until=[0-9a-f]{40}$/);
    await explorer.tab.open(step.page);
    expect(await intro().textContent()).toContain(
      'From v2026.1 (10 Jan 2026) to v2026.2: 1 level changed, 1 level added, 1 level removed.',
    );
    // the page names the versions as the link does (by hash), so its level ids carry that ref
    expect((await changedIds()).map((id) => id?.split('@')[0])).toEqual([CHANGED]);
    expect(await page.locator('#changes-since').inputValue()).toBe('v2026.1');
    expect(await page.locator('#changes-until').inputValue()).toBe('v2026.2');
    const csv = new URL(
      (await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'))!,
      explorer.server.address,
    );
    expect(csv.searchParams.get('until')).toBe(new URLSearchParams(step.page.split('?')[1]).get('until'));

    const latest = entries.find((e) => e.title === 'Framework 2026.3')!;
    await explorer.tab.open(latest.page);
    expect(await changedIds()).toEqual([LATER]);
  });

  it('shows the first version’s levels as added, and until alone as the step from the version before', async () => {
    const { page } = explorer.tab;
    const first = (await feedEntries(explorer.server.address)).find((e) => e.title === 'Framework 2026.1')!;
    expect(first.page).toMatch(/^\/changes\?until=[0-9a-f]{40}$/);
    await explorer.tab.open(first.page);
    expect(await page.locator('.changes-first').textContent()).toContain(
      'v2026.1 (10 Jan 2026) is the first version',
    );
    const added = await page.locator('.changes-added li a').allTextContents();
    expect(added).toHaveLength(10);
    expect(added).toEqual(expect.arrayContaining([expect.stringContaining('Software Engineer L5')]));
    expect(await page.locator('#changes-since').inputValue()).toBe('');
    expect(await page.locator('#changes-until').inputValue()).toBe('v2026.1');
    expect(await page.locator('[role="alert"]').count()).toBe(0);

    await explorer.tab.open('/changes?until=v2026.2');
    expect(new URL(page.url()).search).toBe('?since=v2026.1&until=v2026.2');
    expect(await changedIds()).toEqual([`${CHANGED}@v2026.2`]);
  });

  it('names an unknown since or until in an alert above the form', async () => {
    const { page } = explorer.tab;
    for (const [path, argument, ref] of [
      ['/changes?since=no-such-tag', 'since', 'no-such-tag'],
      ['/changes?since=v2026.1&until=no-such-tag', 'until', 'no-such-tag'],
      ['/changes?until=no-such-tag', 'until', 'no-such-tag'],
    ] as const) {
      await explorer.tab.open(path);
      const alert = page.locator('[role="alert"]');
      expect(await alert.count()).toBe(1);
      expect(await alert.getAttribute('data-argument')).toBe(argument);
      expect(await alert.getAttribute('data-ref')).toBe(ref);
      expect(await alert.textContent()).toContain(ref);
      expect(await page.locator('#changes-since').count()).toBe(1);
      expect(await page.locator('.changes-intro').count()).toBe(0);
    }
  });

  it('compares a level at an earlier version with today’s from a URL with @ref ids', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(`/diff?from=${CHANGED}@v2026.1&to=${CHANGED}`);
    const title = await page.locator('h1').textContent();
    expect(title).toContain('(at v2026.1)');
    expect(await page.title()).toContain('Site Reliability Engineer L3@v2026.1 → L3');
    // the picker keeps the earlier version's id rather than falling back to another level
    expect(await page.locator('#diff-from').inputValue()).toBe(`${CHANGED}@v2026.1`);
    expect(await page.locator('#diff-to').inputValue()).toBe(CHANGED);
    expect(await page.locator('.change--changed ins').allTextContents()).toEqual([
      expect.stringContaining('its on-call runbooks'),
    ]);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
  });

  it('says on the level page when the level last changed and links to that diff', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(`/level?id=${CHANGED}`);
    const line = page.locator('.last-change');
    expect(await line.textContent()).toBe('Changed in v2026.2 (12 Mar 2026): see what changed');
    await line.getByRole('link', { name: 'see what changed' }).click();
    await page.locator('main:not([aria-busy]) .diff-title').waitFor();
    const url = new URL(page.url());
    expect(url.pathname + decodeURIComponent(url.search)).toBe(`/diff?from=${CHANGED}@v2026.1&to=${CHANGED}`);
    expect(await page.locator('.change--changed ins').count()).toBe(1);

    // a level no version changed says nothing
    await explorer.tab.open('/level?id=site-reliability-engineer/L1');
    expect(await page.locator('.last-change').count()).toBe(0);
  });
});

describe('what changed without history', () => {
  it('says plainly that there are no versions', async () => {
    const plain = await startTestServer({ HISTORY: 'false' });
    const other = await explorerTab(explorer.browser, plain.address);
    try {
      await other.open('/changes');
      expect(await other.page.locator('.no-history').textContent()).toContain(
        'This server has no history of the framework',
      );
      expect(await other.page.locator('#changes-since').count()).toBe(0);
      expect(other.problems).toEqual([]);
    } finally {
      await other.page.close();
      await plain.close();
    }
  });
});
