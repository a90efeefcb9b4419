import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { WaitlistRepository } from './waitlist.repository';
import { WaitlistSweeper } from './waitlist-sweeper';

/** The waiting list's sweep, without HTTP: loaded by API processes and by workers alike. */
@Module({
  imports: [NotificationsModule, AuditModule],
  providers: [WaitlistRepository, WaitlistSweeper],
  exports: [WaitlistRepository, WaitlistSweeper],
})
export class WaitlistSweepsModule {}
