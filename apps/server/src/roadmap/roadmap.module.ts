import { Module } from '@nestjs/common';
import { StatusModule } from '../status/status.module';
import { PublishingModule } from '../publishing/publishing.module';
import { RoadmapController } from './roadmap.controller';
import { RoadmapService } from './roadmap.service';

@Module({ imports: [StatusModule, PublishingModule], controllers: [RoadmapController], providers: [RoadmapService], exports: [RoadmapService] })
export class RoadmapModule {}
