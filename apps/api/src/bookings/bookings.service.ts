import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Booking, CreateBookingRequest } from '@lieux/contracts';
import { checkBooking, widen, type Period, type PolicyViolation } from '@lieux/scheduling';
import type { Caller } from '../auth/current-user';
import { AuditService } from '../audit/audit.service';
import { EXCLUSION_VIOLATION, sqlState } from '../database/database.module';
import { DomainException } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OutboxService } from '../notifications/outbox.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { SpacesService } from '../sites/spaces.service';
import { BookingsRepository } from './bookings.repository';
import { IdempotencyRepository, requestHash } from './idempotency.repository';

const MINUTE = 60_000;
const UNIQUE_VIOLATION = '23505';

export const REFUSALS: Record<PolicyViolation, string> = {
  IN_THE_PAST: 'Ce créneau est déjà passé.',
  TOO_LATE: 'Ce créneau commence trop tôt : le délai de prévenance de cet espace n’est pas respecté.',
  BEYOND_HORIZON: 'Ce créneau est trop loin dans le temps pour cet espace.',
  TOO_SHORT: 'La réservation est plus courte que la durée minimale de cet espace.',
  TOO_LONG: 'La réservation dépasse la durée maximale de cet espace.',
  OFF_STEP: 'Le début et la fin doivent tomber sur le pas des créneaux de cet espace.',
  TOO_MANY_ATTENDEES: 'Le nombre de participants dépasse la capacité de cet espace.',
  OUTSIDE_OPENING_HOURS: 'Ce créneau sort des heures d’ouverture du site.',
};

export interface CreateOutcome {
  status: number;
  booking: Booking;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly spaces: SpacesService,
    private readonly organisations: OrganisationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, input: CreateBookingRequest, idempotencyKey?: string): Promise<CreateOutcome> {
    const hash = requestHash(input);
    if (idempotencyKey) {
      const replay = await this.replay(caller.userId, idempotencyKey, hash);
      if (replay) return replay;
    }

    const organisationId = caller.organisationId;
    if (!organisationId) {
      throw new DomainException(
        'NOT_AN_ORGANISATION_MEMBER',
        403,
        'Seul le membre d’une organisation peut réserver.',
      );
    }
    const space = await this.spaces.get(input.spaceId);
    if ((await this.organisations.verification(organisationId)) !== 'verified') {
      throw new DomainException(
        'ORGANISATION_NOT_VERIFIED',
        422,
        'Votre organisation doit être vérifiée par sa délégation régionale avant de pouvoir réserver.',
      );
    }

    const period: Period = { start: Date.parse(input.start), end: Date.parse(input.end) };
    const day = 24 * 60 * MINUTE;
    const open = await this.spaces.openPeriods(space, { start: period.start - day, end: period.end + day });
    const violations = checkBooking(
      { ...space.policy, capacity: space.capacity },
      { period, attendees: input.attendees, now: Date.now(), timeZone: space.site.timeZone, open },
    );
    if (violations.length > 0) throw new DomainException(violations[0], 422, REFUSALS[violations[0]]);

    const id = randomUUID();
    const status = space.policy.approvalRequired ? 'pending' : 'confirmed';
    const priceCents = Math.round(
      (space.price.hourlyRateCents * (period.end - period.start)) / (60 * MINUTE),
    );
    try {
      const booking = await this.db.transaction(async (em) => {
        await this.bookings.insert(em, {
          id,
          spaceId: space.id,
          organisationId,
          bookedBy: caller.userId,
          status,
          period,
          blocked: widen(
            period,
            space.policy.bufferBeforeMinutes * MINUTE,
            space.policy.bufferAfterMinutes * MINUTE,
          ),
          title: input.title,
          attendees: input.attendees,
          priceCents,
        });
        const created = (await this.bookings.findById(id, em))!;
        if (idempotencyKey)
          await this.idempotency.claim(em, caller.userId, idempotencyKey, hash, 201, created);
        await this.audit.record(em, {
          actorId: caller.userId,
          entity: 'booking',
          entityId: id,
          action: 'created',
          changes: {
            status: [null, status],
            start: created.start,
            end: created.end,
            title: created.title,
            attendees: created.attendees,
          },
        });
        await this.outbox.append(em, status === 'confirmed' ? 'booking.confirmed' : 'booking.requested', {
          bookingId: id,
        });
        return created;
      });
      this.outbox.kick();
      return { status: 201, booking };
    } catch (err) {
      const state = sqlState(err);
      // A concurrent twin with the same key may have won: answer what it answered.
      if (idempotencyKey && (state === EXCLUSION_VIOLATION || state === UNIQUE_VIOLATION)) {
        const replay = await this.replay(caller.userId, idempotencyKey, hash);
        if (replay) return replay;
      }
      if (state === EXCLUSION_VIOLATION) {
        throw new DomainException(
          'SLOT_TAKEN',
          409,
          'Ce créneau vient d’être réservé par quelqu’un d’autre. Choisissez-en un autre.',
        );
      }
      throw err;
    }
  }

  private async replay(userId: string, key: string, hash: string): Promise<CreateOutcome | null> {
    const stored = await this.idempotency.find(userId, key);
    if (!stored) return null;
    if (stored.requestHash !== hash) {
      throw new DomainException(
        'IDEMPOTENCY_KEY_REUSED',
        422,
        'Cette clé d’idempotence a déjà servi pour une autre demande.',
      );
    }
    return { status: stored.status, booking: stored.response as Booking };
  }

  async listMine(caller: Caller, limit: number, cursor?: string) {
    if (!caller.organisationId) return { items: [], nextCursor: null };
    const after = cursor ? decodeKeyset(cursor, { start: KEY.instant, id: KEY.uuid }) : undefined;
    const rows = await this.bookings.listForOrganisation(caller.organisationId, limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeKeyset({ start: last.start, id: last.id }) : null,
    };
  }

  busy(spaceId: string, window: Period): Promise<Period[]> {
    return this.bookings.findBusy(spaceId, window);
  }
}
