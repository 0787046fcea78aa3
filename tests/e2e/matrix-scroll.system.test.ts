import { graphql } from './support/graphql';
import { useExplorerSession } from './support/session';

// The functions given to page.evaluate run in the browser; the tests' tsconfig has Node's globals only.
declare const window: any, document: any, getComputedStyle: any;

// The competency matrix on a tall page and on a phone: on a wide window the header row stays in
// sight; on a phone the table scrolls sideways only, with the first column in sight, the page scrolls
// down, and the screen says that the table scrolls.

const MATRIX = '/matrix?track=site-reliability-engineer';

const explorer = useExplorerSession();
let levels: number;

beforeAll(async () => {
  const { track } = await graphql<{ track: { competencyMatrix: { levels: unknown[] } } }>(
    explorer.server.url,
    `
      {
        track(id: "site-reliability-engineer") {
          competencyMatrix {
            levels {
              id
            }
          }
        }
      }
    `,
  );
  levels = track.competencyMatrix.levels.length;
});

interface Box {
  top: number;
  left: number;
  bottom: number;
}
const rect = (selector: string): Promise<Box> =>
  explorer.tab.page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, left: r.left, bottom: r.bottom };
    });

/** Whether the point at the middle of the element's top edge shows that element (nothing covers it). */
const onTop = (selector: string): Promise<boolean> =>
  explorer.tab.page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 2);
      return hit !== null && el.contains(hit);
    });

describe('on a wide, short window the table fits', () => {
  it('and its header row sticks to the top of the window while the page scrolls', async () => {
    const { page } = explorer.tab;
    await page.setViewportSize({ width: 1440, height: 600 });
    await explorer.tab.open(MATRIX);
    await page.locator('.table-scroll[data-fits]').waitFor({ state: 'attached' });
    await expect(page.locator('.scroll-hint').isVisible()).resolves.toBe(false);
    const tall = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(tall).toBeGreaterThan(600);

    const table = await rect('table.matrix');
    await page.evaluate((y) => window.scrollTo(0, window.scrollY + y), table.top + 500);
    await page.waitForFunction(() => window.scrollY > 0);
    const header = await rect('table.matrix thead th');
    expect(Math.abs(header.top)).toBeLessThan(1.5);
    expect(await onTop('table.matrix thead th:nth-child(2)')).toBe(true);
    // the first rows have gone up beneath it
    expect((await rect('table.matrix tbody tr')).top).toBeLessThan(0);
  });
});

describe('on a phone the table scrolls sideways in its own box', () => {
  beforeAll(async () => {
    await explorer.tab.page.setViewportSize({ width: 375, height: 740 });
    await explorer.tab.open(MATRIX);
  });

  afterAll(() => explorer.tab.page.setViewportSize({ width: 1280, height: 900 }));

  it('says so above the table, and shades the edge that has more', async () => {
    const { page } = explorer.tab;
    const hint = page.locator('.scroll-hint');
    await hint.waitFor({ state: 'visible' });
    await expect(hint.textContent()).resolves.toContain(`all ${levels} levels`);
    await expect(page.locator('.table-scroll').getAttribute('aria-describedby')).resolves.toBe(
      await hint.getAttribute('id'),
    );
    await page.locator('.table-edges[data-more-right]:not([data-more-left])').waitFor({ state: 'attached' });
    // the shade fades in (a 0.15 s transition): wait for it to finish rather than read it mid-way
    const shaded = await page.waitForFunction(
      () => getComputedStyle(document.querySelector('.table-edges')!, '::after').opacity === '1',
      undefined,
      { timeout: 5_000 },
    );
    expect(await shaded.jsonValue()).toBe(true);
    await page.locator('.table-scroll').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await page.locator('.table-edges[data-more-left]:not([data-more-right])').waitFor({ state: 'attached' });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBe(375);
  });

  it('scrolls only sideways in its box, with the competency column in sight; the page scrolls down', async () => {
    const { page } = explorer.tab;
    const scroller = page.locator('.table-scroll');
    expect(await scroller.evaluate((el) => el.hasAttribute('data-fits'))).toBe(false);
    // no box scrolling inside the page: the whole table is as tall as the box, and the page is taller
    expect(await scroller.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(
      await scroller.evaluate((el) => el.getBoundingClientRect().height),
    );
    await scroller.evaluate((el) => el.scrollTo({ left: 150 }));
    await page.waitForFunction(() => document.querySelector('.table-scroll')!.scrollLeft > 0);
    const left = await scroller.evaluate((el) => el.getBoundingClientRect().left + el.clientLeft);
    expect(Math.abs((await rect('table.matrix thead th')).left - left)).toBeLessThan(1.5);
    expect(Math.abs((await rect('table.matrix tbody tr:last-child th')).left - left)).toBeLessThan(1.5);
  });

  it('starts the page within the first 200px: the chrome and the picker stay short', async () => {
    const { page } = explorer.tab;
    for (const url of [MATRIX, '/level?id=site-reliability-engineer/L3']) {
      await explorer.tab.open(url);
      const bottom = await page
        .locator('main form.controls')
        .evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom).toBeLessThanOrEqual(200);
      // the navigation keeps to one row, scrolling sideways, and every page stays reachable
      const rows = await page
        .locator('.site-nav li')
        .evaluateAll((items: any[]) => new Set(items.map((li) => li.getBoundingClientRect().top)).size);
      expect(rows).toBe(1);
      await expect(
        page.locator('.site-nav').getByRole('link', { name: 'What changed' }).count(),
      ).resolves.toBe(1);
    }
    await explorer.tab.open(MATRIX);
  });
});
