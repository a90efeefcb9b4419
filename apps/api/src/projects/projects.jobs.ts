import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { ProjectsService } from './projects.service';

/**
 * The quarterly invitation to update the active projects: tried at 08:00 on the first of every month,
 * Paris time; an organisation gets it once per quarter (the first run of the quarter that finds it with an
 * active project), however many runs there are.
 */
@Injectable()
export class ProjectsJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private jobs: ScheduledJob[] = [];

  constructor(
    @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler,
    private readonly projects: ProjectsService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs = [
      this.scheduler.repeat(
        'projects',
        'quarterly-invitation',
        { monthly: { day: 1, hour: 8, zone: 'Europe/Paris' } },
        () => this.projects.inviteQuarter(),
      ),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.jobs.map((job) => job.stop()));
  }
}
