import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ReceiptConfig } from '../receipts/receipt-facts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every environment variable the product reads, with its default. The README's table mirrors this. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w-]+$/, 'REDIS_PREFIX may hold only letters, digits, - and _')
    .default('lieux'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Lieux Partagés <ne-pas-repondre@lieux-partages.fr>'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  DEMO_SEED: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').default('demo1234'),
  RUN_JOBS: bool.default(true),
  OUTBOX_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  WEB_DIST: z.string().optional(),
  BOOKING_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PENDING_REMINDER_HOURS: z.coerce.number().min(0.01).max(720).default(24),
  PENDING_EXPIRY_HOURS: z.coerce.number().min(0.01).max(2160).default(72),
  BOOKING_REMINDER_HOURS: z.coerce.number().min(1).max(168).default(24),
  WAITLIST_OFFER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(120),
  WAITLIST_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  CHECK_IN_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  NEED_MAIL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((a) => isIP(a.split('/')[0]) !== 0),
      'a comma-separated list of addresses or CIDRs (10.0.0.2,172.18.0.0/16)',
    ),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(1000).default(1),
  MAP_STYLE_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .pipe(
      z
        .url({ protocol: /^https$/, error: 'MAP_STYLE_URL must be an https:// URL' })
        .refine(
          (v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)),
          'MAP_STYLE_URL must be a tile template holding {z}, {x} and {y}',
        )
        .optional(),
    ),
  WEBHOOK_ALLOW_LOCAL: bool.default(false),
  WEBHOOK_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  WEBHOOK_RETRY_SECONDS: z.coerce.number().min(0.1).max(86_400).default(30),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  RECEIPT_PREFIX: z
    .string()
    .regex(/^[A-Z0-9]{1,10}$/, 'RECEIPT_PREFIX must be 1 to 10 capital letters or digits')
    .default('LP'),
  RECEIPT_SELLER_NAME: z.string().min(1).default('La Poste'),
  RECEIPT_SELLER_ADDRESS: z.string().min(1).default('9 rue du Colonel Pierre Avia, 75015 Paris'),
  RECEIPT_SELLER_SIRET: z
    .string()
    .regex(/^[0-9]{14}$/, 'RECEIPT_SELLER_SIRET must be 14 digits')
    .default('35600000000048'),
  RECEIPT_SELLER_VAT: z.string().min(1).default('FR39356000000'),
  RECEIPT_SELLER_LEGAL: z
    .string()
    .default('Société anonyme au capital de 5 620 325 816 €, RCS Paris 356 000 000'),
  RECEIPT_VAT_PERCENT: z.coerce.number().min(0).max(100).default(20),
  RECEIPT_VAT_EXEMPTION: z.string().min(1).default('TVA non applicable, art. 293 B du CGI'),
  RECEIPT_PAYMENT_DAYS: z.coerce.number().int().min(0).max(60).default(30),
  RECEIPT_PAYMENT_TERMS: z.string().default('Règlement par virement bancaire.'),
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z
    .string()
    .default('openid email profile')
    .refine((v) => v.split(/\s+/).includes('openid'), 'OIDC_SCOPES must include openid'),
  OIDC_ROLE_CLAIM: z
    .string()
    .regex(/^[\w.:-]+$/, 'OIDC_ROLE_CLAIM must be a claim name')
    .default('lp_roles'),
  OIDC_REDIRECT_URI: z.url().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  mode: 'embedded' | 'services';
  databaseUrl?: string;
  databasePoolSize: number;
  redisUrl?: string;
  /** The first part of every Redis key (queues, rate-limit counters), so that installations can share one Redis. */
  redisPrefix: string;
  smtpUrl?: string;
  mailOutboxDir: string;
  mailFrom: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  demoSeed: boolean;
  demoPassword: string;
  /** Whether this process runs the background jobs; read through `runsJobs` (jobs/job-scheduler.ts). */
  runJobs: boolean;
  outboxSweepSeconds: number;
  logLevel: Env['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  webDist: string;
  /** How often completion, expiry and reminders are looked for in the database. */
  bookingSweepSeconds: number;
  /** A request unanswered this long is reminded to the site's managers… */
  pendingReminderHours: number;
  /** …and expires, freeing its slot, this long after it was made. */
  pendingExpiryHours: number;
  /** How long before the start the person who booked is reminded. */
  bookingReminderHours: number;
  /** How long a waiting-list offer stands before it passes to the next in line. */
  waitlistOfferMinutes: number;
  /** How often expired offers and freed slots are looked for. */
  waitlistSweepSeconds: number;
  /** How often bookings not checked in by their space's deadline are released. */
  checkInSweepSeconds: number;
  /** How often the e-mails of new matches for needs are looked for. */
  needMailSweepSeconds: number;
  /** Bearer token of `GET /metrics`; without it the endpoint answers 404. */
  metricsToken?: string;
  /** How long a SIGTERM waits for requests and jobs in flight before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); none by default. */
  trustedProxies: string[];
  /** A request's headers and body must have arrived within this time. */
  requestTimeoutSeconds: number;
  /** Multiplies every rate limit (tests and unusual deployments). */
  rateLimitScale: number;
  /** Raster tiles drawn under the map (`https://…/{z}/{x}/{y}.png`); null: the bundled boundaries only. */
  mapStyleUrl: string | null;
  /** Who issues the receipts of paid bookings, and on which terms. */
  receipts: ReceiptConfig;
  webhooks: WebhookConfig;
  /** Staff sign-in through the group's OpenID Connect provider; null when not configured (off). */
  oidc: OidcConfig | null;
}

export interface WebhookConfig {
  /** Endpoints on http://, localhost and private addresses are accepted (tests, development): never in production. */
  allowLocal: boolean;
  /** How often deliveries due are looked for. */
  sweepSeconds: number;
  /** The wait after the first failed attempt; each next one doubles it. */
  retryBaseSeconds: number;
  /** Attempts before a delivery is given up. */
  maxAttempts: number;
  /** How long an endpoint has to answer. */
  timeoutSeconds: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** The claim listing the roles an account is created with (`admin`, `delegate:76`, `site_manager:<id>`). */
  roleClaim: string;
  /** Where the provider sends the person back: the API's callback route. */
  redirectUri: string;
}

export class ConfigError extends Error {}

/**
 * Reads and checks the environment once, at boot. Nothing else in the code reads `process.env`.
 * In embedded mode a missing JWT secret is generated once and kept under DATA_DIR, so sessions
 * survive a restart without any setup.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const mode = e.DATABASE_URL ? 'services' : 'embedded';
  const dataDir = path.resolve(e.DATA_DIR);
  if (mode === 'services' && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when DATABASE_URL is set');
  }
  // Without both, no other process could take the jobs: bookings would never complete nor e-mails leave.
  if (!e.RUN_JOBS && !(e.DATABASE_URL && e.REDIS_URL)) {
    throw new ConfigError(
      'Invalid configuration:\n  RUN_JOBS: false leaves the jobs to worker processes, which needs DATABASE_URL and REDIS_URL',
    );
  }
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet !== 0 && oidcSet !== 3) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three, or none (OpenID Connect off)',
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    mode,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailOutboxDir: path.join(dataDir, 'outbox'),
    mailFrom: e.MAIL_FROM,
    jwtSecret: e.JWT_SECRET ?? embeddedSecret(dataDir),
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    demoSeed: e.DEMO_SEED ?? mode === 'embedded',
    demoPassword: e.DEMO_PASSWORD,
    runJobs: e.RUN_JOBS,
    outboxSweepSeconds: e.OUTBOX_SWEEP_SECONDS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (mode === 'embedded' ? 'pretty' : 'json'),
    webDist: path.resolve(e.WEB_DIST ?? path.join(__dirname, '../../../web/dist')),
    bookingSweepSeconds: e.BOOKING_SWEEP_SECONDS,
    pendingReminderHours: e.PENDING_REMINDER_HOURS,
    pendingExpiryHours: e.PENDING_EXPIRY_HOURS,
    bookingReminderHours: e.BOOKING_REMINDER_HOURS,
    waitlistOfferMinutes: e.WAITLIST_OFFER_MINUTES,
    waitlistSweepSeconds: e.WAITLIST_SWEEP_SECONDS,
    checkInSweepSeconds: e.CHECK_IN_SWEEP_SECONDS,
    needMailSweepSeconds: e.NEED_MAIL_SWEEP_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    trustedProxies: e.TRUSTED_PROXIES,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    mapStyleUrl: e.MAP_STYLE_URL ?? null,
    webhooks: {
      allowLocal: e.WEBHOOK_ALLOW_LOCAL,
      sweepSeconds: e.WEBHOOK_SWEEP_SECONDS,
      retryBaseSeconds: e.WEBHOOK_RETRY_SECONDS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      timeoutSeconds: e.WEBHOOK_TIMEOUT_SECONDS,
    },
    receipts: {
      prefix: e.RECEIPT_PREFIX,
      seller: {
        name: e.RECEIPT_SELLER_NAME,
        address: e.RECEIPT_SELLER_ADDRESS,
        siret: e.RECEIPT_SELLER_SIRET,
        vatNumber: e.RECEIPT_SELLER_VAT,
        legal: e.RECEIPT_SELLER_LEGAL,
      },
      vatPercent: e.RECEIPT_VAT_PERCENT,
      vatExemption: e.RECEIPT_VAT_EXEMPTION,
      paymentDays: e.RECEIPT_PAYMENT_DAYS,
      paymentTerms: e.RECEIPT_PAYMENT_TERMS,
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            scopes: e.OIDC_SCOPES,
            roleClaim: e.OIDC_ROLE_CLAIM,
            redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/api/v1/auth/oidc/callback`,
          }
        : null,
  };
}

function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
