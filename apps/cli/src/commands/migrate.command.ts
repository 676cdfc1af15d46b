import { Inject } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Command, CommandRunner } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SQLITE } from '@app/persistence';

/** Migrations run when the database opens; this command opens it and says where it stands. */
@Command({ name: 'migrate', description: 'Apply pending database migrations (db/migrations) to DATABASE_PATH' })
export class MigrateCommand extends CommandRunner {
  constructor(
    @Inject(SQLITE) private readonly sqlite: Database.Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(): Promise<void> {
    const applied = this.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    console.log(`${this.config.databasePath}: ${applied} migration(s) applied, schema up to date.`);
  }
}
