import {
  Catch,
  HttpException,
  Inject,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  errorText,
  problemTitle,
  UNEXPECTED_ERROR,
  type ErrorCode,
  type MessageLanguage,
  type Problem,
} from '@lieux/contracts';
import { DomainException, say } from './domain.exception';
import { requestLanguage } from './request-language';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './unavailable';
import { INDEX_CACHE_CONTROL } from './web-index';

/** The built web app's index.html with its generic meta, or null when the web app is not built. */
export const WEB_INDEX = Symbol('WEB_INDEX');

const CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/** Every error leaves as application/problem+json (RFC 9457), with a message a person understands. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(@Inject(WEB_INDEX) private readonly webIndex: string | null) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    // The web app's own routes (/espaces/…) are not files: hand them its index and let it route.
    if (
      this.webIndex &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.url.startsWith('/api') &&
      statusOf(exception) === 404
    ) {
      reply
        .status(200)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', INDEX_CACHE_CONTROL)
        .send(this.webIndex);
      return;
    }
    // The request id lets a person quote the answer and an operator find its log lines.
    const problem: Problem = { ...this.toProblem(exception, req), requestId: req.id };
    if (problem.status === 503) {
      this.logger.warn({ msg: 'database unreachable', url: req.url, err: String(exception) });
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error({
        msg: 'unhandled error',
        url: req.url,
        err: String((exception as Error)?.stack ?? exception),
      });
    }
    if (exception instanceof DomainException) reply.headers(exception.headers);
    reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }

  private toProblem(exception: unknown, req: FastifyRequest): Problem {
    const instance = req.url.split('?')[0];
    const lang = requestLanguage(req.headers['accept-language']);
    if (exception instanceof DomainException) {
      return {
        type: `https://lieux-partages.fr/problems/${exception.code.toLowerCase().replace(/_/g, '-')}`,
        title: problemTitle(exception.status, lang),
        status: exception.status,
        detail: say(exception.detail, lang),
        code: exception.code,
        ...(exception.errors
          ? { errors: exception.errors.map((e) => ({ path: e.path, message: say(e.message, lang) })) }
          : {}),
        ...exception.extensions,
        instance,
      } as Problem;
    }
    // Framework errors: unknown route, malformed JSON, body too large, wrong content type.
    const status = statusOf(exception);
    if (status && status < 500) {
      return {
        type: 'about:blank',
        title: problemTitle(status, lang),
        status,
        detail: frameworkDetail(status, exception, lang),
        code: CODES[status] ?? (status === 415 || status === 405 ? 'VALIDATION_FAILED' : undefined),
        instance,
      } as Problem;
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: 'https://lieux-partages.fr/problems/service-unavailable',
        title: problemTitle(503, lang),
        status: 503,
        detail: errorText('SERVICE_UNAVAILABLE', lang),
        code: 'SERVICE_UNAVAILABLE',
        instance,
      };
    }
    return {
      type: 'about:blank',
      title: problemTitle(500, lang),
      status: 500,
      detail: UNEXPECTED_ERROR[lang],
      instance,
    } as Problem;
  }
}

function statusOf(e: unknown): number | undefined {
  if (e instanceof HttpException) return e.getStatus();
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function frameworkDetail(status: number, e: unknown, lang: MessageLanguage): string {
  const code = (e as { code?: string })?.code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError)
    return errorText('VALIDATION_FAILED.invalidJson', lang);
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return errorText('VALIDATION_FAILED.emptyJson', lang);
  switch (status) {
    case 400:
      return errorText('VALIDATION_FAILED.invalidJson', lang);
    case 404:
      return errorText('NOT_FOUND.route', lang);
    case 413:
      return errorText('PAYLOAD_TOO_LARGE.request', lang);
    case 415:
      return errorText('VALIDATION_FAILED.contentType', lang);
    default:
      return problemTitle(status, lang);
  }
}
