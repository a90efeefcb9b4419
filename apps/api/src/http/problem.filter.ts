import {
  Catch,
  HttpException,
  Inject,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorText, type ErrorCode, type Problem } from '@lieux/contracts';
import { DomainException, say } from './domain.exception';
import { requestLanguage } from './request-language';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './unavailable';

/** The built web app's index.html, or null when the web app is not built. */
export const WEB_INDEX = Symbol('WEB_INDEX');

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Action non autorisée',
  404: 'Introuvable',
  405: 'Méthode non autorisée',
  409: 'Conflit',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Demande refusée',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

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
      reply.status(200).header('content-type', 'text/html; charset=utf-8').send(this.webIndex);
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
    if (exception instanceof DomainException) {
      const lang = requestLanguage(req.headers['accept-language']);
      return {
        type: `https://lieux-partages.fr/problems/${exception.code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLES[exception.status] ?? 'Erreur',
        status: exception.status,
        detail: say(exception.detail, lang),
        code: exception.code,
        ...(exception.errors
          ? { errors: exception.errors.map((e) => ({ path: e.path, message: say(e.message, lang) })) }
          : {}),
        instance,
      } as Problem;
    }
    // Framework errors: unknown route, malformed JSON, body too large, wrong content type.
    const status = statusOf(exception);
    if (status && status < 500) {
      return {
        type: 'about:blank',
        title: TITLES[status] ?? 'Erreur',
        status,
        detail: frameworkDetail(status, exception),
        code: CODES[status] ?? (status === 415 || status === 405 ? 'VALIDATION_FAILED' : undefined),
        instance,
      } as Problem;
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        type: 'https://lieux-partages.fr/problems/service-unavailable',
        title: TITLES[503],
        status: 503,
        detail: errorText('SERVICE_UNAVAILABLE', requestLanguage(req.headers['accept-language'])),
        code: 'SERVICE_UNAVAILABLE',
        instance,
      };
    }
    return {
      type: 'about:blank',
      title: TITLES[500],
      status: 500,
      detail: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
      instance,
    } as Problem;
  }
}

function statusOf(e: unknown): number | undefined {
  if (e instanceof HttpException) return e.getStatus();
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function frameworkDetail(status: number, e: unknown): string {
  const code = (e as { code?: string })?.code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError)
    return 'Le corps de la requête n’est pas un JSON valide.';
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'Le corps JSON est vide.';
  switch (status) {
    case 400:
      return 'Le corps de la requête n’est pas un JSON valide.';
    case 404:
      return 'Cette adresse ne correspond à aucune ressource.';
    case 413:
      return 'La requête dépasse la taille autorisée.';
    case 415:
      return 'Envoyez du JSON (Content-Type: application/json).';
    default:
      return TITLES[status] ?? 'Requête refusée.';
  }
}
