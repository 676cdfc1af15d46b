import { PATH_METADATA } from '@nestjs/common/constants';
import { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC } from '../auth/auth.decorators';

/** The name of the security scheme every protected operation requires. */
export const BEARER = 'bearer';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** An operation's id: its controller class and method, so the document can be matched to the routes' own metadata. */
const operationId = (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`;

/**
 * The OpenAPI document. Which operations need the bearer token is read from the same `@Public()`
 * metadata the AuthGuard enforces, so the document cannot drift from the rules: every route is
 * protected unless marked public (login, health), and Swagger UI's "Try it out" sends the token
 * on every protected route once it is authorised.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Feuille de route API')
    .setDescription(
      'Digital Health Roadmap 2023–2027 (Feuille de route du numérique en santé): focus areas, priorities, objectives, bodies, ' +
        'indicators, targets and milestones; recording values, imports, exports, status and reports. ' +
        'Texts are French by default; ask for English with `Accept-Language: en` or `?lang=en`.',
    )
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'An opaque bearer token (a random secret, not a JWT): the `token` returned by `POST /api/v1/auth/login`, ' +
          'or a personal API token from `POST /api/v1/auth/tokens`. Sent as `Authorization: Bearer <token>`.',
      },
      BEARER,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  applyBearerSecurity(document, publicOperationIds(app));
  return document;
}

/** Operation ids of the routes marked `@Public()` (on the method or its controller). */
function publicOperationIds(app: INestApplication): Set<string> {
  const scanner = new MetadataScanner();
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      for (const method of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue; // not a route
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller) ?? false;
        if (isPublic) ids.add(operationId(controller.name, method));
      }
    }
  }
  return ids;
}

/** Public operations carry no security requirement; every other one requires the bearer token. */
function applyBearerSecurity(document: OpenAPIObject, publicIds: Set<string>): void {
  for (const path of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = path[method];
      if (!operation) continue;
      if (operation.operationId && publicIds.has(operation.operationId)) delete operation.security;
      else operation.security = [{ [BEARER]: [] }];
    }
  }
}
