import { Module } from '@nestjs/common';
import { BackupScheduler } from './backup.scheduler';
import { JobRunner } from './job-runner';

/** Scheduled work that keeps the service healthy: the job runner and the daily backup. */
@Module({ providers: [JobRunner, BackupScheduler], exports: [JobRunner, BackupScheduler] })
export class OperationsModule {}
