import { Controller, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES, type OccupancyQuery } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { ReportsService } from './reports.service';

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
    const report = await this.reports.occupancy(caller, q);
    if (!wantsCsv(req.headers.accept)) return report;
    const name = `occupation-${q.scope.replace(':', '-')}-${q.from}-${q.to}-${q.groupBy}.csv`;
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${name}"`);
    return this.reports.csv(report);
  }
}

/** CSV when the client prefers it to JSON (a plain `Accept: text/csv`, or ranked above JSON). */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const rank = (type: string) =>
    accept
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([t]) => t.trim() === type)
      .map(([, ...params]) => {
        const qp = params.find((p) => p.trim().startsWith('q='));
        return qp ? Number(qp.trim().slice(2)) : 1;
      })[0] ?? 0;
  return rank('text/csv') > 0 && rank('text/csv') >= rank('application/json');
}
