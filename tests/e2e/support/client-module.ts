import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Page } from 'playwright-core';

const CLIENT = path.join(__dirname, '..', '..', '..', 'src', 'explorer', 'client');

/**
 * Defines one of the explorer's client modules (e.g. `components`) in the page as
 * `window.explorerModules[name]`, for a test to call its exports on cases the content may not hold.
 * The served explorer is a single bundle with no exports, so the module is bundled here, from the
 * same sources; evaluating it through the browser's debugger is not subject to the page's CSP.
 */
export async function defineClientModule(page: Page, name: string): Promise<void> {
  const { outputFiles } = buildSync({
    entryPoints: [path.join(CLIENT, `${name}.ts`)],
    bundle: true,
    format: 'iife',
    globalName: '__explorerModule',
    target: 'es2022',
    tsconfig: path.join(CLIENT, '..', 'tsconfig.json'),
    write: false,
  });
  await page.evaluate(
    `${outputFiles[0]!.text}\n(window.explorerModules ??= {})[${JSON.stringify(name)}] = __explorerModule;`,
  );
}
