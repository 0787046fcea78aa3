/** Where the harness finds the server, its own compiled processes and its results. */
import { join, resolve } from 'node:path';

/** The repository whose server is measured (the one this harness is in). */
export const ROOT = resolve(__dirname, '../..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
/**
 * The targets, load worker and profile summariser compiled by bench/tsconfig.json: outside dist/,
 * so a local dist/ holds exactly what the image holds.
 */
export const BENCH_DIST = join(ROOT, 'bench', 'dist');
