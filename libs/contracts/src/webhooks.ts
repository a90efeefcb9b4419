import { z, Uuid } from './common';

/**
 * Webhooks of organisations: an organisation's admins register endpoints that receive its bookings'
 * events as signed POSTs. Each request carries:
 *
 * - `X-LP-Event-Id`: the delivery's id, the same on every retry (a receiver drops the ones it has seen);
 * - `X-LP-Event`: the event's type;
 * - `X-LP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the endpoint's secret>`.
 *
 * A receiver recomputes the HMAC over the raw body, compares in constant time, and refuses a `t` too far
 * from its clock (five minutes, say) against replays. Any 2xx answer is a delivery; anything else, a
 * timeout or no answer is retried with an exponential backoff, up to a limit.
 */
export const WEBHOOK_EVENTS = [
  'booking.created',
  'booking.confirmed',
  'booking.cancelled',
  'booking.released',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The type of the event a "send a test" action sends. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const WEBHOOK_SIGNATURE_HEADER = 'X-LP-Signature';
export const WEBHOOK_EVENT_ID_HEADER = 'X-LP-Event-Id';
export const WEBHOOK_EVENT_HEADER = 'X-LP-Event';

export const WebhookEndpoint = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    url: z.string(),
    description: z.string(),
    events: z.array(WebhookEventType),
    active: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    secretRotatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookEndpointList = z
  .object({ items: z.array(WebhookEndpoint) })
  .openapi('WebhookEndpointList');
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

/** An endpoint with its signing secret, shown this once (at creation and at each rotation). */
export const WebhookEndpointWithSecret = z
  .object({ endpoint: WebhookEndpoint, secret: z.string() })
  .openapi('WebhookEndpointWithSecret');
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'Adresse https:// attendue');

export const CreateWebhookRequest = z
  .object({
    url: WebhookUrl,
    description: z.string().trim().max(200).default(''),
    events: z.array(WebhookEventType).min(1).max(WEBHOOK_EVENTS.length),
  })
  .openapi('CreateWebhookRequest');
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z
  .object({
    url: WebhookUrl.optional(),
    description: z.string().trim().max(200).optional(),
    events: z.array(WebhookEventType).min(1).max(WEBHOOK_EVENTS.length).optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateWebhookRequest');
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const WebhookParams = z.object({ id: Uuid });

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  /** The endpoint's HTTP answer; null when none came (refused, timed out). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDelivery = z
  .object({
    /** Sent as X-LP-Event-Id. */
    id: Uuid,
    eventType: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    deliveredAt: z.iso.datetime({ offset: true }).nullable(),
    /** When the next attempt is due, for a delivery still pending. */
    nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
    log: z.array(WebhookAttempt),
  })
  .openapi('WebhookDelivery');
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** The latest deliveries of an endpoint, newest first (the last 50). */
export const WebhookDeliveryList = z
  .object({ items: z.array(WebhookDelivery) })
  .openapi('WebhookDeliveryList');
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

export const WebhookTestResponse = z.object({ deliveryId: Uuid }).openapi('WebhookTestResponse');
export type WebhookTestResponse = z.infer<typeof WebhookTestResponse>;
