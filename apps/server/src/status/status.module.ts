import { Module } from '@nestjs/common';
import { SnapshotsModule } from '@app/snapshots';
import { StatusController } from './status.controller';

@Module({ imports: [SnapshotsModule], controllers: [StatusController], exports: [SnapshotsModule] })
export class StatusModule {}
