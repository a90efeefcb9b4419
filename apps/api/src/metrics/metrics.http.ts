import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../http/raw-problem';
import type { Metrics } from './metrics';

export const METRICS_PATH = '/metrics';

/**
 * Times every answer by its route pattern, and serves `GET /metrics` to a scraper holding METRICS_TOKEN
 * (`Authorization: Bearer …`). Without a configured token the endpoint does not exist (404), so a
 * deployment exposes nothing until an operator chooses a secret.
 */
export function registerMetrics(fastify: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.observeHttp(
      req.routeOptions.url ?? 'unmatched',
      req.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  const expected = token ? digest(token) : null;
  fastify.get(METRICS_PATH, async (req, reply) => {
    if (!expected) {
      return sendProblem(
        req,
        reply,
        404,
        'NOT_FOUND',
        'Introuvable',
        'Cette adresse ne correspond à aucune ressource.',
      );
    }
    const header = req.headers.authorization;
    const sent = header?.startsWith('Bearer ') ? header.slice(7) : null;
    if (!sent || !timingSafeEqual(digest(sent), expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendProblem(
        req,
        reply,
        401,
        'UNAUTHENTICATED',
        'Authentification requise',
        'Les métriques demandent le jeton d’exploitation (METRICS_TOKEN) en en-tête Authorization.',
      );
    }
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

// Equal-length digests, so that the comparison takes the same time whatever was sent.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
