import type { Logger } from 'pino';
import { flushLogs } from './logger';
import { formatProblem, type ContentProblem } from '../content/problem';
import type { Framework } from '../domain/framework';
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
  metrics.contentLoaded(framework.version, framework.loadedAt, durationMs);
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
          `${s.file} lost most of its content (${s.detail}); serving it as written`,
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
 * SIGTERM/SIGINT: report not-ready, stop accepting, let in-flight requests finish (bounded), exit 0.
 * SIGHUP: reload the content.
 */
export function handleSignals(app: FastifyInstance, store: ContentStore, config: Config, log: Logger): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.readiness.draining = true;
    store.unwatch();
    log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      log.warn('in-flight requests did not finish in time; exiting');
      exitWith(0);
    }, config.shutdownTimeoutMs);
    timer.unref();
    // a keep-alive connection that finishes its last request during the drain would otherwise idle
    // until its timeout; close such connections as soon as they go quiet
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    app.close().then(
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

function exitWith(code: number): void {
  flushLogs();
  process.exit(code);
}
