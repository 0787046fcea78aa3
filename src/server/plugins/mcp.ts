import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyPluginAsync } from 'fastify';
import { sendError } from '../error-codes';
import { registerTools } from '../mcp/tools';
import '../decorators';

// three folders up from src/server/plugins and from dist/server/plugins alike; the image copies it too
const { version: SERVER_VERSION } = require('../../../package.json') as { version: string };

/** What the server tells an assistant about itself when it connects. */
const INSTRUCTIONS =
  'Read-only access to an engineering career framework: tracks of levels, what each level expects, what changes from one level to the next, search, and what changed between versions. Start with list_tracks to find level ids.';

/**
 * POST /mcp: the Model Context Protocol over Streamable HTTP, stateless: each request gets its own
 * server and transport over the caller's view (bearer token, drafts permission), so replicas need
 * no shared session and an assistant sees exactly what the GraphQL API would show it. Answers are
 * JSON, not an event stream: every tool answers at once.
 */
export const mcpPlugin: FastifyPluginAsync = async (app) => {
  app.post('/mcp', async (request, reply) => {
    // one message per request: a batch would run up to the SDK's hundred tool calls (and their
    // version loads) under one request's limits; MCP 2025-06-18 dropped JSON-RPC batching anyway
    if (Array.isArray(request.body))
      return reply.code(400).send({
        jsonrpc: '2.0',
        error: {
          code: -32600,
          message: 'Invalid Request: send one JSON-RPC message per request, not a batch',
        },
        id: null,
      });
    const server = new McpServer(
      { name: 'career-framework-api', version: SERVER_VERSION },
      { instructions: INSTRUCTIONS },
    );
    registerTools(server, {
      framework: request.framework,
      history: app.history,
      drafts: request.permission.drafts,
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });
  // stateless: no event stream to open and no session to end
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      handler: async (_request, reply) =>
        sendError(
          reply.header('allow', 'POST'),
          'METHOD_NOT_ALLOWED',
          'The MCP endpoint is stateless: POST JSON-RPC messages to /mcp.',
        ),
    });
  }
};
