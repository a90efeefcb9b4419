import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AvailabilityModule } from './availability/availability.module';
import { BookingsModule } from './bookings/bookings.module';
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module';
import { CheckInModule } from './check-in/check-in.module';
import { CheckInSweepsModule } from './check-in/check-in-sweeps.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { BookingSweepsModule } from './bookings/booking-sweeps.module';
import { WaitlistSweepsModule } from './bookings/waitlist-sweeps.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { GeographyModule } from './geography/geography.module';
import { JobsModule } from './jobs/jobs.module';
import { HealthModule } from './health/health.module';
import { InstanceModule } from './instance/instance.module';
import { MetricsModule } from './metrics/metrics.module';
import { NeedMatchMailModule } from './needs/need-match-mail.module';
import { NeedsDemandModule } from './needs/needs-demand.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ProjectsModule } from './projects/projects.module';
import { UsersModule } from './users/users.module';
import { OidcModule } from './oidc/oidc.module';
import { ContractInterceptor } from './http/contract.interceptor';
import { ProblemFilter } from './http/problem.filter';
import { NotificationsModule } from './notifications/notifications.module';
import { ReportsModule } from './reports/reports.module';
import { NeedsJobsModule, NeedsModule } from './needs/needs.module';

@Module({})
export class AppModule {
  /** The HTTP API (which also runs the jobs unless RUN_JOBS=false: see `runsJobs`). */
  static forApi(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        JobsModule,
        MetricsModule,
        AuditModule,
        DemoModule,
        AuthModule,
        GeographyModule,
        OrganisationsModule,
        UsersModule,
        OidcModule,
        HealthModule,
        BookingsModule,
        AvailabilityModule,
        ReportsModule,
        InstanceModule,
        NeedsDemandModule,
        ProjectsModule,
        CalendarFeedsModule,
        NeedsModule,
        WebhooksModule,
        CheckInModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: ContractInterceptor },
      ],
    };
  }

  /** A worker process: every job, no HTTP. */
  static forWorker(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ ...config, runJobs: true, demoSeed: false }),
        DatabaseModule,
        JobsModule,
        NotificationsModule,
        BookingSweepsModule,
        WaitlistSweepsModule,
        CheckInSweepsModule,
        ReportsModule,
        NeedMatchMailModule,
        // The quarterly invitation runs here too; the projects' changes are audited.
        AuditModule,
        ProjectsModule,
        NeedsJobsModule,
      ],
    };
  }

  /** A one-off command (occupancy:rebuild): the database and the reports, no scheduled jobs. */
  static forCommand(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ ...config, runJobs: false, demoSeed: false }),
        DatabaseModule,
        JobsModule,
        ReportsModule,
      ],
    };
  }
}
