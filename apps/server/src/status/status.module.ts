import { Module } from '@nestjs/common';
import { SnapshotsModule } from '@app/snapshots';
import { StatusController } from './status.controller';
import { PublishingModule } from '../publishing/publishing.module';

@Module({ imports: [SnapshotsModule, PublishingModule], controllers: [StatusController], exports: [SnapshotsModule] })
export class StatusModule {}
