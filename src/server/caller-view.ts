import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withoutDrafts, type Framework } from '../domain/framework';
import { ANONYMOUS, type Permission } from './auth';
import type { ContentStore } from './content-store';
import './decorators';
// for its augmentation of FastifyRequest with `permission`
import './plugins/auth';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The framework this request's caller may see, taken from the store on first read and kept for
     * the rest of the request, so one answer never mixes two versions.
     */
    readonly framework: Framework;
  }
}

/**
 * The one decision about what a caller may see of the content: all of it with the drafts
 * permission, else the published view (no draft level, no track of drafts alone, the published
 * version). Every surface reads the framework through here.
 */
export function frameworkFor(framework: Framework, permission: Permission): Framework {
  return permission.drafts ? framework : withoutDrafts(framework);
}

/** What the store serves to this caller now. */
export function callerFramework(store: ContentStore, permission: Permission): Framework {
  return frameworkFor(store.unfiltered, permission);
}

/** What anyone may see: for surfaces with no caller to ask (readiness, metrics labels). */
export function anonymousFramework(store: ContentStore): Framework {
  return callerFramework(store, ANONYMOUS);
}

const taken = new WeakMap<FastifyRequest, Framework>();

/**
 * Decorates every request with `framework`. The permission is the auth plugin's (set in its onRequest
 * hook, which runs before any other plugin's); a request it has not reached is anonymous.
 */
const callerView: FastifyPluginAsync = async (app) => {
  const { store } = app;
  app.decorateRequest('framework', {
    getter(this: FastifyRequest): Framework {
      let framework = taken.get(this);
      if (!framework) {
        framework = callerFramework(store, (this.permission as Permission | null) ?? ANONYMOUS);
        taken.set(this, framework);
      }
      return framework;
    },
  });
};

/** Registered at the root, after the auth plugin, so every plugin's requests carry their view. */
export const callerViewPlugin = fp(callerView, { name: 'caller-view', fastify: '5.x' });
