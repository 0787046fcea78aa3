import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import '../decorators';

/** Shutdown's hold on new requests while the listener closes (see lifecycle.ts). */
export interface RequestGate {
  /** Requests that arrive from now on wait, unanswered, until `release()`. */
  hold(): void;
  release(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    readonly requestGate: RequestGate;
  }
}

/**
 * While the server drains on SIGTERM, every response says `Connection: close`: the client, or a load
 * balancer's pooled connection, sends its next request on a new connection (to another replica)
 * instead of reusing one this server is about to close. Node closes the socket after the response.
 * The gate lets shutdown hold new requests for the moment it closes the listener.
 */
const drain: FastifyPluginCallback = (app, _options, done) => {
  const { readiness } = app;
  let held: Promise<void> | undefined;
  let release = (): void => {};
  app.decorate('requestGate', {
    hold: () => {
      held ??= new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      held = undefined;
      release();
    },
  } satisfies RequestGate);

  app.addHook('onRequest', (_request, _reply, next) => {
    if (held) void held.then(() => next());
    else next();
  });
  // onSend, not onRequest: a request that arrived before the signal and answers during the drain
  // must say close too
  app.addHook('onSend', (_request, reply, payload, next) => {
    if (readiness.draining) reply.header('connection', 'close');
    next(null, payload);
  });
  done();
};

/** `Connection: close` on every response while `app.readiness.draining`, and `app.requestGate`. */
export const drainPlugin = fp(drain, { name: 'drain', fastify: '5.x' });
