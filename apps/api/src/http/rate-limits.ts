import fastifyRateLimit, {
  normalizeIP,
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import IORedis from 'ioredis';
import { untilConnected } from '../jobs/job-queue';
import { fullPath, ROUTES, type ErrorMessage, type RouteContract } from '@lieux/contracts';
import type { AppConfig } from '../config/app-config';
import { DomainException } from './domain.exception';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Limit {
  /** Names the counter, in the store key. */
  name: string;
  max: number;
  windowMs: number;
  /** What is counted; undefined when the request carries nothing to count (a body that will be refused). */
  key: (req: FastifyRequest) => string | undefined;
}

const address = (req: FastifyRequest) => normalizeIP(req.ip);
const bodyEmail = (pick: (body: Record<string, unknown>) => unknown) => (req: FastifyRequest) => {
  const email = pick((req.body ?? {}) as Record<string, unknown>);
  return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
};

/**
 * What a stranger can make us do, bounded far above what a person does: each sends e-mail, writes rows,
 * hashes a password or computes opening hours. Per address, and per target e-mail where there is one.
 */
const LIMITS: [RouteContract, Limit[]][] = [
  [
    ROUTES.requestPasswordReset,
    [
      { name: 'reset-address', max: 20, windowMs: HOUR, key: address },
      { name: 'reset-email', max: 5, windowMs: HOUR, key: bodyEmail((b) => b.email) },
    ],
  ],
  [
    ROUTES.confirmPasswordReset,
    [{ name: 'reset-confirm-address', max: 20, windowMs: 15 * MINUTE, key: address }],
  ],
  [
    ROUTES.registerOrganisation,
    [
      { name: 'register-address', max: 20, windowMs: HOUR, key: address },
      {
        name: 'register-email',
        max: 5,
        windowMs: HOUR,
        key: bodyEmail((b) => (b.admin as Record<string, unknown> | undefined)?.email),
      },
    ],
  ],
  [ROUTES.acceptInvitation, [{ name: 'invitation-address', max: 20, windowMs: 15 * MINUTE, key: address }]],
  [ROUTES.searchSpaces, [{ name: 'search-address', max: 120, windowMs: MINUTE, key: address }]],
  [ROUTES.spaceAvailability, [{ name: 'availability-address', max: 300, windowMs: MINUTE, key: address }]],
  // Up to 50 spaces each: a map moved around asks once per move.
  [
    ROUTES.manyAvailability,
    [{ name: 'availability-many-address', max: 120, windowMs: MINUTE, key: address }],
  ],
];

/** Counts in a fixed window: the first hit sets the expiry. One round trip, atomic across processes. */
const INCREMENT = `
  local current = redis.call('INCR', KEYS[1])
  if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  return {current, redis.call('PTTL', KEYS[1])}`;

/**
 * The plugin's own Redis store names its keys after a route it does not know here
 * (`…undefinedundefined-`); this one keeps them readable: `lieux:rate-limit:search-address:203.0.113.9`.
 */
function redisStore(redis: IORedis, prefix: string): FastifyRateLimitStoreCtor {
  return class RedisStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      redis.eval(INCREMENT, 1, `${prefix}:rate-limit:${key}`, timeWindow).then(
        (result) => {
          const [current, ttl] = result as [number, number];
          callback(null, { current, ttl });
        },
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

const logger = new Logger('RateLimits');

function waitMessage(seconds: number): ErrorMessage {
  if (seconds < 90)
    return { key: 'TOO_MANY_REQUESTS.seconds', params: { seconds, s: seconds > 1 ? 's' : '' } };
  return { key: 'TOO_MANY_REQUESTS.minutes', params: { minutes: Math.ceil(seconds / 60) } };
}

/**
 * Rate limits of the public routes that cost us something. Counters live in Redis in services mode (a
 * connection of their own), so every API process shares them, and in memory in embedded mode. A Redis
 * outage lets requests through rather than refusing everyone.
 */
export async function registerRateLimits(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const redis = config.redisUrl
    ? new IORedis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : undefined;
  if (redis) {
    // Without a listener ioredis reports every failed reconnection as an unhandled error; one line per
    // outage is enough, since requests pass uncounted meanwhile (skipOnError). Listened to at once: the
    // first attempt may fail while the plugin below is still being registered.
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) logger.warn(`Redis unreachable, rate limits are not counted: ${error.message}`);
      down = true;
    });
    redis.on('ready', () => (down = false));
  }
  await app.register(fastifyRateLimit, {
    global: false,
    skipOnError: true,
    ...(redis ? { store: redisStore(redis, config.redisPrefix) } : {}),
  });
  if (redis) {
    fastify.addHook('onClose', async () => {
      await untilConnected([redis], 2_000);
      await redis.quit().catch(() => redis.disconnect());
    });
  }

  const byRoute = new Map<string, preHandlerAsyncHookHandler>();
  for (const [contract, limits] of LIMITS) {
    const checks = limits.map((limit) => ({
      limit,
      check: fastify.createRateLimit({
        max: Math.max(1, Math.round(limit.max * config.rateLimitScale)),
        timeWindow: limit.windowMs,
        keyGenerator: (req) => `${limit.name}:${limit.key(req)}`,
      }),
    }));
    const hook: preHandlerAsyncHookHandler = async (req) => {
      for (const { limit, check } of checks) {
        if (limit.key(req) === undefined) continue;
        const result = await check(req);
        if (!result.isAllowed && result.isExceeded) {
          throw new DomainException('TOO_MANY_REQUESTS', 429, waitMessage(result.ttlInSeconds)).withHeaders({
            'retry-after': String(result.ttlInSeconds),
          });
        }
      }
    };
    const path = fullPath(contract).replace(/\{(\w+)\}/g, ':$1');
    byRoute.set(`${contract.method.toUpperCase()} ${path}`, hook);
    // HEAD runs the GET handler: it costs as much.
    if (contract.method === 'get') byRoute.set(`HEAD ${path}`, hook);
  }
  // Routes are declared by Nest after this (app.init): attach the check to each as it is added, after
  // the body is parsed so that the target e-mail can be counted.
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const hook = byRoute.get(`${method} ${route.url}`);
      if (!hook) continue;
      const existing = route.preHandler;
      route.preHandler = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), hook];
    }
  });
}
