import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { APP_CONFIG, AppConfig } from '@app/config';
import { loadRoadmapFile } from '@app/roadmap';
import { Db, OpenedDatabase, openDatabase, runMigrations } from './database';
import { AuditRepository } from './repositories/audit.repository';
import { BaselinesRepository } from './repositories/baselines.repository';
import { ImportsRepository } from './repositories/imports.repository';
import { JobRunsRepository } from './repositories/job-runs.repository';
import { MeasurementsRepository } from './repositories/measurements.repository';
import { MilestoneUpdatesRepository } from './repositories/milestone-updates.repository';
import { ReportsRepository } from './repositories/reports.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { ReviewsRepository } from './repositories/reviews.repository';
import { RoadmapRepository } from './repositories/roadmap.repository';
import { TokensRepository } from './repositories/tokens.repository';
import { UsersRepository } from './repositories/users.repository';
import { DataVersion } from './data-version';
import { Transactor } from './transactor';

const REPOSITORIES = [
  RoadmapRepository,
  UsersRepository,
  TokensRepository,
  AuditRepository,
  MeasurementsRepository,
  BaselinesRepository,
  MilestoneUpdatesRepository,
  ImportsRepository,
  ReportsRepository,
  JobRunsRepository,
  ReviewsRepository,
  OutboxRepository,
  DataVersion,
  Transactor,
];
import { syncRoadmap } from './roadmap-sync';
import { DRIZZLE, SQLITE } from './tokens';

const OPENED = Symbol('OPENED_DATABASE');

export interface PersistenceOptions {
  /** Load db/roadmap.yaml (or ROADMAP_DATA_PATH) at start-up: the server does, CLI commands choose. */
  loadRoadmap: boolean;
}

/**
 * Opens the database file named by DATABASE_PATH, applies pending migrations and (for the server)
 * loads the roadmap data file, all before the application accepts its first request.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  static forRoot(options: PersistenceOptions = { loadRoadmap: true }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: OPENED,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): OpenedDatabase => {
            const logger = new Logger('Database');
            const opened = openDatabase(config.databasePath);
            runMigrations(opened.db, config.migrationsPath);
            const roadmapSync = options.loadRoadmap ? syncRoadmap(opened.db, loadRoadmapFile(config.roadmapDataPath)) : undefined;
            logger.log({ msg: 'Database ready', path: config.databasePath, roadmapSync });
            return opened;
          },
        },
        { provide: SQLITE, inject: [OPENED], useFactory: (o: OpenedDatabase) => o.sqlite },
        { provide: DRIZZLE, inject: [OPENED], useFactory: (o: OpenedDatabase) => o.db },
        ...REPOSITORIES,
      ],
      exports: [SQLITE, DRIZZLE, ...REPOSITORIES],
    };
  }

  constructor(@Inject(SQLITE) private readonly sqlite: Database.Database) {}

  onApplicationShutdown(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}

export type { Db };
