import { Module } from '@nestjs/common';
import { MeasurementsModule } from '../measurements/measurements.module';
import { StatusModule } from '../status/status.module';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [MeasurementsModule, StatusModule],
  controllers: [MilestonesController],
  providers: [MilestonesService],
  exports: [MilestonesService],
})
export class MilestonesModule {}
