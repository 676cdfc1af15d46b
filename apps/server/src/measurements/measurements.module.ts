import { Module } from '@nestjs/common';
import { ReviewsModule } from '../reviews/reviews.module';
import { StatusModule } from '../status/status.module';
import { IndicatorsController } from './indicators.controller';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsService } from './measurements.service';
import { RecordingRules } from './recording-rules';

@Module({
  imports: [StatusModule, ReviewsModule],
  controllers: [IndicatorsController, MeasurementsController],
  providers: [MeasurementsService, RecordingRules],
  exports: [MeasurementsService, RecordingRules],
})
export class MeasurementsModule {}
