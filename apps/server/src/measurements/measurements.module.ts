import { Module } from '@nestjs/common';
import { TerritorialComparisons } from '@app/reports';
import { ReviewsModule } from '../reviews/reviews.module';
import { StatusModule } from '../status/status.module';
import { IndicatorsController } from './indicators.controller';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsService } from './measurements.service';
import { RecordingRules } from './recording-rules';
import { TerritorialValuesService } from './territorial-values.service';
import { TerritorialTargetsService } from './territorial-targets.service';

@Module({
  imports: [StatusModule, ReviewsModule],
  controllers: [IndicatorsController, MeasurementsController],
  providers: [MeasurementsService, RecordingRules, TerritorialValuesService, TerritorialTargetsService, TerritorialComparisons],
  exports: [MeasurementsService, RecordingRules, TerritorialValuesService],
})
export class MeasurementsModule {}
