import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { QUEUE_DASHBOARD_PATH } from '../queues/queue-dashboard';
import { DOCS_PATH } from './api-docs';

/**
 * The web app is a Vite build: scripts and styles are files of this origin, no inline script. React and
 * the calendar set styles through the DOM (not blocked by a policy); photo previews are blob: URLs.
 */
const APP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
};

/**
 * Swagger UI (the OpenAPI page) and the admins' queue dashboard (bull-board) write inline styles; both draw
 * icons as data: images.
 */
const DOCS_DIRECTIVES = { ...APP_DIRECTIVES, styleSrc: ["'self'", "'unsafe-inline'"] };

/** Only geolocation is used (the search form's "near me"), on this origin only. */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=(self)',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

/**
 * Security headers on every answer (API, web app, OpenAPI page, errors): a strict Content-Security-Policy,
 * no framing, no MIME sniffing, a referrer reduced to the origin across sites, and HSTS once served over
 * https.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  // The configured map tiles are the one other origin the web app reads (as images or by fetch).
  const tiles = config.mapStyleUrl ? [new URL(config.mapStyleUrl).origin] : [];
  const directives = (docs: boolean) => {
    const base = docs ? DOCS_DIRECTIVES : APP_DIRECTIVES;
    return {
      ...base,
      imgSrc: [...base.imgSrc, ...tiles],
      connectSrc: [...base.connectSrc, ...tiles],
      upgradeInsecureRequests: https ? [] : null,
    };
  };
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: directives(false) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 365 * 86_400, includeSubDomains: false } : false,
  });
  const docsPolicy = serialize(directives(true));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (req.url.startsWith(DOCS_PATH) || req.url.startsWith(QUEUE_DASHBOARD_PATH))
      reply.header('content-security-policy', docsPolicy);
  });
}

function serialize(directives: Record<string, string[] | null>): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, values]) => [name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), ...values].join(' '))
    .join('; ');
}
