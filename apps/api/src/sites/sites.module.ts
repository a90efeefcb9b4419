import { Module } from '@nestjs/common';
import { SpacesController } from './spaces.controller';
import { SpacesRepository } from './spaces.repository';
import { SpacesService } from './spaces.service';

@Module({
  controllers: [SpacesController],
  providers: [SpacesRepository, SpacesService],
  exports: [SpacesService],
})
export class SitesModule {}
