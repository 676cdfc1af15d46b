import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuthenticatedRequest, Public } from '../auth/auth.decorators';
import { checkMetricsAccess } from './metrics-access';
import { Metrics } from './metrics';

/**
 * Prometheus scrapes this instance's metrics here (text exposition format). Left out of the API's
 * OpenAPI document, whose one rule is "public, or a person's bearer token": this route takes a
 * token of its own (README, Operations).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Public for the guard, which then only resolves a bearer token into its person: the access rule
  // (METRICS_TOKEN, or an administrator) is checkMetricsAccess's, and PUBLIC_READ never opens it.
  @Public()
  @Get()
  async scrape(@Req() req: FastifyRequest & AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    checkMetricsAccess(req.headers.authorization, req.principal, this.config.metricsToken);
    const { text, contentType } = await this.metrics.exposition();
    reply.header('content-type', contentType).header('cache-control', 'no-store');
    return text;
  }
}
