import net from 'node:net';
import type { Logger } from 'pino';
import { dropLogs, flushLogs } from './logger';
import { formatProblem, type ContentProblem } from '../content/problem';
import type { Framework } from '../domain/framework';
import { ANONYMOUS } from './auth';
import { frameworkFor } from './caller-view';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { ContentStore, ReloadOutcome } from './content-store';
import type { Metrics } from './metrics';

/** Logs the warnings of content that loaded and publishes its version and load time as metrics. */
export function recordLoad(
  log: Logger,
  metrics: Metrics,
  framework: Framework,
  warnings: readonly ContentProblem[],
  durationMs: number,
): void {
  for (const w of warnings) log.warn({ problem: w }, formatProblem(w));
  // anyone who reaches /metrics reads the label, so it carries the version anyone may see
  metrics.contentLoaded(frameworkFor(framework, ANONYMOUS).version, framework.loadedAt, durationMs);
}

/** Logs a reload and feeds the metrics; used for SIGHUP and file changes. */
export function reloadReporter(log: Logger, metrics: Metrics) {
  return (outcome: ReloadOutcome, reason: string): void => {
    metrics.reloaded(outcome.ok);
    if (outcome.ok) {
      recordLoad(log, metrics, outcome.framework, outcome.warnings, outcome.durationMs);
      for (const s of outcome.shrinks) {
        metrics.contentShrunk();
        log.warn(
          { file: s.file, levelId: s.levelId, shrank: s.detail },
          `${s.file} lost ${s.detail}; serving it as written`,
        );
      }
      log.info(
        { reason, contentVersion: outcome.framework.version, ms: Math.round(outcome.durationMs) },
        'content reloaded',
      );
      return;
    }
    if (outcome.unstable) {
      log.warn({ reason }, 'content kept changing while it was read; still serving the last good content');
      return;
    }
    for (const p of outcome.problems) log.error({ problem: p }, formatProblem(p));
    log.error(
      { reason, problems: outcome.problems.length },
      'content reload failed; still serving the last good content',
    );
  };
}

/**
 * SIGTERM/SIGINT: drain, then stop and exit 0 (see `drainAndStop`); a second one exits 1 at once,
 * for an operator who will not wait. SIGINT skips the drain delay: it is Ctrl-C in a terminal, where
 * no load balancer needs time to take the replica out, while orchestrators stop with SIGTERM.
 * SIGHUP: reload the content.
 */
export function handleSignals(app: FastifyInstance, store: ContentStore, config: Config, log: Logger): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now, without finishing the drain');
      exitWith(1);
      return;
    }
    stopping = true;
    store.unwatch();
    drainAndStop(app, config, log, signal).then(
      () => {
        log.info('stopped');
        exitWith(0);
      },
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        exitWith(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => void store.reload('SIGHUP'));
}

/**
 * How long a connection accepted just before the listener closed may take to show its request before
 * it counts as idle: its bytes can still be on the wire or unread, and closing it then resets a
 * request the client has sent.
 */
const IDLE_GRACE_MS = 500;
const IDLE_SWEEP_MS = 100;
/** The listener closes once no connection has arrived for this long, or after the maximum anyway. */
const QUIET_MS = 50;
const QUIET_MAX_MS = 1000;
/** What Fastify's onClose hooks may take once the connections are closed, before the process exits anyway. */
const CLOSE_HOOKS_MS = 1000;

/**
 * Shutdown that loses no request:
 * 1. Drain: `/readyz` answers 503 and every response says `Connection: close` (plugins/drain.ts) for
 *    the drain delay, while load balancers take the replica out and clients move their connections;
 *    everything that arrives is still answered.
 * 2. The listener closes at a quiet moment (`closeListener`). Requests on connections already open (in
 *    flight, or accepted a moment before and not read yet) are answered normally, each response
 *    closing its connection. This is not Fastify's `close()`, which answers such requests 503 and
 *    closes idle-looking connections at once, nor `http.Server.close()`, which does the latter: a
 *    connection whose request is still unread looks idle, and closing it resets the request.
 * 3. After a grace, connections with no request in progress are closed. When none are left, or after
 *    the shutdown timeout, Fastify's onClose hooks run.
 * Whatever step 2 or 3 waits for, the process exits 1 once the listener's quiet wait, the shutdown
 * timeout and the hooks' allowance have passed after the drain delay.
 */
async function drainAndStop(
  app: FastifyInstance,
  config: Config,
  log: Logger,
  signal: string,
): Promise<void> {
  app.readiness.draining = true;
  const drainDelayMs = signal === 'SIGINT' ? 0 : config.drainDelayMs;
  log.info(
    { signal, drainDelayMs, shutdownTimeoutMs: config.shutdownTimeoutMs },
    'draining: /readyz answers 503 and responses say Connection: close until the listener closes',
  );
  await new Promise((resolve) => setTimeout(resolve, drainDelayMs));

  // unref'd: the exit it forces is for a close() that never resolves, not a reason to stay alive
  const hardStop = setTimeout(
    () => {
      log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown did not finish in time; exiting');
      exitWith(1);
    },
    QUIET_MAX_MS + config.shutdownTimeoutMs + CLOSE_HOOKS_MS,
  ).unref();
  try {
    await closeServer(app, config, log);
  } finally {
    clearTimeout(hardStop);
  }
}

/** Steps 2 and 3 of `drainAndStop`. */
async function closeServer(app: FastifyInstance, config: Config, log: Logger): Promise<void> {
  const server = app.server;
  const { closed } = await closeListener(app);
  log.info('listener closed; finishing the requests on open connections');
  let sweep: NodeJS.Timeout | undefined;
  const grace = setTimeout(() => {
    server.closeIdleConnections();
    sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref();
  }, IDLE_GRACE_MS).unref();
  const finished = await Promise.race([closed.then(() => true), delay(config.shutdownTimeoutMs, false)]);
  clearTimeout(grace);
  clearInterval(sweep);
  if (!finished) {
    log.warn(
      { timeoutMs: config.shutdownTimeoutMs },
      'in-flight requests did not finish in time; closing them',
    );
    server.closeAllConnections();
  }
  await app.close();
}

/**
 * Closes the listener; resolves once it is closed, with `closed`: the last connection has ended.
 *
 * A connection the kernel has completed but Node has not accepted yet is reset when the listener
 * closes, after its client has sent the request. So new requests are held first: a client waiting
 * for an answer opens no new connection, and the event loop, idle, accepts what arrives at once. When
 * no connection has arrived for QUIET_MS (or QUIET_MAX_MS have passed, when clients that ignore
 * readiness keep coming), the listener closes and the held requests are answered.
 */
async function closeListener(app: FastifyInstance): Promise<{ closed: Promise<void> }> {
  const server = app.server;
  let arrivals = 0;
  const count = (): void => void arrivals++;
  server.on('connection', count);
  app.requestGate.hold();
  const giveUp = Date.now() + QUIET_MAX_MS;
  for (;;) {
    const before = arrivals;
    await delay(QUIET_MS, undefined);
    // one more turn of the event loop: its poll phase accepts what the kernel queued meanwhile
    await new Promise((resolve) => setImmediate(resolve));
    if (arrivals === before || Date.now() >= giveUp) break;
  }
  server.off('connection', count);
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  app.requestGate.release();
  return { closed };
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value).unref());
}

let exiting = false;

/** Exits once the logs are out, or could not get out in time; a second call does not wait. */
function exitWith(code: number): void {
  if (exiting) {
    dropLogs();
    process.exit(code);
  }
  exiting = true;
  void flushLogs().then(() => process.exit(code));
}
