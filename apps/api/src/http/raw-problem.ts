import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode, Problem } from '@lieux/contracts';

/**
 * A problem+json answer from a plain Fastify route or hook (metrics, queue dashboard), which the Nest
 * exception filter does not see: same shape as the filter's.
 */
export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  title: string,
  detail: string,
): FastifyReply {
  const problem: Problem = {
    type: `https://lieux-partages.fr/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    instance: req.url.split('?')[0],
    requestId: req.id,
  };
  return reply.status(status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}
