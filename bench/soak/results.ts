/** The soak's results file: bench/results/soak-latest.json and a dated copy of every run. */
import { readFileSync } from 'node:fs';
import { writeResultsFiles, type GitState } from '../http/results';
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
  return writeResultsFiles('soak-latest', (stamp) => `soak-${stamp}`, data);
}

export function readSoakResults(file: string): SoakResults {
  return JSON.parse(readFileSync(file, 'utf8')) as SoakResults;
}
