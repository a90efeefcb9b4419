import { Controller, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES, type OccupancyQuery } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { wantsCsv } from '../http/french-csv';
import { occupancyJson } from './occupancy-json';
import { inPieces, ReportsService, wholeReport } from './reports.service';

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Endpoint(ROUTES.occupancyReport)
  async occupancy(
    @CurrentUser() caller: Caller,
    @Query() q: OccupancyQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.reports.occupancyPieces(caller, q);
    if (!wantsCsv(req.headers.accept)) {
      if (!inPieces(answer)) return answer;
      reply.header('content-type', 'application/json; charset=utf-8');
      return occupancyJson(answer);
    }
    const report = await wholeReport(answer);
    const name = `occupation-${q.scope.replace(':', '-')}-${q.from}-${q.to}-${q.groupBy}.csv`;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${name}"`);
    return this.reports.csv(report);
  }
}
