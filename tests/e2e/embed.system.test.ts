import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { launchChromium } from './support/browser';
import { ensureExplorerBuilt } from './support/build';
import { startHost, type Host } from './support/host';
import { graphql } from './support/graphql';

// Dashboards frame /embed pages: allowed origins (FRAME_ANCESTORS) see them rendered, any other
// origin gets a blocked frame, and the explorer's own pages refuse every foreign frame.

/** A dashboard on another origin: one page that frames whatever URLs it is given. */
function startDashboard(frames: () => Record<string, string>): Promise<Host> {
  return startHost(() => {
    const iframes = Object.entries(frames())
      .map(([id, src]) => `<iframe id="${id}" src="${src}" title="${id}" width="900" height="500"></iframe>`)
      .join('\n');
    return `<!doctype html><html lang="en"><title>Dashboard</title><body>${iframes}</body></html>`;
  });
}

const DIFF = '/embed/diff?from=site-reliability-engineer/L2&to=site-reliability-engineer/L3';

let allowed: Host;
let other: Host;
let server: TestServer;
let browser: Browser;

const frames = (): Record<string, string> => ({
  matrix: `${server.address}/embed/matrix?track=software-engineer`,
  level: `${server.address}/embed/level?id=software-engineer/L3`,
  diff: `${server.address}${DIFF}`,
  explorer: `${server.address}/matrix?track=software-engineer`,
});

beforeAll(async () => {
  ensureExplorerBuilt();
  allowed = await startDashboard(frames);
  other = await startDashboard(frames);
  server = await startTestServer({ FRAME_ANCESTORS: allowed.origin });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await allowed?.close();
  await other?.close();
});

/** Opens a dashboard page, collecting the frame-ancestors violations the browser reports. */
async function openDashboard(
  host: Host,
  expectedViolations: number,
): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.setDefaultTimeout(10_000);
  const violations: string[] = [];
  const reported = new Promise<void>((resolve) => {
    if (expectedViolations === 0) resolve();
    page.on('console', (message: ConsoleMessage) => {
      if (!message.text().includes('frame-ancestors')) return;
      violations.push(message.text());
      if (violations.length === expectedViolations) resolve();
    });
  });
  await page.goto(host.origin);
  await reported;
  return { page, violations };
}

describe('embeds in a dashboard on an allowed origin', () => {
  it('renders the matrix and the level inside their iframes, without the explorer chrome', async () => {
    const { track } = await graphql<{ track: { competencyMatrix: { levels: unknown[]; rows: unknown[] } } }>(
      server.url,
      `
        {
          track(id: "software-engineer") {
            competencyMatrix {
              levels {
                id
              }
              rows {
                slug
              }
            }
          }
        }
      `,
    );
    const { page, violations } = await openDashboard(allowed, 1);
    try {
      const matrix = page.frameLocator('iframe#matrix');
      await matrix.locator('table.matrix').waitFor();
      await expect(matrix.locator('table.matrix tbody tr').count()).resolves.toBe(
        track.competencyMatrix.rows.length,
      );
      await expect(matrix.locator('table.matrix thead th[scope="col"]').count()).resolves.toBe(
        track.competencyMatrix.levels.length + 1,
      );
      await expect(matrix.locator('.site-header, nav, form').count()).resolves.toBe(0);
      // links leave the frame: the full explorer may not be framed
      for (const target of await matrix
        .locator('a')
        .evaluateAll((all) => all.map((a) => a.getAttribute('target'))))
        expect(target).toBe('_blank');

      const level = page.frameLocator('iframe#level');
      await expect(level.locator('h1').textContent()).resolves.toBe('Senior Software Engineer');
      await expect(level.locator('section.competency').count()).resolves.toBeGreaterThan(0);

      // the explorer's own page is refused even here: it allows only 'self'
      expect(violations).toEqual([expect.stringMatching(/frame-ancestors 'self'"/)]);
      await expect(page.frameLocator('iframe#explorer').locator('main#main').count()).resolves.toBe(0);
    } finally {
      await page.close();
    }
  });

  it("renders the reader's diff of two levels inside its iframe, without the explorer chrome", async () => {
    const { page } = await openDashboard(allowed, 1);
    try {
      const diff = page.frameLocator('iframe#diff');
      await diff.locator('main:not([aria-busy]) h1.diff-title').waitFor();
      // the promotion reader's layout: what is new at L3 and what has grown since L2
      await diff.locator('.diff-summary[data-layout="reader"]').waitFor();
      await expect(diff.locator('#reader-new').count()).resolves.toBe(1);
      await expect(diff.locator('#reader-grown').count()).resolves.toBe(1);
      // one comparison, chosen by the URL: no header, no site navigation, no level-pair form, and
      // no checklist link (the checklist page may not be framed)
      await expect(diff.locator('.site-header, .site-nav, form, select').count()).resolves.toBe(0);
      await expect(diff.locator('.checklist-link').count()).resolves.toBe(0);
      // links other than in-page ones leave the frame: the full explorer may not be framed
      const targets = await diff
        .locator('a[href]:not([href^="#"])')
        .evaluateAll((all) => all.map((a) => a.getAttribute('target')));
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) expect(target).toBe('_blank');
    } finally {
      await page.close();
    }
  });
});

describe('embeds in a dashboard on any other origin', () => {
  it('are blocked by the browser under the CSP frame-ancestors', async () => {
    const { page, violations } = await openDashboard(other, 4);
    try {
      expect(violations).toHaveLength(4);
      expect(violations).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`frame-ancestors 'self' ${allowed.origin}`),
          expect.stringContaining(`frame-ancestors 'self'"`),
        ]),
      );
      for (const id of ['matrix', 'level', 'diff', 'explorer']) {
        await expect(page.frameLocator(`iframe#${id}`).locator('main#main').count()).resolves.toBe(0);
      }
      const urls = page
        .frames()
        .filter((f) => f !== page.mainFrame())
        .map((f) => f.url());
      expect(urls).toEqual(Array(4).fill('chrome-error://chromewebdata/'));
    } finally {
      await page.close();
    }
  });
});

describe('the framing headers', () => {
  it("allow the configured origins on embeds and only 'self' on the explorer's pages", async () => {
    const policies: (string | null)[] = [];
    for (const path of ['/embed/matrix?track=software-engineer', DIFF]) {
      const embed = await fetch(`${server.address}${path}`);
      expect(embed.status).toBe(200);
      expect(embed.headers.get('content-security-policy')).toContain(
        `frame-ancestors 'self' ${allowed.origin}`,
      );
      expect(embed.headers.get('x-frame-options')).toBeNull();
      policies.push(embed.headers.get('content-security-policy'));
    }
    // the diff embed is framed under the same policy as the others
    expect(new Set(policies).size).toBe(1);

    const page = await fetch(`${server.address}/matrix?track=software-engineer`);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'$/);
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
