import { Controller, Query } from '@nestjs/common';
import { ROUTES, type EndpointInput } from '@lieux/contracts';
import { DomainException } from '../http/domain.exception';
import { Endpoint } from '../http/endpoint.decorator';
import { AuditService } from './audit.service';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Endpoint(ROUTES.audit)
  list(@Query() q: EndpointInput<typeof ROUTES.audit>['query']) {
    if (q.cursor !== undefined && !/^\d{1,18}$/.test(q.cursor)) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.cursor', [
        { path: 'query.cursor', message: 'VALIDATION_FAILED.cursor.field' },
      ]);
    }
    return this.audit.list(q.entity, q.limit, q.cursor);
  }
}
