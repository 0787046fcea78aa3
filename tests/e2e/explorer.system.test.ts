import fs from 'node:fs';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium, screenshotPaths } from './support/browser';
import { ensureExplorerBuilt } from './support/build';
import { graphql } from './support/graphql';

// The explorer in a real browser against the real server. Every number a page must show is asked of
// the API first, so the tests follow the content instead of hard-coding it.

const FROM = 'site-reliability-engineer/L2';
const TO = 'site-reliability-engineer/L3';
const DIFF_URL = `/diff?from=${FROM}&to=${TO}`;

interface Summary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}
interface Change {
  status: string;
  segments: { kind: string; text: string }[];
}
interface DiffAnswer {
  diffLevels: {
    summary: Summary;
    attributes: { key: string }[];
    competencies: { slug: string; summary: Summary; expectations: Change[]; examples: Change[] }[];
  };
}

let server: TestServer;
let browser: Browser;
let page: Page;
// the pages obey their own Content-Security-Policy and throw nothing, on every test
const problems: string[] = [];

beforeAll(async () => {
  ensureExplorerBuilt();
  server = await startTestServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // fail with Playwright's message (which element, which state) well before jest's own timeout
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

/** Opens a URL and waits until the explorer has rendered its page (the h1 replaces "Loading…"). */
async function open(path: string): Promise<void> {
  await page.goto(`${server.address}${path}`);
  await page.locator('main:not([aria-busy]) h1').waitFor();
}

/** The top of the page, taller than the window, so a screenshot shows more than the controls. */
async function saveScreenshot(name: string, height: number): Promise<void> {
  const [first, ...copies] = screenshotPaths(name);
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: first!, fullPage: true, clip: { x: 0, y: 0, width, height } });
  for (const copy of copies) fs.copyFileSync(first!, copy);
}

const activeElement = (expression: string): Promise<unknown> =>
  page.evaluate(`(() => { const el = document.activeElement; return ${expression}; })()`);

const number = async (selector: string): Promise<number> =>
  Number(await page.locator(selector).first().textContent());

describe('the diff view', () => {
  let api: DiffAnswer['diffLevels'];

  beforeAll(async () => {
    const answer = await graphql<DiffAnswer>(
      server.url,
      `
        query ($from: ID!, $to: ID!) {
          diffLevels(from: $from, to: $to) {
            summary {
              added
              removed
              changed
              unchanged
            }
            attributes {
              key
            }
            competencies {
              slug
              summary {
                added
                removed
                changed
                unchanged
              }
              expectations {
                status
                segments {
                  kind
                  text
                }
              }
              examples {
                status
                segments {
                  kind
                  text
                }
              }
            }
          }
        }
      `,
      { from: FROM, to: TO },
    );
    api = answer.diffLevels;
  });

  /** The API's expectations of one status, over every competency: what one reader's section holds. */
  const expectationsOf = (status: string): Change[] =>
    api.competencies.flatMap((c) => c.expectations.filter((e) => e.status === status));

  it('opens from a shared URL as a reader’s page: new, grown and still expected, counted as the API has them', async () => {
    await open(DIFF_URL);
    await expect(page.locator('h1').textContent()).resolves.toContain('Senior Site Reliability Engineer');
    const sections = { added: 'reader-new', changed: 'reader-grown', unchanged: 'reader-still' };
    for (const [key, id] of Object.entries(sections)) {
      const expected = expectationsOf(key.toUpperCase()).length;
      expect({ key, count: await number(`.counts--reader [data-status="${key}"] .count-value`) }).toEqual({
        key,
        count: expected,
      });
      await expect(page.locator(`#${id} li.change--${key}`).count()).resolves.toBe(expected);
    }
    // the bundled step goes upwards on one track: nothing L2 expects is missing at L3
    await expect(page.locator('.counts--reader [data-status="removed"]').count()).resolves.toBe(0);
    // each section groups its items under their competencies, as many as the API has of that status
    for (const competency of api.competencies) {
      for (const [key, id] of Object.entries(sections)) {
        const n = competency.expectations.filter((e) => e.status === key.toUpperCase()).length;
        await expect(
          page.locator(`#${id} .reader-group[data-slug="${competency.slug}"] li`).count(),
        ).resolves.toBe(n);
      }
    }
    await expect(page.locator('.attribute-change').count()).resolves.toBe(api.attributes.length);
  });

  it('lists no item as removed, folds what is still expected, and shows the higher level’s own examples', async () => {
    await expect(page.locator('li.change--removed').count()).resolves.toBe(0);
    await expect(page.locator('main .badge--removed').count()).resolves.toBe(0);
    await expect(page.locator('#reader-still .fold--unchanged li.change--unchanged').count()).resolves.toBe(
      expectationsOf('UNCHANGED').length,
    );
    // folded behind a toggle that is collapsed and says what it shows
    const toggles = page.locator('.fold--unchanged .fold-toggle');
    for (const state of await toggles.evaluateAll((all) => all.map((b) => b.getAttribute('aria-expanded'))))
      expect(state).toBe('false');
    for (const text of await toggles.locator('.fold-label').allTextContents())
      expect(text).toMatch(/^Show \d+ still expected$/);
    await expect(page.locator('.fold--unchanged li').first().isVisible()).resolves.toBe(false);
    // examples are each level's own evidence: L3's are listed, L2's are not called removed
    const ownExamples = api.competencies.flatMap((c) => c.examples).filter((e) => e.status !== 'REMOVED');
    await expect(page.locator('#reader-examples li').count()).resolves.toBe(ownExamples.length);
  });

  it('keeps the editors’ layout a toggle away: every item by status, with the counts of the API', async () => {
    await open(`${DIFF_URL}&basis=written`);
    const written = await graphql<DiffAnswer>(
      server.url,
      `
        query W($from: ID!, $to: ID!) {
          diffLevels(from: $from, to: $to, basis: WRITTEN) {
            summary {
              added
              removed
              changed
              unchanged
            }
            attributes {
              key
            }
            competencies {
              slug
              summary {
                added
                removed
                changed
                unchanged
              }
              expectations {
                status
                segments {
                  kind
                  text
                }
              }
              examples {
                status
                segments {
                  kind
                  text
                }
              }
            }
          }
        }
      `,
      { from: FROM, to: TO },
    );
    const summary = written.diffLevels.summary;
    for (const key of ['added', 'removed', 'changed', 'unchanged'] as const) {
      expect(await number(`.counts--total [data-status="${key}"] .count-value`)).toBe(summary[key]);
    }
    for (const competency of written.diffLevels.competencies) {
      const section = `section.competency-diff[data-slug="${competency.slug}"]`;
      for (const key of ['added', 'removed', 'changed', 'unchanged'] as const) {
        expect(await number(`${section} .counts--competency [data-status="${key}"] .count-value`)).toBe(
          competency.summary[key],
        );
      }
    }
    await expect(page.locator('section.competency-diff').count()).resolves.toBe(
      written.diffLevels.competencies.length,
    );
    await expect(page.locator('li.change--added').count()).resolves.toBe(summary.added);
    await expect(page.locator('li.change--removed').count()).resolves.toBe(summary.removed);
    await expect(page.locator('li.change--changed').count()).resolves.toBe(summary.changed);
    await expect(page.locator('.fold--unchanged li.change--unchanged').count()).resolves.toBe(
      summary.unchanged,
    );
    expect(await page.locator('li.change--added .badge').allTextContents()).toEqual(
      Array(summary.added).fill('+ Added'),
    );
    expect(await page.locator('li.change--removed .badge').allTextContents()).toEqual(
      Array(summary.removed).fill('− Removed'),
    );
    for (const text of await page.locator('.fold--unchanged .fold-label').allTextContents())
      expect(text).toMatch(
        /^Show (1 unchanged (expectation|example)|([02-9]|\d\d+) unchanged (expectations|examples))$/,
      );
  });

  it('says how a cumulative track compares, lists no still-expected expectation as removed, and opens the files as written a link away', async () => {
    await open(DIFF_URL);
    await expect(page.locator('.basis-note[data-basis="expected"]').isVisible()).resolves.toBe(true);
    const removedExpectations = 'ol[aria-labelledby$="-expectations"] li.change--removed';
    await expect(page.locator('li.change--removed').count()).resolves.toBe(0);
    const folded = await page.locator('.fold--unchanged .fold-label').allTextContents();
    expect(folded.some((text) => /still expected$/.test(text))).toBe(true);

    const written = await graphql<{ diffLevels: { competencies: { expectations: { status: string }[] }[] } }>(
      server.url,
      `
        query W($from: ID!, $to: ID!) {
          diffLevels(from: $from, to: $to, basis: WRITTEN) {
            competencies {
              expectations {
                status
              }
            }
          }
        }
      `,
      { from: FROM, to: TO },
    );
    const writtenRemoved = written.diffLevels.competencies
      .flatMap((c) => c.expectations)
      .filter((e) => e.status === 'REMOVED').length;
    expect(writtenRemoved).toBeGreaterThan(0);
    await page.locator('.basis-toggle').click();
    await page.waitForURL(`${server.address}${DIFF_URL}&basis=written`);
    await page.locator('main:not([aria-busy]) .basis-note[data-basis="written"]').waitFor();
    await expect(page.locator(removedExpectations).count()).resolves.toBe(writtenRemoved);
    await page.locator('.basis-toggle').click();
    await page.locator('main:not([aria-busy]) .basis-note[data-basis="expected"]').waitFor();
  });

  it('highlights the inserted and deleted words inside every changed item, exactly as the API segments them', async () => {
    const changed = page.locator('li.change--changed');
    const count = await changed.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await expect(changed.nth(i).locator('ins, del').count()).resolves.toBeGreaterThan(0);
    }
    // the reader's page lists grown expectations by competency; examples are the higher level's own,
    // so they have no word diff
    const segments = api.competencies.flatMap((c) =>
      c.expectations.filter((x) => x.status === 'CHANGED').flatMap((x) => x.segments),
    );
    // a segment of punctuation or white space alone is drawn and named; data-text keeps its text
    const texts = (selector: string): Promise<string[]> =>
      page
        .locator(selector)
        .evaluateAll((all) => all.map((el) => el.getAttribute('data-text') ?? el.textContent ?? ''));
    expect(await texts('li.change--changed .change-text ins')).toEqual(
      segments.filter((s) => s.kind === 'INSERTED').map((s) => s.text),
    );
    expect(await texts('li.change--changed .change-text del')).toEqual(
      segments.filter((s) => s.kind === 'DELETED').map((s) => s.text),
    );
    await saveScreenshot('diff-sre-l2-l3', 1600);
  });

  it('prints without the controls and with the unchanged items expanded', async () => {
    // a level compared with itself: all unchanged, so something is folded whatever the content holds
    await open('/diff?from=software-engineer/L3&to=software-engineer/L3');
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
      await expect(page.locator('form.controls').isVisible()).resolves.toBe(false);
      await page.locator('.fold--unchanged li').first().waitFor({ state: 'visible' });
      await expect(page.locator('.fold-toggle').first().isVisible()).resolves.toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await page.locator('.fold--unchanged li').first().waitFor({ state: 'hidden' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(true);
  });

  it('is keyboard-usable: skip link, labelled controls, and the compare button updates the URL', async () => {
    await open('/diff');
    await page.keyboard.press('Tab');
    expect(await activeElement('el.className + " " + el.textContent')).toBe('skip-link Skip to content');
    await page.keyboard.press('Enter');
    expect(await activeElement('el.id')).toBe('main');

    // Tab on from the skip target reaches the "From" select; focus is visible on the way
    const visited: string[] = [];
    for (let i = 0; i < 10 && (await activeElement('el.id')) !== 'diff-from'; i++) {
      await page.keyboard.press('Tab');
      visited.push(String(await activeElement('el.tagName')));
      expect(await activeElement('getComputedStyle(el).outlineStyle')).not.toBe('none');
    }
    expect(await activeElement('el.id')).toBe('diff-from');
    expect(await activeElement('el.labels[0].textContent')).toBe('From');

    // choose L1 → L2 … L2 → L3 with the arrow keys only
    const fromBefore = String(await activeElement('el.value'));
    await page.keyboard.press('ArrowDown');
    expect(await activeElement('el.value')).not.toBe(fromBefore);
    await page.keyboard.press('Tab'); // the swap button
    expect(await activeElement('el.textContent')).toContain('Swap');
    await page.keyboard.press('Tab');
    expect(await activeElement('el.id')).toBe('diff-to');
    await page.keyboard.press('ArrowDown');
    const from = String(await page.locator('#diff-from').inputValue());
    const to = String(await page.locator('#diff-to').inputValue());
    await page.keyboard.press('Tab');
    expect(await activeElement('el.textContent')).toBe('Compare');
    await page.keyboard.press('Enter');

    await page.waitForURL(`${server.address}/diff?from=${from}&to=${to}`);
    await page.locator('main:not([aria-busy]) h1.diff-title').waitFor();
    expect(`${from} → ${to}`).toBe(`${FROM} → ${TO}`);
    // focus moves to the new page's heading, where a screen reader resumes
    expect(await activeElement('el.tagName')).toBe('H1');
    await expect(page.locator('li.change--changed ins').count()).resolves.toBeGreaterThan(0);

    // back and forward go through the history the explorer wrote
    await page.goBack();
    // the skip link's own history entry (#main) is where the explorer was before comparing
    await page.waitForURL(`${server.address}/diff#main`);
    await page.locator('main:not([aria-busy]) h1:not(.diff-title)').waitFor();
    await page.goForward();
    await page.locator('main:not([aria-busy]) h1.diff-title').waitFor();
  });

  it('names an unknown level in an alert and offers the API suggestions as links', async () => {
    const wrong = 'site-reliability-engineer/L9';
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ diffLevels(from: "${wrong}", to: "${TO}") { summary { added } } }` }),
    });
    const body = (await response.json()) as {
      errors: { extensions: { code: string; suggestions: string[] } }[];
    };
    const { code, suggestions } = body.errors[0]!.extensions;
    expect(code).toBe('BAD_USER_INPUT');

    await open(`/diff?from=${wrong}&to=${TO}`);
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain(`“${wrong}”`);
    expect(await alert.locator('.suggestions a').allTextContents()).toEqual(suggestions);
    await alert.locator('.suggestions a').first().click();
    await page.waitForURL(`${server.address}/diff?from=${suggestions[0]}&to=${TO}`);
    await page.locator('main:not([aria-busy]) h1.diff-title').waitFor();
  });
});

describe('the level page', () => {
  it('shows the title, statement, attributes and every competency with its expectations and examples', async () => {
    const id = 'software-engineer/L3';
    const { level } = await graphql<{
      level: {
        title: string;
        summary: string;
        attributes: { label: string; value: string }[];
        competencies: {
          slug: string;
          name: string;
          expectations: { text: string }[];
          examples: { text: string }[];
        }[];
      };
    }>(
      server.url,
      `
        query ($id: ID!) {
          level(id: $id) {
            title
            summary
            attributes {
              label
              value
            }
            competencies {
              slug
              name
              expectations {
                text
              }
              examples {
                text
              }
            }
          }
        }
      `,
      { id },
    );
    await open(`/level?id=${id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(level.title);
    await expect(page.locator('.statement').textContent()).resolves.toBe(level.summary);
    expect(await page.locator('.attributes dt').allTextContents()).toEqual(
      level.attributes.map((a) => a.label),
    );
    expect(await page.locator('section.competency h2').allTextContents()).toEqual(
      level.competencies.map((c) => expect.stringContaining(c.name)),
    );
    for (const c of level.competencies) {
      const section = page.locator(`#competency-${c.slug}`);
      expect(await section.locator('ul.items:not(.items--examples) li').allTextContents()).toEqual(
        c.expectations.map((e) => e.text),
      );
      expect(await section.locator('ul.items--examples li').allTextContents()).toEqual(
        c.examples.map((x) => x.text),
      );
    }
    // headings in order: one h1, then h2 sections with h3 inside
    expect(await page.locator('main h1').count()).toBe(1);
  });

  it('names an unknown level in an alert', async () => {
    await open('/level?id=software-engineer/L7');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('“software-engineer/L7”');
    await expect(page.getByRole('alert').locator('.suggestions a').count()).resolves.toBeGreaterThan(0);
  });

  it('fits a 375px phone screen without sideways scrolling, as do the diff and the matrix pages', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    try {
      for (const path of [
        '/level?id=site-reliability-engineer/L3',
        DIFF_URL,
        '/matrix?track=site-reliability-engineer',
      ]) {
        await open(path);
        expect({ path, width: await page.evaluate('document.scrollingElement.scrollWidth') }).toEqual({
          path,
          width: 375,
        });
      }
      // the matrix scrolls inside its own box instead
      const box = page.locator('.table-scroll');
      expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('the competency matrix', () => {
  it('has one row per competency and one column per level, as the API has them', async () => {
    const { track } = await graphql<{
      track: { competencyMatrix: { levels: { code: string; title: string }[]; rows: { name: string }[] } };
    }>(
      server.url,
      `
        {
          track(id: "site-reliability-engineer") {
            competencyMatrix {
              levels {
                code
                title
              }
              rows {
                name
              }
            }
          }
        }
      `,
    );
    const { levels, rows } = track.competencyMatrix;
    await page.setViewportSize({ width: 1440, height: 900 });
    try {
      await open('/matrix?track=site-reliability-engineer');
      const table = page.locator('table.matrix');
      await expect(table.locator('tbody tr').count()).resolves.toBe(rows.length);
      await expect(table.locator('thead th[scope="col"]').count()).resolves.toBe(levels.length + 1);
      expect(await table.locator('tbody th[scope="row"]').allTextContents()).toEqual(
        rows.map((r) => expect.stringContaining(r.name)),
      );
      expect(await table.locator('thead .level-code').allTextContents()).toEqual(levels.map((l) => l.code));
      for (const row of await table.locator('tbody tr').all()) {
        await expect(row.locator('td').count()).resolves.toBe(levels.length);
      }
      await saveScreenshot('matrix-sre', 1300);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('search', () => {
  it('lists the API hits, each linking to its level page, through client-side navigation', async () => {
    const { search } = await graphql<{ search: { id: string }[] }>(
      server.url,
      `
        {
          search(query: "mentor", limit: 50) {
            id
          }
        }
      `,
    );
    await open('/');
    await page.locator('#site-search-q').fill('mentor');
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL(`${server.address}/search?q=mentor`);
    await page.locator('main:not([aria-busy]) .hits, main:not([aria-busy]) .result-count').first().waitFor();
    await expect(page.locator('.hit').count()).resolves.toBe(search.length);
    const first = page.locator('.hit a').first();
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/level\?id=[^&#]+#competency-/);
    await first.click();
    await page.waitForURL(`${server.address}${href}`);
    await page.locator('main:not([aria-busy]) .statement').waitFor();
  });
});
