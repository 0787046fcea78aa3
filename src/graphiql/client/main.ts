// GraphiQL for this API, served by the server itself (no CDN): the schema comes from
// /schema.graphql, so it works with introspection off, and the examples/ operations open as tabs.
// esbuild bundles this file with React and GraphiQL (scripts/build-graphiql.js).
import 'graphiql/style.css';
import { buildSchema, type ExecutionResult } from 'graphql';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLES } from './examples';

/** Sends operations as POST JSON to /graphql, as any client would. */
async function fetcher(params: unknown): Promise<ExecutionResult> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(params),
  });
  return response.json();
}

async function start(): Promise<void> {
  const root = document.getElementById('graphiql');
  if (!root) return;
  const sdl = await (await fetch('/schema.graphql')).text();
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      schema: buildSchema(sdl),
      defaultTabs: EXAMPLES.map((example) => ({ query: example.query })),
      // tabs from an earlier visit would hide the examples of a newer version
      storage: sessionStorage,
    }),
  );
}

void start();
