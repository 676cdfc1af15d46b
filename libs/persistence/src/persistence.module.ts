import { DynamicModule, Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { loadRoadmapFile } from '@app/roadmap';
import { Database, SETUP_LOCK } from './database';
import { AuditRepository } from './repositories/audit.repository';
import { BaselinesRepository } from './repositories/baselines.repository';
import { TerritorialTargetsRepository } from './repositories/territorial-targets.repository';
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
import { RateLimitsRepository } from './repositories/rate-limits.repository';
import { WebStatesRepository } from './repositories/web-states.repository';
import { DataVersion } from './data-version';
import { Transactor } from './transactor';
import { syncRoadmap } from './roadmap-sync';

const REPOSITORIES = [
  RoadmapRepository,
  UsersRepository,
  TokensRepository,
  AuditRepository,
  MeasurementsRepository,
  BaselinesRepository,
  TerritorialTargetsRepository,
  MilestoneUpdatesRepository,
  ImportsRepository,
  ReportsRepository,
  JobRunsRepository,
  ReviewsRepository,
  OutboxRepository,
  RateLimitsRepository,
  WebStatesRepository,
  DataVersion,
  Transactor,
];

export interface PersistenceOptions {
  /** Load db/roadmap.yaml (or ROADMAP_DATA_PATH) at start-up: the server does, CLI commands choose. */
  loadRoadmap: boolean;
}

/**
 * Opens the database (PostgreSQL when DATABASE_URL is set, else the SQLite file DATABASE_PATH),
 * applies pending migrations and (for the server) loads the roadmap data file, all before the
 * application accepts its first request. With several instances on one PostgreSQL, one of them does
 * this at a time (an advisory lock): the others wait, then find nothing left to do.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  static forRoot(options: PersistenceOptions = { loadRoadmap: true }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: Database,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<Database> => {
            const logger = new Logger('Database');
            const database = Database.open({ url: config.databaseUrl, path: config.databasePath, poolSize: config.databasePoolSize });
            try {
              const roadmapSync = await database.exclusively(SETUP_LOCK, async () => {
                await database.migrate(config.migrationsPath);
                if (!options.loadRoadmap) return undefined;
                const summary = await syncRoadmap(database, loadRoadmapFile(config.roadmapDataPath));
                // A changed roadmap changes every status: other instances' caches must not be reused.
                if (summary.inserted + summary.updated + summary.retired > 0) await database.transaction(() => new DataVersion(database).moved());
                return summary;
              });
              logger.log({ msg: 'Database ready', engine: database.engine, location: database.location, roadmapSync });
            } catch (error) {
              await database.close();
              throw error;
            }
            return database;
          },
        },
        ...REPOSITORIES,
      ],
      exports: [Database, ...REPOSITORIES],
    };
  }

  constructor(private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
