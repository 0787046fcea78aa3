import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EXPLORER_OPERATIONS } from './known-operations';

/** The Prometheus metrics of one server, in a registry of its own. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name and how it was answered.',
    labelNames: ['operation', 'cache'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly contentInfo = new Gauge({
    name: 'content_version_info',
    help: 'The content version being served (label), always 1.',
    labelNames: ['version'] as const,
    registers: [this.registry],
  });
  private readonly contentLoadSeconds = new Gauge({
    name: 'content_load_duration_seconds',
    help: 'How long the content being served took to load.',
    registers: [this.registry],
  });
  private readonly contentLoadedAt = new Gauge({
    name: 'content_loaded_timestamp_seconds',
    help: 'When the content being served was loaded (Unix time).',
    registers: [this.registry],
  });
  private readonly reloads = new Counter({
    name: 'content_reloads_total',
    help: 'Content reloads by result: success swapped new content in, failure kept the last good content.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly shrinkWarnings = new Counter({
    name: 'content_shrink_warnings_total',
    help: 'Levels served after a reload that lost more than half of their competencies or items, or went missing.',
    registers: [this.registry],
  });
  private readonly cacheAnswers = new Counter({
    name: 'response_cache_requests_total',
    help: 'GraphQL requests by how the response cache answered: hit, miss, not_modified (304), bypass.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  /**
   * @param knownOperations the operation names counted under their own name (start.ts reads them
   * with `knownOperations()`). Operation names come from clients: any other name is "other", so
   * neither a hostile client nor many honest ones can grow the registry or crowd out the real ones.
   */
  constructor(private readonly knownOperations: ReadonlySet<string> = EXPLORER_OPERATIONS) {
    collectDefaultMetrics({ register: this.registry });
    this.reloads.inc({ result: 'success' }, 0);
    this.reloads.inc({ result: 'failure' }, 0);
  }

  observeRequest(operationName: string | null | undefined, cache: string, seconds: number): void {
    this.requestDuration.observe({ operation: this.operationLabel(operationName), cache }, seconds);
  }

  countErrors(codes: readonly string[]): void {
    for (const code of codes) this.errors.inc({ code });
  }

  countCache(result: 'hit' | 'miss' | 'not_modified' | 'bypass'): void {
    this.cacheAnswers.inc({ result });
  }

  contentLoaded(version: string, loadedAt: Date, durationMs: number): void {
    this.contentInfo.reset();
    this.contentInfo.set({ version }, 1);
    this.contentLoadSeconds.set(durationMs / 1000);
    this.contentLoadedAt.set(loadedAt.getTime() / 1000);
  }

  reloaded(ok: boolean): void {
    this.reloads.inc({ result: ok ? 'success' : 'failure' });
  }

  /** One level that shrank in a reload and was served anyway (the log names the file). */
  contentShrunk(): void {
    this.shrinkWarnings.inc();
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    return this.knownOperations.has(name) ? name : 'other';
  }
}
