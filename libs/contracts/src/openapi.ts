import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ZodObject, ZodType } from 'zod';
import { Problem, z } from './common';
import { ROUTES, fullPath, type RouteContract } from './routes';

const ERROR_STATUSES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict (slot taken, state changed)',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Refused by a rule of the domain',
};

function errorsFor(r: RouteContract): number[] {
  const s: number[] = [];
  if (r.params || r.query || r.body) s.push(400);
  if (r.access !== 'public') s.push(401);
  if (Array.isArray(r.access)) s.push(403);
  if (r.params) s.push(404);
  if (r.method === 'post' && r.body && r.access !== 'public') s.push(409, 422);
  if (r.multipart) s.push(413, 415, 422);
  return s;
}

const IdempotencyHeaders = z.object({
  'Idempotency-Key': z.string().max(200).optional().openapi({
    description: 'The same key with the same body answers the first answer and books nothing more',
  }),
});

const Binary = z.string().openapi({ format: 'binary' });

const problemContent = { 'application/problem+json': { schema: Problem } };

/** The OpenAPI 3.1 description, built from the same schemas that validate requests. */
export function buildOpenApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', Problem);
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  for (const r of Object.values(ROUTES) as RouteContract[]) {
    const responses: Record<string, { description: string; content?: Record<string, { schema: ZodType }> }> =
      {
        [r.status]: r.response
          ? { description: 'Success', content: { 'application/json': { schema: r.response } } }
          : r.produces
            ? { description: 'Success', content: { [r.produces]: { schema: Binary } } }
            : { description: 'Success, no content' },
      };
    for (const s of errorsFor(r)) responses[s] = { description: ERROR_STATUSES[s], content: problemContent };
    registry.registerPath({
      method: r.method,
      path: fullPath(r),
      summary: r.summary,
      tags: [r.tag],
      security: r.access === 'public' ? [] : [{ [bearer.name]: [] }],
      request: {
        params: r.params as ZodObject | undefined,
        query: r.query as ZodObject | undefined,
        headers: r.idempotent ? IdempotencyHeaders : undefined,
        body: r.body
          ? { content: { 'application/json': { schema: r.body } }, required: true }
          : r.multipart
            ? { content: { 'multipart/form-data': { schema: r.multipart } }, required: true }
            : undefined,
      },
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Lieux Partagés API',
      version,
      description:
        'Booking the spare square metres of La Poste’s buildings for the social and solidarity economy.',
    },
  });
}
