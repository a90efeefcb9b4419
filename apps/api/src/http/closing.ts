import type { FastifyInstance } from 'fastify';

/**
 * Once the application starts closing, every answer says `Connection: close`. Fastify refuses the
 * requests that arrive from then on and drops the idle connections, but a keep-alive connection busy with
 * a request at that moment would stay open, idle, after its answer until the client let it go (5 s for
 * Node's own agent; Fastify's keep-alive timeout is 72 s), and hold the process's exit that long.
 */
export function closeConnectionsWhenClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
