import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What the code running for one request (or one job it caused) knows about it. */
interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();
const SCOPE = Symbol('lp.requestScope');

// A caller's id is kept only if it is a short token: it ends up in logs and headers verbatim.
const SANE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fastify's `genReqId`: the proxy's or client's X-Request-Id when sane, a fresh UUID otherwise. */
export function requestIdOf(req: IncomingMessage): string {
  const sent = req.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && SANE_ID.test(sent) ? sent : randomUUID();
}

/** The id of the request (or of the job's originating request) this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** Runs `fn` as part of the request `requestId` (a job caused by it): its log lines carry the id. */
export function withRequestId<T>(requestId: string | null | undefined, fn: () => T): T {
  return requestId ? context.run({ requestId }, fn) : fn();
}

/**
 * Returns the id in the `X-Request-Id` answer header and makes it the current request's for the rest of
 * its handling. The body is parsed from stream events that run outside the request's async context, so
 * the context is entered again before validation (as @fastify/request-context does).
 */
export function registerRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    context.run({ requestId: req.id }, () => {
      const scope = new AsyncResource('lp.request');
      (req as FastifyRequest & { [SCOPE]?: AsyncResource })[SCOPE] = scope;
      scope.runInAsyncScope(done, req.raw);
    });
  });
  fastify.addHook('preValidation', (req, _reply, done) => {
    const scope = (req as FastifyRequest & { [SCOPE]?: AsyncResource })[SCOPE];
    if (scope) scope.runInAsyncScope(done, req.raw);
    else done();
  });
}

interface JsonLogOptions {
  context: string;
  logLevel: LogLevel;
  writeStreamType?: 'stdout' | 'stderr';
  errorStack?: unknown;
  params?: Record<string, unknown>;
  error?: Error;
}

/** Nest's console logger, with the current request id on every line logged while handling a request. */
export class RequestAwareLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions) {
    const requestId = currentRequestId();
    const line = super.getJsonLogObject(message, options);
    return requestId ? { ...line, requestId } : line;
  }

  protected override formatContext(name: string): string {
    const requestId = currentRequestId();
    return super.formatContext(requestId ? `${name}] [${requestId}` : name);
  }
}
