import { Controller } from '@nestjs/common';
import { ROUTES, type NationalStats } from '@lieux/contracts';
import { Endpoint } from '../http/endpoint.decorator';
import { NationalStatsService } from './national-stats.service';

@Controller()
export class NationalStatsController {
  constructor(private readonly stats: NationalStatsService) {}

  @Endpoint(ROUTES.nationalStats)
  get(): Promise<NationalStats> {
    return this.stats.get();
  }
}
