import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/server';
import { launchChromium } from './browser';
import { ensureExplorerBuilt } from './build';
import { explorerTab, type ExplorerTab } from './page';

/** The built explorer on a real server, and a Chromium tab on it. */
export interface ExplorerSession {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly tab: ExplorerTab;
}

/**
 * One test file's explorer in a real browser: started before its tests (on the server environment
 * `env` gives), closed after them, and every test must leave the tab without a page error or a
 * Content-Security-Policy refusal. Read the fields inside hooks and tests, once they are set.
 */
export function useExplorerSession(
  env: () => Record<string, string> | Promise<Record<string, string>> = () => ({}),
): ExplorerSession {
  const session = {} as { server: TestServer; browser: Browser; tab: ExplorerTab };
  beforeAll(async () => {
    ensureExplorerBuilt();
    session.server = await startTestServer(await env());
    session.browser = await launchChromium();
    session.tab = await explorerTab(session.browser, session.server.address);
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  afterEach(() => {
    expect(session.tab.problems.splice(0)).toEqual([]);
  });
  return session;
}
