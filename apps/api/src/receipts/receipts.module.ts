import { Module } from '@nestjs/common';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptsService } from './receipts.service';

/** Receipts of paid bookings; used by bookings (issue, download) and notifications (attachment). */
@Module({
  providers: [ReceiptsRepository, ReceiptsService],
  exports: [ReceiptsService],
})
export class ReceiptsModule {}
