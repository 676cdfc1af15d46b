import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { Clock, CommonModule, SystemClock } from '@app/common';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { flushLogs, logDestination } from './common/log-destination';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { MeasurementsModule } from './measurements/measurements.module';
import { MilestonesModule } from './milestones/milestones.module';
import { RoadmapModule } from './roadmap/roadmap.module';
import { OperationsModule } from './operations/operations.module';
import { ReportsModule } from './reports/reports.module';
import { StatusModule } from './status/status.module';
import { WebModule } from './web/web.module';

export interface AppOptions {
  /** Tests pass a FixedClock; production uses the system clock. */
  clock?: Clock;
}

/** One module per capability; AppModule only wires them with the configuration. */
@Module({})
export class AppModule implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    flushLogs();
  }

  static forRoot(config: AppConfig = loadConfig(), options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot(options.clock ?? new SystemClock()),
        LoggerModule.forRoot({
          pinoHttp: [
            {
            level: config.logLevel,
            // Credentials never reach the logs.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/health' },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            },
            logDestination,
          ],
        }),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'login', ttl: 60_000, limit: config.auth.loginAttemptsPerMinute }] }),
        ScheduleModule.forRoot(),
        PersistenceModule.forRoot({ loadRoadmap: true }),
        HealthModule,
        AuthModule,
        StatusModule,
        RoadmapModule,
        MeasurementsModule,
        MilestonesModule,
        ImportsModule,
        ExportsModule,
        ReportsModule,
        OperationsModule,
        AuditModule,
        WebModule,
      ],
    };
  }
}
