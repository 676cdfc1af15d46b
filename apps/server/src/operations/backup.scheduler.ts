import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { Calendar } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { backupDatabase, backupFileName, BackupResult, Database, pruneBackups } from '@app/persistence';
import { JobOutcome, JobRunner } from './job-runner';

/**
 * The daily backup (BACKUP_SCHEDULE) into BACKUP_DIR, keeping the BACKUP_KEEP newest: SQLite's
 * online backup of the file, or pg_dump of the PostgreSQL database (DATABASE_URL).
 */
@Injectable()
export class BackupScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly database: Database,
    private readonly jobs: JobRunner,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('daily-backup', this.config.backups.cron, () => this.runDailyBackup());
  }

  runDailyBackup(now: Date = this.calendar.now()): Promise<JobOutcome<BackupResult>> {
    const { engine } = this.database;
    return this.jobs.run('daily-backup', this.calendar.dateOf(now), async () => {
      const result = await backupDatabase(this.database, join(this.config.backups.dir, backupFileName(now, engine)), this.config.databaseUrl);
      const pruned = pruneBackups(this.config.backups.dir, this.config.backups.keep, engine);
      this.logger.log({ msg: 'Backup written', engine, path: result.path, bytes: result.bytes, pruned: pruned.length });
      return result;
    });
  }
}
