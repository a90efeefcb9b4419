import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Server } from 'node:http';
import type { ConnectionError, FastifyError, FastifyHttpOptions, FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app-config';

/** Headers may take this long at most to arrive, whatever the request timeout. */
const HEADERS_TIMEOUT_MS = 10_000;

interface Refusal {
  status: number;
  title: string;
  detail: string;
}

const TIMEOUT: Refusal = {
  status: 408,
  title: 'Délai dépassé',
  detail: 'La requête a mis trop de temps à arriver. Réessayez.',
};
const URI_TOO_LONG: Refusal = {
  status: 414,
  title: 'Adresse trop longue',
  detail: 'L’adresse demandée est trop longue.',
};
const HEADERS_TOO_LARGE: Refusal = {
  status: 431,
  title: 'En-têtes trop volumineux',
  detail: 'Les en-têtes de la requête sont trop volumineux.',
};
const MALFORMED: Refusal = {
  status: 400,
  title: 'Requête invalide',
  detail: 'La requête HTTP est mal formée.',
};

/**
 * These answers leave before any hook runs, so without the security headers of the other answers: a
 * problem document needs no content at all, hence the strictest policy.
 */
const ERROR_HEADERS = {
  'content-type': 'application/problem+json; charset=utf-8',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

function problemJson({ status, title, detail }: Refusal, instance?: string): string {
  // 400-class answers given before any route exists share the codes of the router's own refusals.
  const code = status === 400 || status === 408 ? 'VALIDATION_FAILED' : 'PAYLOAD_TOO_LARGE';
  return JSON.stringify({
    type: 'about:blank',
    title,
    status,
    detail,
    code,
    ...(instance ? { instance } : {}),
  });
}

/**
 * Node's parser refuses a request before Fastify sees it (oversized headers or request line, a timeout,
 * malformed HTTP): answer problem+json there too, then close, as Node itself would.
 */
function onClientError(err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let refusal = MALFORMED;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') refusal = TIMEOUT;
  else if (err.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line with the headers: a request line that alone fills the buffer is a long URL.
    const raw: unknown = err.rawPacket;
    const firstLineEnd = Buffer.isBuffer(raw) ? raw.indexOf('\r\n') : -1;
    refusal = firstLineEnd === -1 || firstLineEnd > 8 * 1024 ? URI_TOO_LONG : HEADERS_TOO_LARGE;
  }
  if (!socket.writable) {
    socket.destroy(err);
    return;
  }
  const body = problemJson(refusal);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
      'Connection: close\r\n' +
      Object.entries(ERROR_HEADERS)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Fastify options that bound what one connection may cost: how long its headers and body may take, and
 * how the router's own refusals (malformed URL, an over-long path parameter) are answered.
 */
export function serverLimits(config: AppConfig): FastifyHttpOptions<Server> {
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  return {
    // The whole request (headers and body) must arrive within this bound. No idle-socket timeout: it would
    // also cut a slow answer (a large export) that the client is waiting for.
    requestTimeout,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
      requestTimeout,
      // Node looks for overdue requests this often (30 s by default, which would add to the bound).
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    clientErrorHandler: onClientError,
    frameworkErrors: (error: FastifyError, request, reply) => {
      const refusal = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? URI_TOO_LONG : MALFORMED;
      void (reply as FastifyReply)
        .status(refusal.status)
        .headers(ERROR_HEADERS)
        .send(problemJson(refusal, request.url.split('?')[0]));
    },
  };
}
