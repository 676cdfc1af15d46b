import { Module } from '@nestjs/common';
import { MeasurementsModule } from '../measurements/measurements.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [MeasurementsModule, ReviewsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
