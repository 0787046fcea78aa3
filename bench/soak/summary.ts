/**
 * What a soak run comes to: RSS and heap at the start, at the end of each phase and after the quiet
 * period, the peak, and the two goals (levelling off below 200 MB, returning toward the start).
 */
import type { FloodNumbers } from './load';
import type { Sample } from './sampler';

export const PHASES = ['start', 'unique-documents', 'unique-variables', 'quiet'] as const;
export type Phase = (typeof PHASES)[number];

/** One phase: its load (none for start and quiet's single requests) and the memory across it. */
export interface PhaseSummary {
  readonly phase: Phase;
  readonly load: FloodNumbers | null;
  readonly seconds: number;
  readonly rssEndMb: number | null;
  readonly rssPeakMb: number | null;
  readonly heapUsedEndMb: number | null;
  readonly heapTotalEndMb: number | null;
  readonly externalEndMb: number | null;
  /** RSS at the phase's end minus RSS half-way through it: near 0 when memory has levelled off. */
  readonly rssSecondHalfGrowthMb: number | null;
  /** Seconds the server spent collecting garbage during the phase. */
  readonly gcSeconds: number | null;
}

export interface Goal {
  readonly goal: string;
  readonly met: boolean;
  readonly detail: string;
}

export interface SoakSummary {
  readonly startRssMb: number | null;
  readonly startHeapUsedMb: number | null;
  /** The highest sampled RSS, and the kernel's own peak (VmHWM), which sees between samples. */
  readonly peakRssMb: number | null;
  readonly peakRssHwmMb: number | null;
  readonly afterQuietRssMb: number | null;
  readonly afterQuietHeapUsedMb: number | null;
  /** Share of the rise from start to peak given back by the end of the quiet period. */
  readonly returnedShare: number | null;
  readonly phases: PhaseSummary[];
  readonly goals: Goal[];
}

const LIMIT_MB = 200;

const maxOf = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? Math.max(...known) : null;
};

function phaseSummary(phase: Phase, samples: readonly Sample[], load: FloodNumbers | null): PhaseSummary {
  const own = samples.filter((s) => s.phase === phase);
  const last = own.at(-1);
  const first = own[0];
  const before = first ? samples[samples.indexOf(first) - 1] : undefined;
  const middle = first && last ? own.find((s) => s.t >= (first.t + last.t) / 2) : undefined;
  return {
    phase,
    load,
    seconds: first && last ? Math.round((last.t - first.t) * 10) / 10 : 0,
    rssEndMb: last?.rssMb ?? null,
    rssPeakMb: maxOf(own.map((s) => s.rssMb)),
    heapUsedEndMb: last?.heapUsedMb ?? null,
    heapTotalEndMb: last?.heapTotalMb ?? null,
    externalEndMb: last?.externalMb ?? null,
    rssSecondHalfGrowthMb:
      last?.rssMb != null && middle?.rssMb != null ? Math.round((last.rssMb - middle.rssMb) * 10) / 10 : null,
    gcSeconds:
      last?.gcSeconds != null && (before ?? first)?.gcSeconds != null
        ? Math.round((last.gcSeconds - (before ?? first)!.gcSeconds!) * 100) / 100
        : null,
  };
}

export function summarise(
  samples: readonly Sample[],
  loads: Partial<Record<Phase, FloodNumbers>>,
  peakRssHwmMb: number | null,
): SoakSummary {
  const phases = PHASES.map((p) => phaseSummary(p, samples, loads[p] ?? null));
  const start = phases[0]!;
  const quiet = phases[3]!;
  const peakRssMb = maxOf(samples.map((s) => s.rssMb));
  const peak = maxOf([peakRssMb, peakRssHwmMb]);
  const startRssMb = start.rssEndMb;
  const afterQuietRssMb = quiet.rssEndMb;
  const returnedShare =
    peak !== null && startRssMb !== null && afterQuietRssMb !== null && peak > startRssMb
      ? Math.round(((peak - afterQuietRssMb) / (peak - startRssMb)) * 100) / 100
      : null;
  const floods = phases.filter((p) => p.phase === 'unique-documents' || p.phase === 'unique-variables');
  const loaded = phases.filter((p) => p.load !== null);
  const growth = floods.map((p) => `${p.phase} ${p.rssSecondHalfGrowthMb ?? '?'} MB`).join(', ');
  const goals: Goal[] = [
    {
      goal: `RSS levels off below ${LIMIT_MB} MB under both floods`,
      met: peak !== null && peak < LIMIT_MB,
      detail: `peak ${peak ?? '?'} MB (start ${startRssMb ?? '?'} MB); RSS growth over each flood's second half: ${growth}`,
    },
    {
      goal: 'RSS returns toward its start after the flood (gives back at least half of its rise)',
      met: returnedShare !== null && returnedShare >= 0.5,
      detail: `${afterQuietRssMb ?? '?'} MB after ${quiet.seconds} s of quiet: ${
        returnedShare === null ? '?' : Math.round(returnedShare * 100)
      }% of the rise from ${startRssMb ?? '?'} to ${peak ?? '?'} MB given back`,
    },
    {
      goal: 'every request answered 2xx',
      met: loaded.every((p) => p.load!.non2xx === 0 && p.load!.errors === 0 && !p.load!.stoppedEarly),
      detail: loaded
        .map(
          (p) => `${p.phase}: ${p.load!.requests} 2xx, ${p.load!.non2xx} non-2xx, ${p.load!.errors} errors`,
        )
        .join('; '),
    },
  ];
  return {
    startRssMb,
    startHeapUsedMb: start.heapUsedEndMb,
    peakRssMb,
    peakRssHwmMb,
    afterQuietRssMb,
    afterQuietHeapUsedMb: quiet.heapUsedEndMb,
    returnedShare,
    phases,
    goals,
  };
}
