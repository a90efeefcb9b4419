import { Body, Controller, Headers, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ROUTES,
  type CancelBookingRequest,
  type ChangeBookingRequest,
  type CreateBookingRequest,
  type RejectBookingRequest,
  type EndpointInput,
} from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { DomainException } from '../http/domain.exception';
import { Endpoint } from '../http/endpoint.decorator';
import { BookingCreation } from './booking-creation';
import { BookingsService } from './bookings.service';

@Controller()
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly creation: BookingCreation,
  ) {}

  @Endpoint(ROUTES.createBooking)
  async create(
    @CurrentUser() caller: Caller,
    @Body() body: CreateBookingRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (key !== undefined && (key.length === 0 || key.length > 200)) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.idempotencyKey', [
        { path: 'headers.idempotency-key', message: 'VALIDATION_FAILED.idempotencyKey.field' },
      ]);
    }
    const answer = await this.creation.book(caller, body, key);
    reply.status(answer.status);
    return answer.body;
  }

  @Endpoint(ROUTES.listBookings)
  list(@CurrentUser() caller: Caller, @Query() q: EndpointInput<typeof ROUTES.listBookings>['query']) {
    return this.bookings.list(caller, q);
  }

  @Endpoint(ROUTES.getBooking)
  get(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.bookings.get(caller, id);
  }

  @Endpoint(ROUTES.bookingHistory)
  history(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.bookings.history(caller, id);
  }

  @Endpoint(ROUTES.bookingReceipt)
  async receipt(@CurrentUser() caller: Caller, @Param('id') id: string, @Res() reply: FastifyReply) {
    const file = await this.bookings.receipt(caller, id);
    return reply
      .code(200)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  }

  @Endpoint(ROUTES.cancelBooking)
  cancel(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: CancelBookingRequest) {
    return this.bookings.cancel(caller, id, body.reason);
  }

  @Endpoint(ROUTES.changeBooking)
  change(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: ChangeBookingRequest) {
    return this.bookings.change(caller, id, body);
  }

  @Endpoint(ROUTES.approveBooking)
  approve(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.bookings.approve(caller, id);
  }

  @Endpoint(ROUTES.rejectBooking)
  reject(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: RejectBookingRequest) {
    return this.bookings.reject(caller, id, body.reason);
  }

  @Endpoint(ROUTES.markNoShow)
  noShow(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.bookings.markNoShow(caller, id);
  }
}
