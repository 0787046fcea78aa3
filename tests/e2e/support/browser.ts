import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (CI installs it from .ci/apt-packages). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless chromium with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    // say what to do instead of playwright's long "executable doesn't exist" trace
    throw new Error(
      `No Chromium at ${CHROMIUM}: run \`apt-get install chromium\` (as .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * Where a screenshot goes: always test-artifacts/ (gitignored, for CI to keep), and also the README's
 * copy under docs/screenshots/ when UPDATE_SCREENSHOTS=1.
 */
export function screenshotPaths(name: string): string[] {
  const paths = [path.join(ROOT, 'test-artifacts', `${name}.png`)];
  if (process.env.UPDATE_SCREENSHOTS === '1')
    paths.push(path.join(ROOT, 'docs', 'screenshots', `${name}.png`));
  for (const p of paths) fs.mkdirSync(path.dirname(p), { recursive: true });
  return paths;
}
