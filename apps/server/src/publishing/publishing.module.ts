import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { ReportsModule } from '../reports/reports.module';
import { PublishingController } from './publishing.controller';
import { PublishingService } from './publishing.service';

/** Closing review periods, their frozen snapshot and official reports, and the published statuses. */
@Module({
  imports: [ReportsModule, OperationsModule],
  controllers: [PublishingController],
  providers: [PublishingService],
  exports: [PublishingService],
})
export class PublishingModule {}
