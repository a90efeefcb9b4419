import { Controller, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES, type AuditQuery } from '@lieux/contracts';
import { Endpoint } from '../http/endpoint.decorator';
import { wantsCsv } from '../http/french-csv';
import { AuditService } from './audit.service';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Endpoint(ROUTES.audit)
  async list(
    @Query() q: AuditQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!wantsCsv(req.headers.accept)) return this.audit.list(q);
    const name = ['journal', q.from, q.to].filter(Boolean).join('-');
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${name}.csv"`);
    return this.audit.csv(q);
  }
}
