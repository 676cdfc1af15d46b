import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { count, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Database } from '@app/persistence';
import { renderMessage } from '@app/presentation';
import { Public } from '../auth/auth.decorators';
import { requestLang } from '../common/request-lang';
import { ReadinessChecks } from './readiness';

/** For operators and load balancers: is the process up and is its database answering? */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = new Date();

  constructor(
    private readonly database: Database,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database check' })
  @ApiOkResponse({ description: 'The server and its database are up.' })
  async check() {
    const { db, t, engine } = this.database;
    try {
      // A real query on a roadmap table: the database answers and holds the roadmap.
      const [row] = await db.select({ objectives: count() }).from(t.objectives).where(isNull(t.objectives.retiredAt));
      return {
        status: 'ok',
        uptimeSeconds: Math.round((Date.now() - this.startedAt.getTime()) / 1000),
        database: { status: 'ok', engine, objectives: row.objectives },
      };
    } catch (e) {
      throw new ServiceUnavailableException({ status: 'error', database: { status: 'error', engine, message: (e as Error).message } });
    }
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, free disk space, Chromium' })
  @ApiOkResponse({ description: 'Every check passed: the instance can take traffic.' })
  @ApiServiceUnavailableResponse({ description: 'A check failed: each check is named with its state and, when not ok, why.' })
  async ready(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, checks } = await this.readiness.run();
    const lang = requestLang(req);
    reply.code(ready ? 200 : 503).header('cache-control', 'no-store');
    return {
      status: ready ? 'ready' : 'not_ready',
      checks: Object.fromEntries(
        Object.entries(checks).map(([name, c]) => [
          name,
          { status: c.status, ...c.details, ...(c.code ? { code: c.code, message: renderMessage(c.code, c.params, lang) } : {}) },
        ]),
      ),
    };
  }
}
