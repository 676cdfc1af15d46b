import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig, projectPath } from '@app/config';
import { AppModule, AppOptions } from './app.module';
import { createValidationPipe, refusePrototypeKeys } from './common/validation';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Builds the whole HTTP application. main.ts listens with it; the tests use it unchanged on a
 * temporary database, so what they exercise is what runs in production.
 */
export async function createApp(config: AppConfig = loadConfig(), options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Security headers; the policy lets pages run and style only what this server serves. The
  // Swagger UI (/api/docs) inlines its set-up script, so it alone gets 'unsafe-inline'.
  const policy = (extra: string[] = []) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...extra],
          styleSrc: ["'self'", ...extra],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.cookies.secure ? [] : null,
        },
      },
      strictTransportSecurity: config.cookies.secure,
    });
  const strict = policy();
  const docs = policy(["'unsafe-inline'"]);
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next));
  app.set('trust proxy', config.trustProxy);
  // The web app's own files, served from this server only (no CDN): DSFR, chart.js, our script and CSS.
  const immutable = { maxAge: '7d', index: false, fallthrough: false };
  app.useStaticAssets(projectPath('node_modules', '@gouvfr', 'dsfr', 'dist'), { prefix: '/assets/dsfr/', ...immutable });
  app.useStaticAssets(projectPath('node_modules', 'chart.js', 'dist'), { prefix: '/assets/chart.js/', ...immutable });
  app.useStaticAssets(projectPath('templates', 'assets'), { prefix: '/assets/app/', ...immutable, maxAge: '1h' });
  app.useBodyParser('json', { limit: '100kb', reviver: refusePrototypeKeys });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const openapi = new DocumentBuilder()
    .setTitle('Feuille de route API')
    .setDescription(
      'Digital Health Roadmap 2023–2027: focus areas, priorities, objectives, bodies, indicators, targets and milestones.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  return app;
}
