import { Body, Controller, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ROUTES,
  type ContactNeedRequest,
  type NearbyNeedsQuery,
  type UnmetDemandQuery,
} from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { wantsCsv } from '../http/french-csv';
import { NeedsNearbyService } from './needs-nearby.service';
import { unmetDemandCsv } from './unmet-demand-csv';
import { UnmetDemandService } from './unmet-demand.service';

/** The needs as the places' side reads them: near a manager's site, and unmet by territory. */
@Controller()
export class NeedsDemandController {
  constructor(
    private readonly nearbyNeeds: NeedsNearbyService,
    private readonly unmet: UnmetDemandService,
  ) {}

  @Endpoint(ROUTES.nearbyNeeds)
  nearby(@CurrentUser() caller: Caller, @Query() q: NearbyNeedsQuery) {
    return this.nearbyNeeds.nearby(caller, q);
  }

  @Endpoint(ROUTES.contactNeed)
  async contact(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: ContactNeedRequest) {
    await this.nearbyNeeds.contact(caller, id, body);
  }

  @Endpoint(ROUTES.unmetDemand)
  async unmetDemand(
    @CurrentUser() caller: Caller,
    @Query() q: UnmetDemandQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.unmet.report(caller, q);
    if (!wantsCsv(req.headers.accept)) return report;
    const filters = [q.kind, q.theme]
      .filter(Boolean)
      .map((f) => `-${f}`)
      .join('');
    const name = `demande-non-satisfaite-${q.scope.replace(':', '-')}-${q.groupBy}${filters}.csv`;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${name}"`);
    return unmetDemandCsv(report);
  }
}
