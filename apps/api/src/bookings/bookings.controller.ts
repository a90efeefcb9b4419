import { Body, Controller, Headers, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ROUTES, type CreateBookingRequest } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { DomainException } from '../http/domain.exception';
import { Endpoint } from '../http/endpoint.decorator';
import { BookingsService } from './bookings.service';

@Controller()
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Endpoint(ROUTES.createBooking)
  async create(
    @CurrentUser() caller: Caller,
    @Body() body: CreateBookingRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (key !== undefined && (key.length === 0 || key.length > 200)) {
      throw new DomainException('VALIDATION_FAILED', 400, 'En-tête Idempotency-Key invalide.', [
        { path: 'headers.idempotency-key', message: 'Entre 1 et 200 caractères.' },
      ]);
    }
    const outcome = await this.bookings.create(caller, body, key);
    reply.status(outcome.status);
    return outcome.booking;
  }

  @Endpoint(ROUTES.listBookings)
  list(@CurrentUser() caller: Caller, @Query() q: { mine?: boolean; limit: number; cursor?: string }) {
    // Managers' and delegates' scoped views arrive with identity; until then everyone sees their own.
    return this.bookings.listMine(caller, q.limit, q.cursor);
  }
}
