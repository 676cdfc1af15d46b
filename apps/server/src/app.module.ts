import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { Clock, CommonModule, SystemClock } from '@app/common';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { PersistenceModule, RateLimitsRepository } from '@app/persistence';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseThrottlerStorage } from './auth/rate-limit-storage';
import { createAppLogger } from './common/http-logging';
import { flushLogs } from './common/log-destination';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { MeasurementsModule } from './measurements/measurements.module';
import { MilestonesModule } from './milestones/milestones.module';
import { RoadmapModule } from './roadmap/roadmap.module';
import { OperationsModule } from './operations/operations.module';
import { ReportsModule } from './reports/reports.module';
import { ReviewsModule } from './reviews/reviews.module';
import { PublishingModule } from './publishing/publishing.module';
import { StatusModule } from './status/status.module';
import { TerritoriesModule } from './territories/territories.module';
import { WebModule } from './web/web.module';
import { PublicModule } from './public/public.module';

export interface AppOptions {
  /** Tests pass a FixedClock; production uses the system clock. */
  clock?: Clock;
  /** The application's logger (createApp makes it; Fastify's access log has its own, on the same output). */
  logger?: PinoLogger;
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
        // NestJS's messages go to the application's logger, which tags them with their request's id
        // (common/request-context.ts). nestjs-pino's own binding to the request (forRoutes: none) is not
        // used: it ran a middleware and an AsyncLocalStorage on every request, a quarter of a small request's cost.
        LoggerModule.forRoot({ pinoHttp: { logger: options.logger ?? createAppLogger(config.logLevel) }, useExisting: true, forRoutes: [] }),
        // Sign-in attempts are counted in the database, so that the limit holds across every instance.
        ThrottlerModule.forRootAsync({
          inject: [RateLimitsRepository],
          useFactory: (rateLimits: RateLimitsRepository) => ({
            throttlers: [{ name: 'login', ttl: 60_000, limit: config.auth.loginAttemptsPerMinute }],
            storage: new DatabaseThrottlerStorage(rateLimits),
          }),
        }),
        ScheduleModule.forRoot(),
        PersistenceModule.forRoot({ loadRoadmap: true }),
        HealthModule,
        MetricsModule,
        AuthModule,
        StatusModule,
        RoadmapModule,
        MeasurementsModule,
        MilestonesModule,
        ImportsModule,
        ExportsModule,
        ReportsModule,
        ReviewsModule,
        PublishingModule,
        OperationsModule,
        AuditModule,
        TerritoriesModule,
        MailModule,
        WebModule,
        PublicModule.forRoot(config),
      ],
    };
  }
}
