import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GeographyModule } from '../geography/geography.module';
import { SitesController } from './sites.controller';
import { SitesRepository } from './sites.repository';
import { SitesService } from './sites.service';
import { SpacePhotosController } from './space-photos.controller';
import { SpacePhotosRepository } from './space-photos.repository';
import { SpacePhotosService } from './space-photos.service';
import { SpacesController } from './spaces.controller';
import { SpacesRepository } from './spaces.repository';
import { SpacesService } from './spaces.service';

@Module({
  imports: [AuthModule, GeographyModule],
  controllers: [SitesController, SpacesController, SpacePhotosController],
  providers: [
    SitesRepository,
    SitesService,
    SpacesRepository,
    SpacesService,
    SpacePhotosRepository,
    SpacePhotosService,
  ],
  exports: [SpacesService, SitesService],
})
export class SitesModule {}
