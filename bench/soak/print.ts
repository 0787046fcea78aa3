/** The soak's curve as the terminal shows it, its summary, and the README's compact table. */
import { int, markdownTable, table } from '../http/format';
import type { Sample } from './sampler';
import type { SoakSummary } from './summary';

const WIDTH = 50;
const show = (x: number | null): string => (x === null ? '?' : x.toFixed(0));

/** Samples about every `everySec` seconds, always keeping the last of each phase. */
export function thin(samples: readonly Sample[], everySec: number): Sample[] {
  const kept: Sample[] = [];
  samples.forEach((s, i) => {
    const lastOfPhase = samples[i + 1]?.phase !== s.phase;
    const previous = kept.at(-1);
    // a phase's closing sample and the sampler's own can land within a second of each other
    if (previous && s.t - previous.t < 1) kept[kept.length - 1] = s;
    else if (!previous || lastOfPhase || s.t - previous.t >= everySec - 0.5) kept.push(s);
  });
  return kept;
}

/** RSS as a bar, one row every ~10 s; `|` marks 200 MB. */
export function curve(samples: readonly Sample[], everySec = 10): string {
  const top = Math.max(200, ...samples.map((s) => s.rssMb ?? 0));
  const mark = Math.round((200 / top) * WIDTH);
  const rows = thin(samples, everySec).map((s) => {
    const filled = Math.round(((s.rssMb ?? 0) / top) * WIDTH);
    const bar = Array.from({ length: WIDTH + 1 }, (_, i) => (i < filled ? '#' : i === mark ? '|' : ' '))
      .join('')
      .trimEnd();
    return [
      s.t.toFixed(0),
      s.phase,
      int(s.rps),
      show(s.rssMb),
      show(s.heapUsedMb),
      show(s.heapTotalMb),
      show(s.externalMb),
      bar,
    ];
  });
  return table(
    ['t s', 'phase', 'req/s', 'RSS MB', 'heap used', 'heap total', 'external', `RSS (| = 200 MB)`],
    rows,
    2,
  );
}

export function printSummary(summary: SoakSummary): void {
  const rows = summary.phases.map((p) => [
    p.phase,
    p.load ? int(p.load.requests) : '',
    p.load ? int(p.load.rps) : '',
    p.load ? p.load.p99Ms.toFixed(1) : '',
    p.load ? String(p.load.non2xx + p.load.errors) : '',
    p.seconds.toFixed(0),
    show(p.rssPeakMb),
    show(p.rssEndMb),
    show(p.heapUsedEndMb),
    p.rssSecondHalfGrowthMb === null ? '' : p.rssSecondHalfGrowthMb.toFixed(0),
    p.gcSeconds === null ? '?' : p.gcSeconds.toFixed(1),
  ]);
  console.log(
    `\n${table(
      [
        'phase',
        'requests',
        'req/s',
        'p99 ms',
        'non-2xx+err',
        's',
        'RSS peak',
        'RSS end',
        'heap end',
        '2nd-half growth',
        'GC s',
      ],
      rows,
    )}`,
  );
  console.log(
    `\nstart ${show(summary.startRssMb)} MB, peak ${show(summary.peakRssMb)} MB (VmHWM ${show(
      summary.peakRssHwmMb,
    )}), after the quiet ${show(summary.afterQuietRssMb)} MB`,
  );
  for (const g of summary.goals) console.log(`${g.met ? 'met    ' : 'NOT MET'}  ${g.goal}: ${g.detail}`);
}

/** The README's table: RSS and heap in use about every 10 s. */
export function readmeTable(samples: readonly Sample[], everySec = 10): string {
  return markdownTable(
    ['t (s)', 'phase', 'RSS MB', 'heap used MB'],
    thin(samples, everySec).map((s) => [s.t.toFixed(0), s.phase, show(s.rssMb), show(s.heapUsedMb)]),
  );
}
