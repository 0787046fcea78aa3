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
// then v2026.2 rewords SRE L3, adds SRE L6 and removes Software Engineer L5.

const CHANGED = 'site-reliability-engineer/L3';
const ADDED = 'site-reliability-engineer/L6';
const REMOVED = 'software-engineer/L5';
const OLD_LINE = "- I am advanced in my team's domain.";
const NEW_LINE = "- I am advanced in my team's domain and its on-call runbooks.";

/** The bundled content in a new repository: two tagged versions, the later one checked out. */
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

  const l3 = path.join(repo, 'content', `${CHANGED}.md`);
  const text = fs.readFileSync(l3, 'utf8');
  if (!text.includes(OLD_LINE)) throw new Error(`the bundled ${CHANGED} no longer has "${OLD_LINE}"`);
  fs.writeFileSync(l3, text.replace(OLD_LINE, NEW_LINE));
  await git.add({ fs, dir, filepath: `content/${CHANGED}.md` });
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

describe('what changed since a version', () => {
  it('is in the site navigation and lists changed, added and removed levels since the chosen tag', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open('/');
    await page.locator('.site-nav a', { hasText: 'What changed' }).click();
    await page.locator('main:not([aria-busy]) h1', { hasText: 'What changed' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/changes');

    await page.locator('#changes-since').selectOption('v2026.1');
    await page.getByRole('button', { name: 'Show changes' }).click();
    await page.locator('.changes-intro').waitFor();
    expect(new URL(page.url()).search).toBe('?since=v2026.1');
    expect(await page.locator('.changes-intro').textContent()).toContain(
      'From v2026.1 (10 Jan 2026) to v2026.2: 1 level changed, 1 level added, 1 level removed.',
    );

    // the changed level is drawn as the compare page draws a diff, words marked
    const changed = page.locator(`.changed-level[data-level="${CHANGED}"]`);
    expect(await changed.locator('h3').first().textContent()).toContain(
      'L3 · Senior Site Reliability Engineer',
    );
    expect(await changed.locator('.change--changed ins').allTextContents()).toEqual([
      expect.stringContaining('its on-call runbooks'),
    ]);
    expect(await changed.locator('.counts--total .count--changed').getAttribute('data-count')).toBe('1');
    expect(
      await changed.getByRole('link', { name: 'Open this comparison on its own' }).getAttribute('href'),
    ).toBe(`/diff?from=${CHANGED}@v2026.1&to=${CHANGED}`);

    const added = page.locator('.changes-added li a');
    expect(await added.allTextContents()).toEqual([
      'Site Reliability Engineer L6 · Distinguished Site Reliability Engineer',
    ]);
    expect(await added.getAttribute('href')).toBe(`/level?id=${ADDED}`);
    const removed = page.locator('.changes-removed li a');
    expect(await removed.allTextContents()).toEqual([expect.stringContaining('Software Engineer L5')]);
    expect(await removed.getAttribute('href')).toBe(`/level?id=${REMOVED}@v2026.1`);

    const csv = page.getByRole('link', { name: 'Download as CSV' });
    expect(await csv.getAttribute('href')).toBe('/export/changes.csv?since=v2026.1');
    const answer = await page.request.get(`${explorer.server.address}/export/changes.csv?since=v2026.1`);
    expect(answer.status()).toBe(200);
    const rows = (await answer.text()).split(/\r?\n/);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^added,site-reliability-engineer\/L6,/),
        expect.stringMatching(/^removed,software-engineer\/L5,/),
        expect.stringMatching(/^changed,site-reliability-engineer\/L3,/),
      ]),
    );
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
