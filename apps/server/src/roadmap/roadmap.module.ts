import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { StatusModule } from '../status/status.module';
import { PublishingModule } from '../publishing/publishing.module';
import { RoadmapController } from './roadmap.controller';
import { RoadmapAnswer } from './roadmap-answer';
import { RoadmapService } from './roadmap.service';

@Module({
  imports: [AccountsModule, StatusModule, PublishingModule],
  controllers: [RoadmapController],
  providers: [RoadmapService, RoadmapAnswer],
  exports: [RoadmapService, RoadmapAnswer],
})
export class RoadmapModule {}
