import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { HealthModule } from './health/health.module';
import { RoadmapModule } from './roadmap/roadmap.module';

/** One module per capability; AppModule only wires them with the configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Credentials never reach the logs.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/health' },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        PersistenceModule.forRoot({ loadRoadmap: true }),
        HealthModule,
        RoadmapModule,
      ],
    };
  }
}
