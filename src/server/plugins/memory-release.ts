import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { exposedCollector, MemoryRelease } from '../memory-release';
import '../decorators';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when Node was started without `--expose-gc`. */
    readonly memoryRelease: MemoryRelease | null;
  }
}

/** Counts every answered request and, when Node exposes `gc`, releases memory after busy periods. */
const memoryRelease: FastifyPluginCallback = (app, _options, done) => {
  const collect = exposedCollector();
  const { metrics, log } = app;
  const release = collect
    ? new MemoryRelease(collect, (released) => {
        metrics.memoryReleased(released.ms / 1000);
        log.info(released, 'returned memory to the system after a busy period');
      })
    : null;
  app.decorate('memoryRelease', release);
  if (release) {
    // a callback hook: no promise per request for a counter
    app.addHook('onResponse', (_request, _reply, next) => {
      release.count();
      next();
    });
    app.addHook('onReady', (next) => {
      release.start();
      next();
    });
    app.addHook('onClose', (_instance, next) => {
      release.stop();
      next();
    });
  }
  done();
};

export const memoryReleasePlugin = fp(memoryRelease, { name: 'memory-release', fastify: '5.x' });
