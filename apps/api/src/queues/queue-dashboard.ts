import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { API_BASE_PATH } from '@lieux/contracts';
import { REFRESH_COOKIE } from '../auth/auth.controller';
import { hashToken } from '../auth/tokens';
import { sendProblem } from '../http/raw-problem';
import type { QueueInspector } from '../metrics/queue-inspector';
import { QueueDashboardRepository } from './queue-dashboard.repository';

/**
 * Under the auth routes because a browser opening the dashboard sends no bearer token, only cookies, and
 * the session's refresh cookie is scoped to `${API_BASE_PATH}/auth` (widening it would send it everywhere).
 */
export const QUEUE_DASHBOARD_PATH = `${API_BASE_PATH}/auth/queues`;

/**
 * The Bull queue dashboard, for admins. Every request under its path (page, assets, its JSON API, retry
 * and clean actions) is checked against the session of the refresh cookie and the admin grant, read from
 * the database each time: a revoked session or a withdrawn role closes it at once. The embedded mode runs
 * no Bull queues: the path answers 404 with the reason.
 */
export async function registerQueueDashboard(
  fastify: FastifyInstance,
  db: DataSource,
  inspector: QueueInspector | null,
): Promise<void> {
  if (!inspector) {
    fastify.all(`${QUEUE_DASHBOARD_PATH}*`, (req, reply) =>
      sendProblem(
        req,
        reply,
        404,
        'NOT_FOUND',
        'Introuvable',
        'Le tableau des files d’attente n’existe qu’en mode services (avec Redis) : ici les tâches tournent dans le processus.',
      ),
    );
    return;
  }
  const sessions = new QueueDashboardRepository(db);
  const board = new FastifyAdapter();
  createBullBoard({
    queues: inspector.queues.map((q) => new BullAdapter(q)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Lieux Partagés — files' } },
  });
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      const cookie = req.cookies[REFRESH_COOKIE];
      const session = cookie ? await sessions.sessionOf(hashToken(cookie)) : null;
      if (!session) {
        return sendProblem(
          req,
          reply,
          401,
          'UNAUTHENTICATED',
          'Authentification requise',
          'Connectez-vous avec un compte administrateur, puis ouvrez le tableau depuis l’administration.',
        );
      }
      if (!session.admin) {
        return sendProblem(
          req,
          reply,
          403,
          'FORBIDDEN',
          'Action non autorisée',
          'Votre rôle ne permet pas cette action.',
        );
      }
      return undefined;
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
