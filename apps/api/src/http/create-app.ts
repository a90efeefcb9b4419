import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { LogController } from 'fastify';
import { buildOpenApiDocument, PHOTO_MAX_BYTES } from '@lieux/contracts';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { Metrics } from '../metrics/metrics';
import { registerMetrics } from '../metrics/metrics.http';
import { QUEUE_INSPECTOR } from '../metrics/queue-inspector';
import { registerQueueDashboard } from '../queues/queue-dashboard';
import type { AppConfig } from '../config/app-config';
import { registerApiDocs } from './api-docs';
import { registerCompression } from './compression';
import { WEB_INDEX } from './problem.filter';
import { registerRequestContext, RequestAwareLogger, requestIdOf } from './request-id';
import { registerRateLimits } from './rate-limits';
import { registerSecurityHeaders } from './security-headers';
import { closeConnectionsWhenClosing } from './closing';
import { serverLimits } from './server-limits';
import { genericIndex, INDEX_CACHE_CONTROL, registerSpacePages } from './web-index';

const BODY_LIMIT_BYTES = 1024 * 1024;

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

export function createLogger(config: AppConfig): LoggerService {
  return new RequestAwareLogger({
    json: config.logFormat === 'json',
    logLevels: LEVELS[config.logLevel],
    colors: config.logFormat === 'pretty',
  });
}

/** The HTTP application: API, OpenAPI page and, when built, the web app on the same origin. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const jsonLogs = config.logFormat === 'json' && config.logLevel !== 'silent';
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: jsonLogs ? { level: config.logLevel } : false,
    // X-Forwarded-For only from the configured proxies: from anyone else it would pick the address the
    // throttles count.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ...serverLimits(config),
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
  });
  const indexFile = path.join(config.webDist, 'index.html');
  const webIndex = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  const module = AppModule.forApi(config);
  module.providers = [
    ...(module.providers ?? []),
    { provide: WEB_INDEX, useValue: webIndex && genericIndex(webIndex) },
  ];
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: createLogger(config),
    bufferLogs: false,
  });
  // First: only the routes added after it get their answers compressed.
  await registerCompression(app);
  closeConnectionsWhenClosing(app.getHttpAdapter().getInstance());
  registerRequestContext(app.getHttpAdapter().getInstance());
  registerMetrics(app.getHttpAdapter().getInstance(), app.get(Metrics), config.metricsToken);
  await registerSecurityHeaders(app, config);
  await registerRateLimits(app, config);
  await app.register(fastifyCookie);
  // Only photo uploads read multipart bodies, one file each; their handler sets the size limit again.
  await app.register(fastifyMultipart, {
    limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 1024 },
  });
  await registerQueueDashboard(
    app.getHttpAdapter().getInstance(),
    app.get(DataSource),
    app.get(QUEUE_INSPECTOR),
  );

  registerApiDocs(
    app.getHttpAdapter().getInstance(),
    buildOpenApiDocument(process.env.npm_package_version ?? '0.1.0'),
  );

  if (webIndex) {
    const assets = path.join(config.webDist, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: config.webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // The build writes .br and .gz files beside the assets; the one the client accepts goes as it is.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) =>
        // Hashed names change with their content: kept a year. Anything else is asked again each time.
        res.header(
          'cache-control',
          file.startsWith(assets) ? 'public, max-age=31536000, immutable' : INDEX_CACHE_CONTROL,
        ),
    });
    registerSpacePages(app, config, webIndex);
  }
  await app.init();
  return app;
}
