import fastifyCookie from '@fastify/cookie';
import fastifyFormBody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { HelmetOptions } from 'helmet';
import { Logger } from 'nestjs-pino';
import { DomainError, ValidationFailed } from '@app/common';
import { AppConfig, loadConfig, projectPath } from '@app/config';
import { AppModule, AppOptions } from './app.module';
import { setLanguageHeaders } from './common/content-language';
import { ApiExceptionFilter } from './common/error-filter';
import { AccessLog, createAppLogger, createRootLogger } from './common/http-logging';
import { attachRequestContext, requestIdGenerator } from './common/request-context';
import { securityHeaders } from './common/security-headers';
import { StartupQuietLogger } from './common/startup-logger';
import { createOpenApiDocument } from './common/openapi';
import { createValidationPipe, refusePrototypeKeys } from './common/validation';
import { attachHttpMetrics } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { RoadmapAnswer } from './roadmap/roadmap-answer';

const JSON_BODY_LIMIT = 100 * 1024;

/**
 * Builds the whole HTTP application (NestJS on Fastify). main.ts listens with it; the tests use
 * it unchanged on a temporary database, so what they exercise is what runs in production.
 */
export async function createApp(config: AppConfig = loadConfig(), options: AppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new AccessLog(),
    genReqId: requestIdGenerator(config.trustProxy),
    trustProxy: config.trustProxy,
    bodyLimit: JSON_BODY_LIMIT,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { ...options, logger: createAppLogger(config.logLevel) }), adapter, {
    bufferLogs: true,
    bodyParser: false, // ours below: JSON with prototype keys refused, forms, multipart
  });
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  const fastify = app.getHttpAdapter().getInstance();
  attachRequestContext(fastify);
  attachHttpMetrics(fastify, app.get(Metrics));

  // Security headers; the policy lets pages run and style only what this server serves. The
  // Swagger UI (/api/docs) inlines its set-up script, so it alone gets 'unsafe-inline'.
  const policy = (extra: string[] = []): HelmetOptions => ({
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
  const strict = securityHeaders(policy());
  const docs = securityHeaders(policy(["'unsafe-inline'"]));
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/docs') ? docs : strict);
    if (req.url.startsWith('/api/v1/')) setLanguageHeaders(req, reply);
    done();
  });
  // After the headers: the roadmap's allowed reads are answered from this hook (roadmap-answer.ts).
  app.get(RoadmapAnswer).attach(fastify);

  // JSON bodies: keys that could reach an object's prototype are refused while parsing.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string, refusePrototypeKeys));
    } catch (e) {
      done(
        e instanceof DomainError ? e : new ValidationFailed([{ code: 'request.invalid_json', field: null, params: { detail: (e as Error).message } }]),
        undefined,
      );
    }
  });
  await app.register(fastifyCookie);
  // Forms; multipart uploads are read by UploadInterceptor on the routes that take a file.
  await app.register(fastifyMultipart);
  await app.register(fastifyFormBody, { bodyLimit: JSON_BODY_LIMIT });

  // The web app's own files, served from this server only (no CDN): DSFR, chart.js, our script and CSS.
  const immutable = { maxAge: '7d', index: false, decorateReply: false } as const;
  app.useStaticAssets({ root: projectPath('node_modules', '@gouvfr', 'dsfr', 'dist'), prefix: '/assets/dsfr/', ...immutable });
  app.useStaticAssets({ root: projectPath('node_modules', 'chart.js', 'dist'), prefix: '/assets/chart.js/', ...immutable });
  app.useStaticAssets({ root: projectPath('templates', 'assets'), prefix: '/assets/app/', ...immutable, maxAge: '1h' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    customSiteTitle: 'Feuille de route API',
  });
  return app;
}
