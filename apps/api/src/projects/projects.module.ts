import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReportsModule } from '../reports/reports.module';
import { ProjectsController } from './projects.controller';
import { ProjectsJobs } from './projects.jobs';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

@Module({
  imports: [GeographyModule, NotificationsModule, ReportsModule],
  controllers: [ProjectsController],
  providers: [ProjectsRepository, ProjectsService, ProjectsJobs],
  exports: [ProjectsService],
})
export class ProjectsModule {}
