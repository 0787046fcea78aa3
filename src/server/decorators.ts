import type { ContentHistory } from '../content/history/history';
import type { Config } from './config';
import type { ContentStore } from './content-store';
import type { Metrics } from './metrics';

/** What /readyz needs to know beyond the content: whether the server is draining. */
export interface Readiness {
  draining: boolean;
}

// The services every plugin shares, as Fastify decorators set once by buildApp.
declare module 'fastify' {
  interface FastifyInstance {
    /** The validated configuration. */
    readonly config: Config;
    /** The content being served; plugins read it through `request.framework` (caller-view.ts). */
    readonly store: ContentStore;
    readonly metrics: Metrics;
    readonly readiness: Readiness;
    /** Versions of the content from git; null when CONTENT_DIR is in no repository or HISTORY=false. */
    readonly history: ContentHistory | null;
  }
}
