import { Module } from '@nestjs/common';
import { StatusService } from './status.service';

/** Statuses as of a date, assembled from the roadmap and what was recorded (server and CLI). */
@Module({ providers: [StatusService], exports: [StatusService] })
export class SnapshotsModule {}
