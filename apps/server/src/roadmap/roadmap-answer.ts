import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokensService } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { Lang } from '@app/presentation';
import { API_PREFIX } from '../common/api';
import { JsonCache } from '../common/json-cache';
import { requestLang } from '../common/request-lang';
import { RoadmapService } from './roadmap.service';

const ROADMAP_ROUTE = `/${API_PREFIX}/roadmap`;

/**
 * The answer of `GET /api/v1/roadmap`: the tree's cached bytes, sent from Fastify's onRequest hook
 * when the request may read it, before NestJS's router, guard and parameter decorators run.
 * The roadmap is the API's most read answer and never changes between two reloads of the data file,
 * and that pipeline cost a third of its throughput (`npm run bench`, README "Benchmarks").
 *
 * Only the allowed case is answered here, with the AuthGuard's rule for a read (a valid bearer token,
 * or any GET under PUBLIC_READ); any other request goes on to the controller, so a refusal is said
 * by the guard and the error filter as everywhere else. The route stays the controller's: it is
 * documented in OpenAPI, timed in /metrics and written in the access log under its own pattern.
 */
@Injectable()
export class RoadmapAnswer {
  private readonly json = new JsonCache();

  constructor(
    private readonly roadmap: RoadmapService,
    private readonly tokens: TokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the tree in the request's language (304 when the client holds this version). */
  send(req: FastifyRequest, reply: FastifyReply, lang: Lang = requestLang(req)): void {
    this.json.send(req, reply, this.roadmap.tree(lang));
  }

  /** Answers allowed reads of the roadmap from the hook (register it after the headers' hooks). */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (req, reply, done) => {
      if (req.method !== 'GET' || req.routeOptions.url !== ROADMAP_ROUTE) return done();
      this.mayRead(req).then(
        (allowed) => (allowed ? this.send(req, reply) : done()),
        (error: Error) => done(error),
      );
    });
  }

  /** The AuthGuard's rule for a read route: a principal behind the bearer token, or PUBLIC_READ. */
  private async mayRead(req: FastifyRequest): Promise<boolean> {
    if (this.config.auth.publicRead) return true;
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && (await this.tokens.resolve(token)) !== null;
  }
}
