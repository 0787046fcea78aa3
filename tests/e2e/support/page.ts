import type { Browser, ConsoleMessage, Page } from 'playwright-core';

/** A browser tab on the explorer that records what the page must never do. */
export interface ExplorerTab {
  readonly page: Page;
  /** Page errors and Content-Security-Policy refusals seen so far; a test expects none. */
  readonly problems: string[];
  /** Opens a path and waits until the explorer has rendered its page (the h1 replaces "Loading…"). */
  open(path: string): Promise<void>;
  /** Evaluates an expression with `el` bound to document.activeElement. */
  active(expression: string): Promise<unknown>;
}

export async function explorerTab(
  browser: Browser,
  address: string,
  viewport = { width: 1280, height: 900 },
): Promise<ExplorerTab> {
  const page = await browser.newPage({ viewport });
  // fail with Playwright's message (which element, which state) well before jest's own timeout
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return {
    page,
    problems,
    async open(path) {
      await page.goto(`${address}${path}`);
      await page.locator('main:not([aria-busy]) h1').waitFor();
    },
    active: (expression) =>
      page.evaluate(`(() => { const el = document.activeElement; return ${expression}; })()`),
  };
}
