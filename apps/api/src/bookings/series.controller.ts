import { Body, Controller, Headers, Param } from '@nestjs/common';
import { ROUTES, type CreateSeriesRequest, type EndpointInput } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { DomainException } from '../http/domain.exception';
import { Endpoint } from '../http/endpoint.decorator';
import { SeriesService } from './series.service';

@Controller()
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Endpoint(ROUTES.createSeries)
  create(
    @CurrentUser() caller: Caller,
    @Body() body: CreateSeriesRequest,
    @Headers('idempotency-key') key: string | undefined,
  ) {
    if (key !== undefined && (key.length === 0 || key.length > 200)) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.idempotencyKey', [
        { path: 'headers.idempotency-key', message: 'VALIDATION_FAILED.idempotencyKey.field' },
      ]);
    }
    return this.series.create(caller, body, key);
  }

  @Endpoint(ROUTES.cancelSeries)
  cancel(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.cancelSeries>['body'],
  ) {
    return this.series.cancelFuture(caller, id, body?.reason);
  }

  @Endpoint(ROUTES.getSeries)
  get(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.series.get(caller, id);
  }
}
