import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { screenshotPaths } from './support/browser';
import { explorerTab } from './support/page';
import { graphql } from './support/graphql';
import { useExplorerSession } from './support/session';
import { startTestServer } from '../support/server';

// The compare page as a promotion reader reads it, and the step checklist, in a real browser (issue 19):
// at desktop and phone width and in print. What the pages must list is asked of the API first.

const FROM = 'site-reliability-engineer/L2';
const TO = 'site-reliability-engineer/L3';
const COMPARE = `/diff?from=${FROM}&to=${TO}`;
const CHECKLIST = `/checklist?from=${FROM}&to=${TO}`;
// L2 states it and L3 does not restate it: L3 still expects it
const KEPT = "I debug production issues in my team's services using logs, metrics, and traces.";

// The functions given to page.evaluate run in the browser; the tests' tsconfig has Node's globals only.
declare const window: any, document: any, getComputedStyle: any;

const explorer = useExplorerSession();

interface Change {
  status: string;
  to: string | null;
}
interface StepAnswer {
  diffLevels: { competencies: { slug: string; expectations: Change[] }[] };
  level: { expected: { expectation: { text: string }; statedAt: { id: string } }[] };
  framework: { version: string; commit: { shortId: string; tags: string[] } | null };
}

let step: StepAnswer;

beforeAll(async () => {
  step = await graphql<StepAnswer>(
    explorer.server.url,
    `
      query ($from: ID!, $to: ID!) {
        diffLevels(from: $from, to: $to) {
          competencies {
            slug
            expectations {
              status
              to
            }
          }
        }
        level(id: $to) {
          expected {
            expectation {
              text
            }
            statedAt {
              id
            }
          }
        }
        framework {
          version
          commit {
            shortId
            tags
          }
        }
      }
    `,
    { from: FROM, to: TO },
  );
});

/** The texts of the expectations of these statuses, as the API lists them. */
const textsOf = (...statuses: string[]): string[] =>
  step.diffLevels.competencies.flatMap((c) =>
    c.expectations.filter((e) => statuses.includes(e.status)).map((e) => e.to!),
  );

/** Page and document fit the window: nothing makes the page scroll sideways. */
const overflow = (): Promise<{ scrollWidth: number; innerWidth: number }> =>
  explorer.tab.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));

describe('the compare page on a cumulative track', () => {
  it('reads as the step a reader takes: new at L3, grown from L2 with the word diff, and still expected, folded', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(COMPARE);
    const headings = await page.locator('.reader-section > h2').allTextContents();
    expect(headings.map((h) => h.replace(/\s*\(\d+\)$/, ''))).toEqual([
      'New at L3',
      'Grown from L2',
      'Still expected',
      'Examples at L3',
    ]);
    const textIn = (id: string): Promise<string[]> =>
      page.locator(`#${id} li .change-text`).allTextContents();
    expect(await textIn('reader-new')).toEqual(textsOf('ADDED'));
    expect(await textIn('reader-still')).toEqual(textsOf('UNCHANGED'));
    // a grown item is its word diff: the new form with the words taken out struck through
    await expect(page.locator('#reader-grown li.change--changed').count()).resolves.toBe(
      textsOf('CHANGED').length,
    );
    for (const item of await page.locator('#reader-grown li.change--changed').all())
      await expect(item.locator('ins, del').count()).resolves.toBeGreaterThan(0);
    // each item under its competency, with the competency's emoji
    for (const group of await page.locator('.reader-group').all())
      await expect(group.locator('h3 .emoji').count()).resolves.toBe(1);
    // the rule in one sentence, and the editors' view one link away
    await expect(page.locator('.basis-note').textContent()).resolves.toMatch(/still expected/);
    expect(await page.locator('.basis-toggle').getAttribute('href')).toBe(`${COMPARE}&basis=written`);
  });

  it('lists an expectation L3 still holds as still expected, and nowhere as removed', async () => {
    const { page } = explorer.tab;
    // the API: L3 expects it, as L2 states it
    expect(step.level.expected).toContainEqual({ expectation: { text: KEPT }, statedAt: { id: FROM } });
    await explorer.tab.open(COMPARE);
    const still = page.locator('#reader-still li.change--unchanged', { hasText: KEPT });
    await expect(still.count()).resolves.toBe(1);
    await expect(still.isVisible()).resolves.toBe(false); // folded
    await page.locator('#reader-still .fold-toggle').first().click();
    await expect(
      page.locator('#reader-still .fold-toggle').first().getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await expect(page.locator('li.change--removed').count()).resolves.toBe(0);
    await expect(page.locator('.badge--removed').count()).resolves.toBe(0);
    await expect(page.locator('.counts [data-status="removed"]').count()).resolves.toBe(0);
    // and not among the new or grown items either
    await expect(page.locator('#reader-new, #reader-grown').getByText(KEPT).count()).resolves.toBe(0);
  });

  it("shows authors the progression lint's warnings for the 'to' level on the editors' view only", async () => {
    const { page } = explorer.tab;
    const { level } = await graphql<{ level: { progressionWarnings: { code: string }[] } }>(
      explorer.server.url,
      `
        {
          level(id: "site-reliability-engineer/L4") {
            progressionWarnings {
              code
            }
          }
        }
      `,
    );
    expect(level.progressionWarnings.length).toBeGreaterThan(0);
    const step34 = '/diff?from=site-reliability-engineer/L3&to=site-reliability-engineer/L4';
    await explorer.tab.open(`${step34}&basis=written`);
    const codes = await page
      .locator('.progression-warning')
      .evaluateAll((items: any[]) => items.map((i) => i.dataset.code));
    expect(codes).toEqual(level.progressionWarnings.map((w) => w.code));
    await expect(page.locator('.progression-warning').first().textContent()).resolves.toMatch(/L4\.md:\d+/);
    await explorer.tab.open(step34);
    await expect(page.locator('.progression-warnings').count()).resolves.toBe(0);
  });

  it('links to the step checklist of the same two levels', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(COMPARE);
    const link = page.locator('.checklist-link a');
    expect(await link.getAttribute('href')).toBe(CHECKLIST);
    await link.click();
    await page.waitForURL(`${explorer.server.address}${CHECKLIST}`);
    await page.locator('main:not([aria-busy]) h1.checklist-title').waitFor();
  });
});

describe('the step checklist', () => {
  it('lists exactly the new and grown expectations of L3 as labelled checkboxes, each with room for evidence', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(CHECKLIST);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      'From L2 · Site Reliability Engineer to L3 · Senior Site Reliability Engineer',
    );
    const items = page.locator('li.checklist-item');
    const labels = await page
      .locator('li.checklist-item .checklist-check label')
      .evaluateAll((all) => all.map((l) => l.lastChild?.textContent ?? ''));
    expect([...labels].sort()).toEqual(textsOf('ADDED', 'CHANGED').sort());
    // a real checkbox its label names, and a labelled text area, on every item
    const boxes = await page
      .locator('li.checklist-item input[type="checkbox"]')
      .evaluateAll((all) => all.map((box) => (box as any).labels?.[0]?.textContent ?? ''));
    expect(boxes).toHaveLength(labels.length);
    for (const label of boxes) expect(label).not.toBe('');
    await expect(page.locator('li.checklist-item textarea').count()).resolves.toBe(labels.length);
    const box = page.locator('li.checklist-item input[type="checkbox"]').first();
    await page.locator('li.checklist-item .checklist-check label').first().click();
    await expect(box.isChecked()).resolves.toBe(true);
    // grouped under their competencies, in the compare page's order
    const slugs = await page
      .locator('.checklist-group')
      .evaluateAll((all) => all.map((g) => g.getAttribute('data-slug')));
    expect(slugs).toEqual(
      step.diffLevels.competencies
        .filter((c) => c.expectations.some((e) => e.status === 'ADDED' || e.status === 'CHANGED'))
        .map((c) => c.slug),
    );
    // README's picture of it, before anything is ticked
    await explorer.tab.open(CHECKLIST);
    const [first, ...copies] = screenshotPaths('checklist-sre-l2-l3');
    const width = page.viewportSize()!.width;
    await page.screenshot({ path: first!, fullPage: true, clip: { x: 0, y: 0, width, height: 1400 } });
    for (const copy of copies) fs.copyFileSync(first!, copy);
    // a grown item shows what it grew from as its word diff
    const grown = page.locator('li.checklist-item--changed');
    await expect(grown.count()).resolves.toBe(textsOf('CHANGED').length);
    for (const item of await grown.all())
      await expect(item.locator('.grown-from').locator('ins, del').count()).resolves.toBeGreaterThan(0);
    await expect(items.count()).resolves.toBe(labels.length);
    await expect(page.locator('.checklist-privacy').textContent()).resolves.toMatch(
      /not stored|stored or sent/,
    );
  });

  it('states the framework version it was made from, and links to its markdown and CSV exports', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(CHECKLIST);
    const version = page.locator('.checklist-version');
    await expect(version.getAttribute('data-version')).resolves.toBe(step.framework.version);
    const text = (await version.textContent()) ?? '';
    expect(text).toContain(step.framework.version);
    if (step.framework.commit) {
      expect(text).toContain(step.framework.commit.shortId);
      for (const tag of step.framework.commit.tags) expect(text).toContain(tag);
    } else expect(text).toContain('not a git commit');
    expect(await page.getByRole('link', { name: 'Download as Markdown' }).getAttribute('href')).toBe(
      `/export/checklist.md?from=${FROM}&to=${TO}`,
    );
    expect(await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')).toBe(
      `/export/checklist.csv?from=${FROM}&to=${TO}`,
    );
    await expect(page.getByRole('button', { name: 'Print' }).count()).resolves.toBe(1);
    // the links download what the page shows, stating the same version
    for (const name of ['Download as Markdown', 'Download as CSV']) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const [status, body] = await page.evaluate(async (url: string) => {
        const response = await window.fetch(url);
        return [response.status, await response.text()];
      }, href!);
      expect(status).toBe(200);
      expect(body).toContain(step.framework.version);
      const texts = href!.includes('.csv')
        ? (parse(body as string, { bom: true, columns: true }) as any[]).map((r) => r.expectation)
        : (body as string).split('\n').flatMap((l) => (l.startsWith('- [ ] ') ? [l.slice(6)] : []));
      expect(texts).toEqual(
        step.diffLevels.competencies.flatMap((c) =>
          c.expectations.filter((e) => e.status === 'ADDED' || e.status === 'CHANGED').map((e) => e.to),
        ),
      );
    }
  });

  it('names an unknown level in an alert, with suggestions that open their checklist', async () => {
    const { page } = explorer.tab;
    const wrong = 'site-reliability-engineer/L9';
    await explorer.tab.open(`/checklist?from=${FROM}&to=${wrong}`);
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain(`“${wrong}”`);
    const suggestion = alert.locator('.suggestions a').first();
    expect(await suggestion.getAttribute('href')).toMatch(new RegExp(`^/checklist\\?from=${FROM}&to=`));
  });

  it('prints without the controls, each item whole, with ruled lines to write evidence on', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(CHECKLIST);
    const items = await page.locator('li.checklist-item').count();
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of [
        '.site-header',
        'form.controls',
        '.checklist-actions',
        'li.checklist-item textarea',
      ])
        expect({ hidden, visible: await page.locator(hidden).first().isVisible() }).toEqual({
          hidden,
          visible: false,
        });
      await expect(page.locator('button:visible').count()).resolves.toBe(0);
      await expect(page.locator('.evidence-lines:visible').count()).resolves.toBe(items);
      await expect(page.locator('.evidence-line:visible').count()).resolves.toBeGreaterThanOrEqual(items * 3);
      const avoid = await page
        .locator('li.checklist-item')
        .first()
        .evaluate((li) => getComputedStyle(li).breakInside);
      expect(avoid).toBe('avoid');
      await expect(page.locator('input[type="checkbox"]:visible').count()).resolves.toBe(items);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await expect(page.locator('.evidence-lines').first().isVisible()).resolves.toBe(false);
    await expect(page.locator('li.checklist-item textarea').first().isVisible()).resolves.toBe(true);
  });

  it('prints what was written in an evidence area instead of its ruled lines', async () => {
    const { page } = explorer.tab;
    await explorer.tab.open(CHECKLIST);
    const first = page.locator('li.checklist-item').first();
    await first.locator('textarea').fill('Led the March failover drill; write-up in the team wiki.');
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(first.locator('textarea').isVisible()).resolves.toBe(true);
      await expect(first.locator('.evidence-lines').isVisible()).resolves.toBe(false);
      await expect(
        page.locator('li.checklist-item').nth(1).locator('.evidence-lines').isVisible(),
      ).resolves.toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

describe('at phone width', () => {
  it.each([
    ['compare page', COMPARE],
    ['compare page, as written', `${COMPARE}&basis=written`],
    ['step checklist', CHECKLIST],
  ])('the %s fits 390px without scrolling sideways', async (_name, pagePath) => {
    const { page } = explorer.tab;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await explorer.tab.open(pagePath);
      // open the folds too: what they hold must fit as well
      for (const toggle of await page.locator('.fold-toggle').all()) await toggle.click();
      const { scrollWidth, innerWidth } = await overflow();
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('without the drafts permission', () => {
  it('leaves no trace of a draft level: its checklist is an unknown level', async () => {
    // a content folder whose L3 is a draft
    const server = await startTestServer({
      CONTENT_DIR: path.join(__dirname, '..', 'content', 'fixtures', 'valid'),
    });
    const tab = await explorerTab(explorer.browser, server.address);
    try {
      await tab.open(CHECKLIST);
      await expect(tab.page.getByRole('alert').textContent()).resolves.toContain(`“${TO}”`);
      await expect(tab.page.locator('body').textContent()).resolves.not.toContain('Senior Site Reliability');
      await expect(tab.page.locator(`option[value="${TO}"]`).count()).resolves.toBe(0);
      expect(tab.problems).toEqual([]);
    } finally {
      await tab.page.close();
      await server.close();
    }
  });
});
