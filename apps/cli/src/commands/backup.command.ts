import { Inject } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Command, CommandRunner, Option } from 'nest-commander';
import { join, resolve } from 'node:path';
import { Clock } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { backupDatabase, backupFileName, restoreDatabase, SQLITE } from '@app/persistence';

@Command({ name: 'backup', description: 'Copy the database consistently, even while the server writes (SQLite online backup)' })
export class BackupCommand extends CommandRunner {
  constructor(
    @Inject(SQLITE) private readonly sqlite: Database.Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_params: string[], o: { out?: string }): Promise<void> {
    const out = resolve(o.out ?? join(this.config.backups.dir, backupFileName(this.clock.now())));
    const r = await backupDatabase(this.sqlite, out);
    console.log(`Backup of ${this.config.databasePath} written to ${r.path} (${r.bytes} bytes, integrity ok).`);
  }

  @Option({ flags: '-o, --out <file>', description: 'backup file (default: BACKUP_DIR/feuille-de-route-<time>.sqlite)' })
  out(v: string) {
    return v;
  }
}

@Command({
  name: 'restore',
  arguments: '<backup>',
  description: 'Replace the database (DATABASE_PATH) with a backup; stop the server first. The current file is kept aside.',
})
export class RestoreCommand extends CommandRunner {
  constructor(
    @Inject(SQLITE) private readonly sqlite: Database.Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run([backup]: string[]): Promise<void> {
    // This process opened the database on start-up: let go of it before replacing the file.
    this.sqlite.close();
    const { previous } = restoreDatabase(resolve(backup), this.config.databasePath, this.clock.now());
    console.log(
      `Restored ${resolve(backup)} to ${this.config.databasePath}.${previous ? ` The replaced database is kept as ${previous}.` : ''} Start the server: pending migrations run on start.`,
    );
  }
}
