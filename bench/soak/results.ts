/** The soak's results file: bench/results/soak-latest.json and a dated copy of every run. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../http/paths';
import type { GitState } from '../http/results';
import type { Sample } from './sampler';
import type { SoakSummary } from './summary';

export interface SoakResults {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallSeconds: number;
  readonly config: {
    readonly requestsPerFlood: number;
    readonly connections: number;
    readonly quietSec: number;
    readonly sampleSec: number;
    readonly op: string;
    /** Node flags given to the server; empty as shipped. */
    readonly nodeArgs: readonly string[];
    /** RESPONSE_CACHE_BYTES as the server got it; null: its default. */
    readonly responseCacheBytes: string | null;
  };
  readonly machine: Record<string, unknown>;
  readonly git: GitState;
  readonly method: string[];
  /** The first body of each flood, to see what was sent. */
  readonly exampleBodies: Record<string, string>;
  readonly summary: SoakSummary;
  readonly samples: readonly Sample[];
}

/** Writes `soak-latest.json` (replaced atomically) and `soak-<ISO date>.json`; returns both paths. */
export function writeSoakResults(data: SoakResults): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const stamp = new Date()
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const dated = join(RESULTS_DIR, `soak-${stamp}.json`);
  const latest = join(RESULTS_DIR, 'soak-latest.json');
  writeFileSync(dated, text);
  writeFileSync(`${latest}.tmp`, text);
  renameSync(`${latest}.tmp`, latest);
  return [latest, dated];
}

export function readSoakResults(file: string): SoakResults {
  return JSON.parse(readFileSync(file, 'utf8')) as SoakResults;
}
