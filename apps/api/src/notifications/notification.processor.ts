import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReceiptsService } from '../receipts/receipts.service';
import {
  addressOf,
  bookingEmail,
  ICAL_DOMAIN,
  type BookingMailFacts,
  type BookingMailKind,
} from './booking-email';
import { MAILER, type Mailer } from './mailer';
import {
  accountExistsEmail,
  invitationEmail,
  passwordResetEmail,
  rejectedEmail,
  sessionClosedEmail,
  verificationWithdrawnEmail,
  verifiedEmail,
} from './account-emails';
import type Mail from 'nodemailer/lib/mailer';
import {
  seriesCancelledMails,
  seriesCreatedMails,
  waitlistOfferMails,
  type SeriesEventPayload,
} from './series-emails';
import { MailFactsRepository } from './mail-facts.repository';
import { needContactEmail, needMatchesEmail } from './need-emails';
import { NeedMailFactsRepository } from './need-mail-facts.repository';
import { occupancyDigestEmail, type DigestPayload } from './occupancy-digest-email';
import { quarterlyInvitationEmail, type QuarterlyPayload } from './project-emails';
import { takeLease, type LeasedEvent } from './outbox-lease';
import { withRequestId } from '../http/request-id';
import { OutboxRepository } from './outbox.repository';
import { WebhooksService } from '../webhooks/webhooks.service';

/** How long a sent message's delivery record is retried while the database is away. */
const RECORD_RETRY_MS = 5 * 60_000;
const RECORD_FIRST_WAIT_MS = 200;
const RECORD_MAX_WAIT_MS = 5_000;

interface EventPayload {
  bookingId?: string;
  sequence?: number;
  linkId?: string;
  token?: string;
  organisationId?: string;
  seriesId?: string;
  entryId?: string;
  userId?: string;
  attempt?: 'registration' | 'invitation' | 'invited';
  organisationName?: string;
  reason?: string;
  /** False on a booking event whose e-mail another one carries (a series cancelled as a whole). */
  mail?: boolean;
  /** booking.updated: the booking before the change, who changed it, whether it awaits approval again. */
  previous?: { start: string; end: string; attendees: number };
  byManager?: boolean;
  requested?: boolean;
  /** need.matches: the spaces announced; need.contact: the site writing, and what it says. */
  needId?: string;
  spaceIds?: string[];
  siteId?: string;
  message?: string;
}

/** A message the SMTP server accepted, when it did. */
interface Accepted {
  eventId: string;
  recipient: string;
  messageId: string;
  at: number;
}

/** One e-mail to send: its recipient (the delivery key) and how to write it. */
interface Outgoing {
  recipient: string;
  build(messageId: string): Mail.Options;
}

/**
 * Delivers one outbox event. Runs at least once per event (a stalled or re-queued job may run again),
 * so it takes a lease on the event and records every message as soon as the SMTP server accepts it: a
 * second run sends only what was not recorded. A message is sent twice only if its worker dies between
 * the SMTP server's acceptance and the record (milliseconds on an idle machine, tens to hundreds on an
 * overloaded one; logged as `recordMs`).
 */
@Injectable()
export class NotificationProcessor {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly facts: MailFactsRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly receipts: ReceiptsService,
    private readonly needFacts: NeedMailFactsRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  async deliver(eventId: string): Promise<void> {
    const event = await takeLease<EventPayload & Partial<DigestPayload>>(this.outbox, eventId);
    // Done already: a second hand-out of the same event.
    if (!event) return;
    // The causing request's id on every log line, so that one search follows it to its e-mails.
    return withRequestId(event.requestId, () => this.deliverLeased(eventId, event));
  }

  private async deliverLeased(
    eventId: string,
    event: LeasedEvent<EventPayload & Partial<DigestPayload>>,
  ): Promise<void> {
    const { lease } = event;
    this.logger.log(`delivering event ${eventId}`);
    try {
      // Webhook deliveries are recorded before the event is done (an event handled again adds none).
      await this.webhooks.fanOut(eventId, event.type, event.payload);
      const sent = new Set(event.sent);
      // The last message accepted and not recorded yet: its record also marks the event done.
      let accepted: Accepted | undefined;
      for (const message of await this.messages(event.type, event.payload)) {
        if (sent.has(message.recipient)) continue;
        sent.add(message.recipient);
        lease.assertHeld();
        if (accepted) await this.recordDelivery(accepted, false);
        accepted = await this.send(eventId, message);
      }
      if (accepted) await this.recordDelivery(accepted, true);
      else await this.outbox.markDone(eventId);
      await lease.stop();
    } catch (err) {
      // With the database away the lease cannot be freed: it runs out by itself (outbox-lease.ts).
      await lease.release((err as Error).message).catch(() => undefined);
      throw err;
    }
  }

  /** Parks an event that exhausted its retries, for an admin to look at. */
  async giveUp(eventId: string, error: string): Promise<void> {
    this.logger.error(`notification ${eventId} failed for good: ${error}`);
    await this.outbox.markFailed(eventId, error);
  }

  private async send(eventId: string, message: Outgoing): Promise<Accepted> {
    const recipient = message.recipient;
    // The same for every attempt: a copy sent again is recognisable as one, and receiving servers drop it.
    const messageId = `<${eventId}.${createHash('sha256').update(recipient).digest('hex').slice(0, 12)}@${ICAL_DOMAIN}>`;
    await this.mailer.send({ ...message.build(messageId), from: this.config.mailFrom, messageId });
    return { eventId, recipient, messageId, at: performance.now() };
  }

  /**
   * Records a message the SMTP server accepted (with `last`, marks its event done too), retrying while
   * the database is away (a restart, a failover) rather than failing the job, whose retry would send the
   * message again. Bounded: past RECORD_RETRY_MS the job fails and a retry sends a second copy with the
   * same Message-ID.
   */
  private async recordDelivery(m: Accepted, last: boolean): Promise<void> {
    const giveUpAt = Date.now() + RECORD_RETRY_MS;
    for (let wait = RECORD_FIRST_WAIT_MS; ; wait = Math.min(wait * 2, RECORD_MAX_WAIT_MS)) {
      try {
        await this.outbox.recordDelivery(m.eventId, m.recipient, m.messageId, last);
        break;
      } catch (err) {
        if (Date.now() + wait > giveUpAt) throw err;
        this.logger.warn(`delivery of ${m.messageId} not recorded yet: ${(err as Error).message}`);
        await sleep(wait);
      }
    }
    // From the SMTP server's acceptance to the record: a worker dying within it sends the message again.
    const recordMs = Math.round((performance.now() - m.at) * 10) / 10;
    this.logger.log({ msg: 'e-mail sent', eventId: m.eventId, messageId: m.messageId, recordMs });
  }

  private async messages(type: string, payload: EventPayload & Partial<DigestPayload>): Promise<Outgoing[]> {
    const url = this.config.publicUrl;
    switch (type) {
      case 'booking.confirmed':
      case 'booking.requested':
      case 'booking.updated':
      case 'booking.cancelled':
      case 'booking.rejected':
      case 'booking.expired':
      case 'booking.released':
      case 'booking.reminder':
      case 'booking.request_reminder':
        return (await this.bookingFacts(type, payload)).map((f) => ({
          recipient: f.recipientEmail,
          build: (messageId) => bookingEmail(f, this.config.mailFrom, url, messageId),
        }));
      case 'password_reset.requested':
      case 'invitation.sent': {
        // No token left means the e-mail went out already (the token is removed once done).
        if (!payload.token) return [];
        const link = await this.facts.link(payload.linkId!);
        if (!link) return [];
        const to = { email: link.email, name: link.display_name };
        const token = encodeURIComponent(payload.token);
        return [
          {
            recipient: link.email,
            build: () =>
              type === 'password_reset.requested'
                ? passwordResetEmail(to, `${url}/mot-de-passe/nouveau?jeton=${token}`)
                : invitationEmail(to, `${url}/invitation?jeton=${token}`, link.organisation),
          },
        ];
      }
      case 'account.exists':
      case 'session.reuse_detected': {
        const u = await this.facts.user(payload.userId!);
        if (!u) return [];
        const to = { email: u.email, name: u.display_name };
        const urls = { signIn: `${url}/connexion`, forgotPassword: `${url}/mot-de-passe-oublie` };
        return [
          {
            recipient: u.email,
            build: () =>
              type === 'account.exists'
                ? accountExistsEmail(
                    to,
                    {
                      kind: payload.attempt ?? 'registration',
                      organisation: payload.organisationName ?? null,
                    },
                    urls,
                  )
                : sessionClosedEmail(to, urls),
          },
        ];
      }
      case 'organisation.verified':
      case 'organisation.rejected':
      case 'organisation.verification_withdrawn': {
        const o = await this.facts.organisation(payload.organisationId!);
        if (!o) return [];
        const admins = await this.facts.organisationAdmins(payload.organisationId!);
        return admins.map((a) => ({
          recipient: a.email,
          build: () =>
            type === 'organisation.verified'
              ? verifiedEmail({ email: a.email, name: a.display_name }, o.name, `${url}/espaces`)
              : type === 'organisation.rejected'
                ? rejectedEmail({ email: a.email, name: a.display_name }, o.name, o.verification_reason ?? '')
                : // The reason of the event, not the organisation's current one, which a later decision may replace.
                  verificationWithdrawnEmail(
                    { email: a.email, name: a.display_name },
                    o.name,
                    payload.reason ?? '',
                  ),
        }));
      }
      case 'series.created':
      case 'series.cancelled': {
        const organizer = { name: 'Lieux Partagés', email: addressOf(this.config.mailFrom) };
        const build = type === 'series.created' ? seriesCreatedMails : seriesCancelledMails;
        return build(this.facts, payload as SeriesEventPayload, url, organizer);
      }
      case 'waitlist.offered':
        return waitlistOfferMails(this.facts, payload.entryId!, url);
      case 'occupancy.digest': {
        const u = await this.facts.user(payload.userId!);
        if (!u) return [];
        return [
          {
            recipient: u.email,
            build: () =>
              occupancyDigestEmail({ email: u.email, name: u.display_name }, payload as DigestPayload, url),
          },
        ];
      }
      case 'need.matches': {
        const need = await this.needFacts.need(payload.needId!);
        if (!need) return [];
        const spaces = await this.needFacts.spaces(need.id, payload.spaceIds ?? []);
        // Spaces that stopped meeting the need before the e-mail was written are left out; none left, no e-mail.
        if (spaces.length === 0) return [];
        const people = await this.needFacts.recipients(need.organisation_id, need.created_by);
        return people.map((p) => ({
          recipient: p.email,
          build: () => needMatchesEmail({ email: p.email, name: p.display_name }, need, spaces, url),
        }));
      }
      case 'need.contact': {
        const [need, site] = await Promise.all([
          this.needFacts.need(payload.needId!),
          this.needFacts.site(payload.siteId!),
        ]);
        if (!need || !site) return [];
        // Its admins; the person who declared the need when the organisation has none.
        const admins = await this.needFacts.admins(need.organisation_id);
        const to =
          admins.length > 0 ? admins : await this.needFacts.recipients(need.organisation_id, need.created_by);
        return to.map((a) => ({
          recipient: a.email,
          build: () =>
            needContactEmail(
              { email: a.email, name: a.display_name },
              need,
              site,
              payload.message ?? '',
              url,
            ),
        }));
      }
      case 'project.quarterly': {
        const o = await this.facts.organisation(payload.organisationId!);
        if (!o) return [];
        const admins = await this.facts.organisationAdmins(payload.organisationId!);
        return admins.map((a) => ({
          recipient: a.email,
          build: () =>
            quarterlyInvitationEmail(
              { email: a.email, name: a.display_name },
              o.name,
              payload as unknown as QuarterlyPayload,
              url,
            ),
        }));
      }
      default:
        throw new Error(`Unknown event type ${type}`);
    }
  }

  /**
   * One e-mail per recipient of a booking event. Reminders look at the booking as it is when they fire:
   * one whose booking has changed since it was due sends nothing.
   */
  private async bookingFacts(type: string, payload: EventPayload): Promise<BookingMailFacts[]> {
    if (payload.mail === false) return [];
    const r = await this.facts.booking(payload.bookingId!);
    if (!r) return [];
    const kind = KINDS[type];
    if (
      type === 'booking.reminder' &&
      (r.status !== 'confirmed' || new Date(r.start_at).getTime() < Date.now())
    )
      return [];
    if (type === 'booking.request_reminder' && r.status !== 'pending') return [];
    const facts = (
      recipientEmail: string,
      recipientName: string,
      status: BookingMailKind,
    ): BookingMailFacts => ({
      bookingId: r.id,
      status,
      title: r.title,
      attendees: r.attendees,
      start: new Date(r.start_at),
      end: new Date(r.end_at),
      priceCents: r.price_cents,
      spaceName: r.space_name,
      siteName: r.site_name,
      address: r.address,
      postcode: r.postcode,
      commune: r.commune,
      timeZone: r.time_zone,
      recipientEmail,
      recipientName,
      sequence: payload.sequence ?? 0,
      reason:
        type === 'booking.rejected'
          ? r.rejection_reason
          : type === 'booking.updated'
            ? (payload.reason ?? null)
            : r.cancellation_reason,
      organisationName: r.organisation_name,
      lateCancellation: r.late_cancellation,
      seriesId: r.series_id,
      originalStart: r.original_start && new Date(r.original_start),
      bookingStatus: r.status,
      ...(type === 'booking.updated' && payload.previous
        ? {
            previous: {
              start: new Date(payload.previous.start),
              end: new Date(payload.previous.end),
              attendees: payload.previous.attendees,
            },
            byManager: payload.byManager,
            requested: payload.requested,
          }
        : {}),
      // How to get in: for a booking confirmed, never one waiting or ended.
      access:
        r.status === 'confirmed'
          ? {
              floor: r.access_floor,
              entrance: r.access_entrance,
              method: r.access_method,
              instructions: r.access_instructions,
              siteNotes: r.access_notes,
              contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
            }
          : undefined,
      receipt: status === 'confirmed' ? receipt : null,
    });
    // Drawn from the receipt stored at the confirmation: a retry attaches the same number, never a new one.
    const receipt = kind === 'confirmed' && r.has_receipt ? await this.receipts.file(r.id) : null;
    const out: BookingMailFacts[] = [];
    // The person who booked may have deleted their account since: the booking stays, the e-mail does not go.
    if (kind !== 'request_reminder' && r.email)
      out.push(facts(r.email, r.display_name, kind === 'request' ? 'pending' : kind));
    // A booking its organisation moved that needs approval again is a new request for the managers.
    if (kind === 'request' || kind === 'request_reminder' || (kind === 'updated' && payload.requested)) {
      const managers = await this.facts.siteManagers(r.site_id);
      for (const m of managers)
        out.push(facts(m.email, m.display_name, kind === 'updated' ? 'request' : kind));
    }
    return out;
  }
}

const KINDS: Record<string, BookingMailKind> = {
  'booking.confirmed': 'confirmed',
  'booking.requested': 'request',
  'booking.updated': 'updated',
  'booking.cancelled': 'cancelled',
  'booking.rejected': 'rejected',
  'booking.expired': 'expired',
  'booking.released': 'released',
  'booking.reminder': 'reminder',
  'booking.request_reminder': 'request_reminder',
};
