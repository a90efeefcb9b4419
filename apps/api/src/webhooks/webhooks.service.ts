import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  WEBHOOK_TEST_EVENT,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type WebhookDeliveryList,
  type WebhookEndpoint,
  type WebhookEndpointList,
  type WebhookEndpointWithSecret,
  type WebhookEventType,
} from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { grantsOf, type Caller } from '../auth/current-user';
import { DomainException, notFound } from '../http/domain.exception';
import { acceptableUrl } from './webhook-address';
import { newWebhookSecret, SecretBox } from './webhook-crypto';
import { WebhookDispatcher } from './webhook-dispatcher';
import { toEndpoint, WebhooksRepository, type EndpointRow, type NewDelivery } from './webhooks.repository';

/** An organisation admin's endpoints, and the fan-out of outbox events to them. */
@Injectable()
export class WebhooksService {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  async list(caller: Caller, organisationId: string): Promise<WebhookEndpointList> {
    this.assertAdmin(caller, organisationId);
    return { items: (await this.repo.list(organisationId)).map(toEndpoint) };
  }

  async create(
    caller: Caller,
    organisationId: string,
    body: CreateWebhookRequest,
  ): Promise<WebhookEndpointWithSecret> {
    this.assertAdmin(caller, organisationId);
    this.assertUrl(body.url);
    const secret = newWebhookSecret();
    const row = await this.repo.create({
      organisationId,
      url: body.url,
      description: body.description ?? '',
      events: unique(body.events),
      secretEncrypted: this.box.seal(secret),
      createdBy: caller.userId,
    });
    return { endpoint: toEndpoint(row), secret };
  }

  async update(caller: Caller, id: string, body: UpdateWebhookRequest): Promise<WebhookEndpoint> {
    await this.owned(caller, id);
    if (body.url !== undefined) this.assertUrl(body.url);
    const row = await this.repo.update(id, { ...body, events: body.events && unique(body.events) });
    if (!row) throw notFound('NOT_FOUND.webhook');
    // Deliveries held while it was disabled leave now.
    if (row.active) this.dispatcher.kick();
    return toEndpoint(row);
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await this.owned(caller, id);
    await this.repo.delete(id);
  }

  async rotate(caller: Caller, id: string): Promise<WebhookEndpointWithSecret> {
    await this.owned(caller, id);
    const secret = newWebhookSecret();
    const row = await this.repo.rotate(id, this.box.seal(secret));
    if (!row) throw notFound('NOT_FOUND.webhook');
    return { endpoint: toEndpoint(row), secret };
  }

  /** Queues a `webhook.test` delivery (even to a disabled endpoint's log: it leaves once enabled). */
  async test(caller: Caller, id: string): Promise<{ deliveryId: string }> {
    const endpoint = await this.owned(caller, id);
    const deliveryId = randomUUID();
    await this.repo.insertDeliveries([
      {
        id: deliveryId,
        endpointId: endpoint.id,
        outboxEventId: null,
        eventType: WEBHOOK_TEST_EVENT,
        subjectId: null,
        body: JSON.stringify({
          id: deliveryId,
          type: WEBHOOK_TEST_EVENT,
          createdAt: new Date().toISOString(),
          data: { endpointId: endpoint.id, organisationId: endpoint.organisation_id },
        }),
      },
    ]);
    this.dispatcher.kick();
    return { deliveryId };
  }

  async deliveries(caller: Caller, id: string): Promise<WebhookDeliveryList> {
    await this.owned(caller, id);
    return { items: await this.repo.deliveries(id) };
  }

  /**
   * Turns one outbox event into its webhook deliveries, one per listening endpoint and webhook event.
   * Called by the outbox's processor before the event is marked done: an event handled again inserts
   * nothing new (unique per event, endpoint and type), an event whose handling failed is handled again.
   */
  async fanOut(
    outboxEventId: string,
    type: string,
    payload: { bookingId?: string; sequence?: number; seriesId?: string; status?: string },
  ): Promise<void> {
    // A series' bookings have no event each: its creation stands for all of them.
    const subjects =
      type === 'series.created' && payload.seriesId
        ? await this.repo.seriesBookings(payload.seriesId)
        : payload.bookingId
          ? [payload.bookingId]
          : [];
    const types: WebhookEventType[] =
      type === 'series.created'
        ? payload.status === 'confirmed'
          ? ['booking.created', 'booking.confirmed']
          : ['booking.created']
        : webhookEventsOf(type, payload);
    if (types.length === 0) return;
    const createdAt = new Date().toISOString();
    const deliveries: NewDelivery[] = [];
    for (const bookingId of subjects) {
      // Most organisations have no endpoint: the booking is read only for those that do.
      const endpoints = await this.repo.listening(bookingId, types);
      if (endpoints.length === 0) continue;
      const booking = await this.repo.booking(bookingId);
      if (!booking) continue;
      for (const e of endpoints)
        for (const eventType of types.filter((t) => e.events.includes(t))) {
          const id = randomUUID();
          deliveries.push({
            id,
            endpointId: e.id,
            outboxEventId,
            eventType,
            subjectId: bookingId,
            body: JSON.stringify({ id, type: eventType, createdAt, data: { booking } }),
          });
        }
    }
    await this.repo.insertDeliveries(deliveries);
    if (deliveries.length > 0) this.dispatcher.kick();
  }

  private assertUrl(url: string): void {
    if (!acceptableUrl(url, this.config.webhooks.allowLocal))
      throw new DomainException('VALIDATION_FAILED', 422, 'VALIDATION_FAILED.webhookUrl', [
        { path: 'body.url', message: 'VALIDATION_FAILED.webhookUrl.field' },
      ]);
  }

  private assertAdmin(caller: Caller, organisationId: string): void {
    if (!grantsOf(caller, 'org_admin').some((g) => g.organisationId === organisationId))
      throw notFound('NOT_FOUND.organisation');
  }

  /** An endpoint of an organisation the caller administers; anything else is "not found". */
  private async owned(caller: Caller, id: string): Promise<EndpointRow> {
    const row = await this.repo.find(id);
    if (!row || !grantsOf(caller, 'org_admin').some((g) => g.organisationId === row.organisation_id))
      throw notFound('NOT_FOUND.webhook');
    return row;
  }
}

/**
 * The webhook events an outbox event stands for. A booking's creation carries no sequence: a request is
 * `booking.created`, a booking confirmed at once both `booking.created` and `booking.confirmed`.
 */
export function webhookEventsOf(type: string, payload: { sequence?: number }): WebhookEventType[] {
  const created = payload.sequence === undefined || payload.sequence === null;
  switch (type) {
    case 'booking.requested':
      return created ? ['booking.created'] : [];
    case 'booking.confirmed':
      return created ? ['booking.created', 'booking.confirmed'] : ['booking.confirmed'];
    case 'booking.cancelled':
      return ['booking.cancelled'];
    case 'booking.released':
      return ['booking.released'];
    default:
      return [];
  }
}

const unique = <T>(list: T[]): T[] => [...new Set(list)];
