import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { QuotasController } from './quotas.controller';
import { QuotasRepository } from './quotas.repository';
import { QuotasService } from './quotas.service';

/** Fair-use quotas: the rules of sites and the national ones, and the check of the booking paths. */
@Module({
  imports: [SitesModule],
  controllers: [QuotasController],
  providers: [QuotasRepository, QuotasService],
  exports: [QuotasService],
})
export class QuotasModule {}
