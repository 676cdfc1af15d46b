import { Module } from '@nestjs/common';
import { BackupScheduler } from './backup.scheduler';
import { JobRunner } from './job-runner';

/** Scheduled work that keeps the service healthy: the job runner and the backups (and their copy on a share). */
@Module({ providers: [JobRunner, BackupScheduler], exports: [JobRunner, BackupScheduler] })
export class OperationsModule {}
