/**
 * What a target costs while it runs: peak RSS from /proc (VmHWM reset before the run, else ps), and
 * how much of a core the target, the load generator and everything else on the machine used.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
    const kb = Number(ps.stdout?.trim());
    return ps.status === 0 && Number.isFinite(kb) && kb > 0 ? kb / 1024 : null;
  }
}

export function roundMb(mb: number | null): number | null {
  return mb === null ? null : Math.round(mb * 10) / 10;
}

/** Resets the kernel's peak-RSS mark (Linux ≥ 4.0), so VmHWM afterwards is this run's peak. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// CPU: other processes busy during a run (other people's tests, say) make it less comparable.

const USER_HZ = 100; // /proc reports CPU time in clock ticks of 1/100 s on Linux

function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * CPU time of the whole machine that processes account for: user, nice, system and steal. Interrupt
 * and softirq time is left out: on loopback most of it is the benchmark's own network traffic, which
 * no process is charged for, so counting it would blame "other processes" for it.
 */
function machineTicks(): { busy: number; softirq: number } | null {
  try {
    const values = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]!
      .trim()
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = values;
    return { busy: user + nice + system + steal, softirq: irq + softirq };
  } catch {
    return null;
  }
}

/** CPU used during a run, in cores (1 = one core busy the whole time); null where /proc is missing. */
export interface CpuUse {
  readonly serverCores: number | null;
  readonly loadGeneratorCores: number | null;
  readonly otherCores: number | null;
  /** Interrupt and softirq time of the machine: mostly this benchmark's loopback traffic. */
  readonly irqCores: number | null;
}

/** Started before a run, stopped after it: the CPU each party used meanwhile. */
export class CpuMeter {
  private readonly started = process.hrtime.bigint();
  private readonly self = process.cpuUsage();
  private readonly server: number | null;
  private readonly loader: number | null;
  private readonly machine: { busy: number; softirq: number } | null;

  constructor(
    private readonly serverPid: number,
    private readonly loaderPid: number,
  ) {
    this.server = processTicks(serverPid);
    this.loader = processTicks(loaderPid);
    this.machine = machineTicks();
  }

  stop(): CpuUse {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const delta = (before: number | null, after: number | null): number | null =>
      before === null || after === null ? null : (after - before) / USER_HZ;
    const server = delta(this.server, processTicks(this.serverPid));
    const loader = delta(this.loader, processTicks(this.loaderPid));
    const now = machineTicks();
    const busy = delta(this.machine?.busy ?? null, now?.busy ?? null);
    const irq = delta(this.machine?.softirq ?? null, now?.softirq ?? null);
    const used = process.cpuUsage(this.self);
    const self = (used.user + used.system) / 1e6;
    const cores = (x: number | null): number | null =>
      x === null ? null : Math.round((100 * x) / seconds) / 100;
    return {
      serverCores: cores(server),
      loadGeneratorCores: cores(loader),
      otherCores:
        busy === null || server === null || loader === null
          ? null
          : cores(Math.max(0, busy - server - loader - self)),
      irqCores: cores(irq),
    };
  }
}

/** The peak RSS of one process during a run, in MB. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly resetOk: boolean;

  constructor(private readonly pid: number) {
    this.resetOk = resetPeak(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), this.resetOk ? 250 : 100);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, statusMb(this.pid, 'VmRSS') ?? 0);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    const hwm = this.resetOk ? (statusMb(this.pid, 'VmHWM') ?? 0) : 0;
    return Math.round(Math.max(this.peak, hwm) * 10) / 10;
  }
}
