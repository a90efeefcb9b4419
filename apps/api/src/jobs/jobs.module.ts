import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createJobScheduler, JOB_SCHEDULER } from './job-scheduler';

/** The job scheduler of this process, for every module that has background jobs. */
@Global()
@Module({
  providers: [
    {
      provide: JOB_SCHEDULER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createJobScheduler(config),
    },
  ],
  exports: [JOB_SCHEDULER],
})
export class JobsModule {}
