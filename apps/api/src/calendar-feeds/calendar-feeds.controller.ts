import { Controller, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES, type CalendarFeedKind } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { etagOf, matches } from './calendar-feed-ics';
import { CalendarFeedsService } from './calendar-feeds.service';

@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Endpoint(ROUTES.myCalendarFeeds)
  mine(@CurrentUser() caller: Caller) {
    return this.feeds.list(caller);
  }

  @Endpoint(ROUTES.rotateCalendarFeed)
  rotate(@CurrentUser() caller: Caller, @Param('kind') kind: CalendarFeedKind) {
    return this.feeds.rotate(caller, kind);
  }

  @Endpoint(ROUTES.calendarFeed)
  async feed(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return send(req, reply, await this.feeds.feed(token), 'private, no-cache');
  }

  @Endpoint(ROUTES.spaceBusyFeed)
  async busy(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return send(req, reply, await this.feeds.busy(id), 'public, max-age=300');
  }
}

/** A feed with its validator: 304 when the calendar app already has these bytes. */
function send(req: FastifyRequest, reply: FastifyReply, body: string, cache: string) {
  const etag = etagOf(body);
  reply
    .header('etag', etag)
    .header('cache-control', cache)
    .header('x-content-type-options', 'nosniff')
    .header('content-type', 'text/calendar; charset=utf-8');
  if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).header('content-disposition', 'inline; filename="calendrier.ics"').send(body);
}
