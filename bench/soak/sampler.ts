/**
 * Every few seconds: the server's RSS from /proc and its heap from its own /metrics (prom-client's
 * default metrics: V8 heap used and total, old space, external memory), with the phase and the
 * requests answered since the last sample.
 */
import { statusMb } from '../http/meters';
import { sleep } from '../http/processes';

/** One sample of the server's memory. */
export interface Sample {
  /** Seconds since the sampler started. */
  readonly t: number;
  readonly phase: string;
  readonly rssMb: number | null;
  /** V8 heap in use, total (reserved) and its old space in use; null when /metrics did not answer. */
  readonly heapUsedMb: number | null;
  readonly heapTotalMb: number | null;
  readonly oldSpaceUsedMb: number | null;
  /** The young generation's reserved size: two semi-spaces, grown up to --max-semi-space-size. */
  readonly newSpaceTotalMb: number | null;
  /** Memory of C++ objects bound to JavaScript ones: Buffers, mostly. */
  readonly externalMb: number | null;
  /** Seconds spent in garbage collection since the server started, every kind together. */
  readonly gcSeconds: number | null;
  /** Answers per second since the previous sample. */
  readonly rps: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const mb = (bytes: number | null): number | null =>
  bytes === null ? null : Math.round(bytes / 104857.6) / 10;

function metric(text: string, name: string): number | null {
  const match = new RegExp(`^${name.replace(/[{}.]/g, '\\$&')} ([0-9.e+-]+)`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

/** prom-client's GC histogram: the sum over every kind (minor, major, incremental, weakcb). */
function gcSeconds(text: string): number | null {
  const sums = [...text.matchAll(/^nodejs_gc_duration_seconds_sum\{kind="\w+"\} ([0-9.e+-]+)$/gm)];
  return sums.length ? Math.round(sums.reduce((total, m) => total + Number(m[1]), 0) * 100) / 100 : null;
}

async function metricsText(metricsUrl: string): Promise<string> {
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(1500) });
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}

export class Sampler {
  readonly samples: Sample[] = [];
  private phase = 'start';
  private answers = 0;
  private running = true;
  private readonly started = Date.now();
  private readonly loop: Promise<void>;

  constructor(
    private readonly pid: number,
    private readonly metricsUrl: string,
    private readonly everySec: number,
  ) {
    this.loop = this.run();
  }

  /** Counts one answer toward the next sample's requests per second. */
  readonly answered = (): void => {
    this.answers++;
  };

  setPhase(phase: string): void {
    this.phase = phase;
  }

  /** Takes one sample now (also at a phase's end); resolves with it once the heap is read. */
  async sample(): Promise<Sample> {
    // time, RSS and rate are taken at once, in order, whatever the /metrics request takes
    const t = (Date.now() - this.started) / 1000;
    const rssMb = statusMb(this.pid, 'VmRSS');
    const last = this.samples.at(-1);
    const interval = last ? t - last.t : 0;
    const sample: Mutable<Sample> = {
      t: Math.round(t * 10) / 10,
      phase: this.phase,
      rssMb: rssMb === null ? null : Math.round(rssMb * 10) / 10,
      heapUsedMb: null,
      heapTotalMb: null,
      oldSpaceUsedMb: null,
      newSpaceTotalMb: null,
      externalMb: null,
      gcSeconds: null,
      rps: interval > 0 ? Math.round(this.answers / interval) : 0,
    };
    this.answers = 0;
    this.samples.push(sample);
    const text = await metricsText(this.metricsUrl);
    sample.heapUsedMb = mb(metric(text, 'nodejs_heap_size_used_bytes'));
    sample.heapTotalMb = mb(metric(text, 'nodejs_heap_size_total_bytes'));
    sample.oldSpaceUsedMb = mb(metric(text, 'nodejs_heap_space_size_used_bytes{space="old"}'));
    sample.newSpaceTotalMb = mb(metric(text, 'nodejs_heap_space_size_total_bytes{space="new"}'));
    sample.externalMb = mb(metric(text, 'nodejs_external_memory_bytes'));
    sample.gcSeconds = gcSeconds(text);
    return sample;
  }

  private async run(): Promise<void> {
    let next = Date.now();
    while (this.running) {
      await this.sample();
      next += this.everySec * 1000;
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  async stop(): Promise<Sample> {
    this.running = false;
    await this.loop;
    return this.sample();
  }
}
