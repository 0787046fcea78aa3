/**
 * The results file: what `npm run bench` writes to bench/results/ (one latest.json or
 * latest-partial.json, plus a dated copy of every run) and what the README table is made from.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Baseline } from './baseline';
import type { Check } from './checks';
import type { RunNumbers } from './load-generator';
import type { Mode, OpName } from './operations';
import type { TargetId } from './options';
import { RESULTS_DIR } from './paths';

/** One measured round of one target on one operation and mode. */
export interface Round extends RunNumbers {
  readonly round: number;
  /** 1, or more when other processes were busy during the first try; the quietest attempt is kept. */
  readonly attempts: number;
}

/** One target on one operation and mode: medians over the rounds. */
export interface Cell {
  readonly target: TargetId;
  readonly op: OpName;
  readonly mode: Mode;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly peakRssMb: number;
  /** (max − min) / median of the rounds' req/s. */
  readonly spread: number;
  /** Median over the rounds, in cores. */
  readonly serverCores: number | null;
  readonly loadGeneratorCores: number | null;
  /** The most any round saw other processes use, in cores. */
  readonly otherCoresMax: number | null;
  readonly non2xx: number;
  readonly errors: number;
  readonly rounds: Round[];
}

/** This server's req/s and p99 over another target's (for the baseline: current ÷ baseline). */
export interface Ratio {
  readonly op: OpName;
  readonly mode: Mode;
  readonly versus: TargetId;
  readonly rps: number;
  readonly p99: number;
}

/** A goal from the README, checked and reported, never asserted. */
export interface Goal {
  readonly goal: string;
  readonly met: boolean;
  readonly detail: string;
}

/** The commit the numbers belong to. */
export interface GitState {
  readonly commit: string | null;
  /** Tracked files that differed from the commit when the run started (none: a clean tree). */
  readonly changedFiles: string[] | null;
  /** Whether this run built dist/; with --no-build the numbers belong to whatever dist/ holds. */
  readonly built: boolean;
  /** When dist/main.js was written. */
  distBuiltAt: string | null;
}

/** Everything one run wrote; `baseline` is absent in files written before --baseline existed. */
export interface ResultsFile {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallSeconds: number;
  readonly quick: boolean;
  readonly config: {
    readonly warmupSec: number;
    readonly durationSec: number;
    readonly rounds: number;
    readonly connections: number;
    readonly ops: OpName[];
    readonly modes: readonly Mode[];
    readonly targets: readonly TargetId[];
  };
  readonly machine: Record<string, unknown>;
  readonly git: GitState;
  readonly baseline?: Omit<Baseline, 'dir'> | null;
  readonly method: string[];
  readonly targets: { id: TargetId; label: string; startupPeakMb: number | null }[];
  readonly operations: {
    name: OpName;
    operationName: string;
    description: string;
    query: string;
    uniqueQuery: string;
    responseBytes: number;
    uniqueResponseBytes: number;
  }[];
  readonly checks: Check[];
  readonly results: Cell[];
  readonly ratios: Ratio[];
  readonly goals: Goal[];
}

/** Writes `<name>.json` (replaced atomically) and a dated copy; returns both paths. */
export function writeResults(name: 'latest' | 'latest-partial', data: ResultsFile): string[] {
  return writeResultsFiles(name, (stamp) => `${stamp}${name === 'latest' ? '' : `-${name}`}`, data);
}

/**
 * Writes `<latest>.json`, replaced atomically so a reader never sees half of it, and a dated copy
 * named by `dated(<ISO time>)` that later runs never overwrite; returns both paths.
 */
export function writeResultsFiles(latest: string, dated: (stamp: string) => string, data: unknown): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const stamp = new Date()
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const datedFile = join(RESULTS_DIR, `${dated(stamp)}.json`);
  const latestFile = join(RESULTS_DIR, `${latest}.json`);
  writeFileSync(datedFile, text);
  writeFileSync(`${latestFile}.tmp`, text);
  renameSync(`${latestFile}.tmp`, latestFile);
  return [latestFile, datedFile];
}

export function readResults(file: string): ResultsFile {
  return JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
}
