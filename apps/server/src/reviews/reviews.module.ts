import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { ReviewsController } from './reviews.controller';
import { ReviewsScheduler } from './reviews.scheduler';
import { ReviewsService } from './reviews.service';
import { ValueLocks } from './value-locks';

/**
 * The quarterly review: periods, objectives' updates and their validation; ValueLocks, which the
 * recording of values uses to keep a validated update's values from changing without a reason.
 * Notices go to the REVIEW_NOTICE_SINK when one is provided (the mail capability), else nowhere.
 */
@Module({
  imports: [OperationsModule],
  controllers: [ReviewsController],
  providers: [ReviewsService, ReviewsScheduler, ValueLocks],
  exports: [ReviewsService, ValueLocks],
})
export class ReviewsModule {}
