import path from 'node:path';
import { loadContent } from '../../src/content/load';
import type { Framework } from '../../src/domain/framework';

/** The content directory shipped with the project. */
export const BUNDLED_CONTENT = path.join(__dirname, '..', '..', 'content');

let loaded: Promise<Framework> | undefined;

/** The bundled content, loaded once per test file; fails loudly if it has errors. */
export function bundledFramework(): Promise<Framework> {
  loaded ??= loadContent(BUNDLED_CONTENT).then((result) => {
    if (!result.ok)
      throw new Error(`bundled content has errors: ${JSON.stringify(result.problems, null, 2)}`);
    return result.framework;
  });
  return loaded;
}
