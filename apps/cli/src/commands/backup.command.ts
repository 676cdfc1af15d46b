import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Clock } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { backupDatabase, backupFileName, copyBackup, Database, latestBackup, restoreDatabase, restorePostgres } from '@app/persistence';

@Command({
  name: 'backup',
  description: 'Copy the database consistently, even while the server writes (SQLite online backup; pg_dump when DATABASE_URL is set)',
})
export class BackupCommand extends CommandRunner {
  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_params: string[], o: { out?: string }): Promise<void> {
    const out = resolve(o.out ?? join(this.config.backups.dir, backupFileName(this.clock.now(), this.database.engine)));
    const r = await backupDatabase(this.database, out, this.config.databaseUrl);
    console.log(
      r.engine === 'sqlite'
        ? `Backup of ${this.database.location} written to ${r.path} (${r.bytes} bytes, integrity ok).`
        : `Backup of ${this.database.location} written to ${r.path} (${r.bytes} bytes, pg_dump custom format, ${r.tables} tables).`,
    );
    // A backup into BACKUP_DIR goes to the share too, as the scheduled ones do; one written elsewhere (--out) stays where it was asked.
    const { copyDir } = this.config.backups;
    if (!o.out && copyDir) console.log(`Copied to ${(await copyBackup(r.path, copyDir)).path}.`);
  }

  @Option({
    flags: '-o, --out <file>',
    description: 'backup file (default: BACKUP_DIR/feuille-de-route-<time>.sqlite, or .dump for PostgreSQL)',
  })
  out(v: string) {
    return v;
  }
}

@Command({
  name: 'restore',
  arguments: '<backup>',
  description:
    'Replace the database with a backup, or with the newest backup in a folder (e.g. BACKUP_COPY_DIR); stop the server first. SQLite (DATABASE_PATH): the current file is kept aside. PostgreSQL (DATABASE_URL): pg_restore of a .dump, in one transaction.',
})
export class RestoreCommand extends CommandRunner {
  constructor(
    private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run([backup]: string[]): Promise<void> {
    const { engine, location } = this.database;
    const file = isFolder(resolve(backup)) ? latestBackup(resolve(backup), engine) : resolve(backup);
    // This process opened the database on start-up: let go of it before replacing it.
    await this.database.close();
    if (engine === 'postgres') {
      const archive = await restorePostgres(file, this.config.databaseUrl!);
      const from = [archive.database && `database ${archive.database}`, archive.createdAt && `dumped ${archive.createdAt}`].filter(Boolean).join(', ');
      console.log(
        `Restored ${basename(file)}${from ? ` (${from})` : ''} into ${location}: ${archive.tables.length} tables replaced with their rows. Start the server: pending migrations run on start.`,
      );
      return;
    }
    const { previous } = restoreDatabase(file, this.config.databasePath, this.clock.now());
    console.log(
      `Restored ${file} to ${this.config.databasePath}.${previous ? ` The replaced database is kept as ${previous}.` : ''} Start the server: pending migrations run on start.`,
    );
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a missing file: restore says so
  }
}
