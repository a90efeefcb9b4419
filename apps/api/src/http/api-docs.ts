import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const DOCS_PATH = '/api/docs';

/** The files of Swagger UI's distribution the page loads; read once, they do not change while we run. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// The Content-Security-Policy forbids inline scripts: the page starts Swagger UI from a file of its own.
const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '${DOCS_PATH}-json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Lieux Partagés — API</title>
  <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
  <script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

/**
 * The OpenAPI document (built from the route contract, so no decorator scanning is needed) at
 * `/api/docs-json`, and Swagger UI's page at `/api/docs` reading it.
 */
export function registerApiDocs(fastify: FastifyInstance, document: object): void {
  const root = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const html = (_req: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(PAGE);
  fastify.get(`${DOCS_PATH}-json`, (_req, reply) => reply.send(document));
  fastify.get(DOCS_PATH, html);
  fastify.get(`${DOCS_PATH}/`, html);
  fastify.get(`${DOCS_PATH}/init.js`, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(INIT),
  );
  for (const [file, type] of Object.entries(ASSETS)) {
    const body = readFileSync(path.join(root, file));
    fastify.get(`${DOCS_PATH}/${file}`, (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=86400').send(body),
    );
  }
}
