import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config';
import { API_ERRORS, errorBody, sendError, type ApiErrorCode } from './error-codes';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's id when it is a sane one, so a request can be followed across services. */
export function requestIdFor(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Node's refusals of a malformed or slow request, before any route runs. */
function clientErrorCode(error: NodeJS.ErrnoException): ApiErrorCode {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  return 'BAD_REQUEST';
}

const CLIENT_ERROR_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  REQUEST_TIMEOUT: 'The request took longer than allowed to arrive; send it again',
  HEADERS_TOO_LARGE: 'The request headers are larger than the limit',
  BAD_REQUEST: 'The request is not valid HTTP',
};

/**
 * Answers a request Node refused before Fastify saw it (a body that arrives too slowly, headers
 * over the limit, conflicting Content-Length and Transfer-Encoding) in the project's error shape,
 * then closes the connection, as Node itself would.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = clientErrorCode(error);
  const requestId = randomUUID();
  const body = JSON.stringify(errorBody(code, CLIENT_ERROR_MESSAGES[code]!, requestId));
  const status = API_ERRORS[code].status;
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/** The headers every answer written past Fastify carries, as sendError sets them. */
function refusalHeaders(requestId: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    connection: 'close',
  };
}

/** Answers on Node's response object a request refused before Fastify routes it. */
function answerRefusal(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  code: ApiErrorCode,
  message: string,
): void {
  const requestId = requestIdFor(req);
  const body = JSON.stringify(errorBody(code, message, requestId));
  res.writeHead(API_ERRORS[code].status, refusalHeaders(requestId, body)).end(body);
}

/** HTTP/1.1 requires Host (RFC 9112 §3.2); Node's own check would answer a bare 400. */
function lacksRequiredHost(req: http.IncomingMessage): boolean {
  return req.httpVersionMajor === 1 && req.httpVersionMinor === 1 && req.headers.host === undefined;
}

/** Fastify's refusals before routing (a URL that is not valid percent-encoding, a parameter over its length). */
function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendError(reply, 'URI_TOO_LONG', 'A part of the URL is longer than the limit');
    return;
  }
  void sendError(reply, 'BAD_REQUEST', 'The URL is not valid: check its percent-encoding');
}

/**
 * The HTTP server settings: timeouts that close slow clients, and refusals in the project's error
 * shape. Node checks the request timeout on an interval (30 s by default); checking every second
 * keeps the limit close to what is configured.
 */
export function httpOptions(config: Config): FastifyHttpOptions<http.Server> {
  return {
    serverFactory: (handler) => {
      const server = http.createServer(
        {
          headersTimeout: config.headersTimeoutMs,
          requestTimeout: config.requestTimeoutMs,
          keepAliveTimeout: config.keepAliveTimeoutMs,
          connectionsCheckingInterval: 1000,
          // checked below instead, so that the refusal has the project's error shape
          requireHostHeader: false,
        },
        (req, res) => {
          if (lacksRequiredHost(req)) {
            answerRefusal(req, res, 'BAD_REQUEST', 'HTTP/1.1 requests must carry a Host header');
            return;
          }
          handler(req, res);
        },
      );
      // with a listener, Node leaves an unmet Expect to us instead of answering a bare 417
      server.on('checkExpectation', (req: http.IncomingMessage, res: http.ServerResponse) =>
        answerRefusal(req, res, 'EXPECTATION_FAILED', 'Only Expect: 100-continue is supported'),
      );
      return server;
    },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    genReqId: requestIdFor,
  };
}
