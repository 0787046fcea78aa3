import http from 'node:http';

/** What became of one request. */
export interface Sent {
  /**
   * answered: a status line came back; refused: the connection was refused, so nothing was sent;
   * failed: anything else (reset, hang-up, timeout), a request lost.
   */
  readonly outcome: 'answered' | 'refused' | 'failed';
  readonly status?: number;
  /** The answer's Connection header. */
  readonly connection?: string;
  /** The error code of a failed request. */
  readonly error?: string;
  /** Whether the request went on a connection an earlier request had used. */
  readonly reused: boolean;
  /** The test's label for the moment the request was started (e.g. "before", "draining"). */
  readonly phase: string;
}

/** One client sending back to back, as a keep-alive client or with a new connection per request. */
export interface LoadClientOptions {
  /** e.g. http://127.0.0.1:4000 */
  readonly origin: string;
  readonly keepAlive: boolean;
  readonly method?: 'GET' | 'POST';
  /** Read as each request starts, recorded with it. */
  readonly phase: () => string;
  /** Stop after the request this returns true for. */
  readonly stopAfter: (sent: Sent) => boolean;
  /** Bounds, whatever happens. */
  readonly maxRequests: number;
  readonly maxMs: number;
}

export interface LoadClient {
  readonly sent: Sent[];
  /** Resolves when the client stops: because of `stopAfter`, or a bound ("bound"). */
  readonly done: Promise<'stopped' | 'bound'>;
  /** Makes the client stop after its current request. */
  stop(): void;
}

const QUERY = '{ tracks { id } }';

/** Sends one GraphQL query and reads the whole answer. */
export function sendQuery(
  origin: string,
  options: { agent: http.Agent | false; method?: 'GET' | 'POST'; phase: string },
): Promise<Sent> {
  const url = new URL('/graphql', origin);
  const method = options.method ?? 'POST';
  const body = JSON.stringify({ query: QUERY });
  if (method === 'GET') url.searchParams.set('query', QUERY);
  const headers: Record<string, string | number> =
    method === 'POST'
      ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
      : { 'apollo-require-preflight': 'true' };
  if (options.agent === false) headers.connection = 'close';
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent: options.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error: NodeJS.ErrnoException) => failed(error));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const complete = res.statusCode !== 200 || text.includes('"tracks"');
        resolve({
          outcome: complete ? 'answered' : 'failed',
          status: res.statusCode,
          connection: res.headers.connection,
          reused: req.reusedSocket,
          phase: options.phase,
          ...(complete ? {} : { error: 'incomplete body' }),
        });
      });
    });
    const failed = (error: NodeJS.ErrnoException): void =>
      resolve({
        outcome: error.code === 'ECONNREFUSED' ? 'refused' : 'failed',
        error: error.code ?? error.message,
        reused: req.reusedSocket,
        phase: options.phase,
      });
    req.on('error', failed);
    req.setTimeout(15_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.end(method === 'POST' ? body : undefined);
  });
}

/** Starts a client that sends one query after another until told to stop or a bound is reached. */
export function loadClient(options: LoadClientOptions): LoadClient {
  const agent = options.keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 1 }) : false;
  const sent: Sent[] = [];
  let stopping = false;
  const done = (async (): Promise<'stopped' | 'bound'> => {
    const deadline = Date.now() + options.maxMs;
    try {
      while (sent.length < options.maxRequests && Date.now() < deadline) {
        const result = await sendQuery(options.origin, {
          agent,
          method: options.method,
          phase: options.phase(),
        });
        sent.push(result);
        if (stopping || options.stopAfter(result)) return 'stopped';
      }
      return 'bound';
    } finally {
      if (agent) agent.destroy();
    }
  })();
  return { sent, done, stop: () => (stopping = true) };
}

/** Tallies of a set of requests, for assertions and failure messages. */
export function tally(sent: readonly Sent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sent) {
    const key = s.outcome === 'answered' ? `${s.status}` : s.outcome === 'refused' ? 'refused' : s.error!;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A load balancer's view of a replica: `/readyz` polled on a new connection each time. */
export interface ReadinessProbe {
  /** Each poll's status, or "refused" once nothing listens; the probe stops there. */
  readonly seen: Array<number | string>;
  readonly done: Promise<void>;
  stop(): void;
}

export function probeReadiness(
  origin: string,
  onStatus: (status: number | string) => void = () => {},
  bounds = { everyMs: 10, maxMs: 30_000 },
): ReadinessProbe {
  const seen: Array<number | string> = [];
  let stopping = false;
  const done = (async () => {
    const deadline = Date.now() + bounds.maxMs;
    while (!stopping && Date.now() < deadline) {
      const status = await new Promise<number | string>((resolve) => {
        const req = http.get(new URL('/readyz', origin), { agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', (error: NodeJS.ErrnoException) =>
          resolve(error.code === 'ECONNREFUSED' ? 'refused' : (error.code ?? error.message)),
        );
      });
      seen.push(status);
      onStatus(status);
      if (status === 'refused') return;
      await new Promise((resolve) => setTimeout(resolve, bounds.everyMs));
    }
  })();
  return { seen, done, stop: () => (stopping = true) };
}
