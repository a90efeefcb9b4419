import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Booking } from '@lieux/contracts';
import { checkInDecision, checkInWindow } from '@lieux/scheduling';
import { isAdmin, grantsOf, type Caller } from '../auth/current-user';
import { DomainException, notFound } from '../http/domain.exception';
import { BookingsService } from '../bookings/bookings.service';
import { CheckInRepository } from './check-in.repository';

const REFUSALS = {
  // A request, or a booking cancelled or released meanwhile: "it changed state, reload it".
  NOT_CONFIRMED: () => new DomainException('BOOKING_STATE_CHANGED', 409, 'BOOKING_STATE_CHANGED'),
  TOO_EARLY: () => new DomainException('CHECK_IN_NOT_OPEN', 422, 'CHECK_IN_NOT_OPEN'),
  TOO_LATE: () => new DomainException('CHECK_IN_CLOSED', 422, 'CHECK_IN_CLOSED'),
};

/**
 * Saying that a booking's people have arrived: a member of its organisation (on the day, or through the
 * QR code on the space's door), or a manager of its site recording it for them. Idempotent: a booking
 * checked in already is answered as it is, whoever asks again.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly db: DataSource,
    private readonly bookings: BookingsService,
    private readonly checkIns: CheckInRepository,
  ) {}

  async checkIn(caller: Caller, id: string): Promise<Booking> {
    // 404 when the caller may not see it at all.
    const booking = await this.bookings.get(caller, id);
    const member = [...grantsOf(caller, 'member'), ...grantsOf(caller, 'org_admin')].some(
      (g) => g.organisationId === booking.organisationId,
    );
    const manager =
      isAdmin(caller) || grantsOf(caller, 'site_manager').some((g) => g.siteId === booking.siteId);
    // Anyone else with the route's roles (a manager of another site) is not told the booking exists.
    if (!member && !manager) throw notFound('NOT_FOUND.booking');
    const facts = {
      status: booking.status,
      start: Date.parse(booking.start),
      end: Date.parse(booking.end),
      checkedInAt: booking.checkedInAt ? Date.parse(booking.checkedInAt) : null,
      checkInMinutes: booking.checkInMinutes,
    };
    const decision = checkInDecision({ ...facts, now: Date.now() });
    if (decision === 'already') return booking;
    if (decision !== 'ok') throw REFUSALS[decision]();
    const closes = new Date(checkInWindow(facts).end);
    const done = await this.db.transaction((em) => this.checkIns.checkIn(em, id, caller.userId, closes));
    const now = await this.bookings.get(caller, id);
    if (done || now.checkedInAt) return now;
    // Changed in between: released by the sweep, cancelled, or the deadline passed while we decided.
    throw now.status === 'confirmed' ? REFUSALS.TOO_LATE() : REFUSALS.NOT_CONFIRMED();
  }
}
