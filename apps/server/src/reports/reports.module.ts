import { Module } from '@nestjs/common';
import { ReportsModule as ReportGenerationModule } from '@app/reports';
import { OperationsModule } from '../operations/operations.module';
import { ReportsController } from './reports.controller';
import { ReportsScheduler } from './reports.scheduler';

@Module({
  imports: [ReportGenerationModule, OperationsModule],
  controllers: [ReportsController],
  providers: [ReportsScheduler],
  exports: [ReportGenerationModule, ReportsScheduler],
})
export class ReportsModule {}
