import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type Database from 'better-sqlite3';
import { SQLITE } from '@app/persistence';
import { Public } from '../auth/auth.decorators';

/** For operators and load balancers: is the process up and is its database answering? */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = new Date();

  constructor(@Inject(SQLITE) private readonly sqlite: Database.Database) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database check' })
  @ApiOkResponse({ description: 'The server and its database are up.' })
  check() {
    try {
      const row = this.sqlite.prepare('SELECT count(*) AS objectives FROM objectives WHERE retired_at IS NULL').get() as {
        objectives: number;
      };
      return {
        status: 'ok',
        uptimeSeconds: Math.round((Date.now() - this.startedAt.getTime()) / 1000),
        database: { status: 'ok', objectives: row.objectives },
      };
    } catch (e) {
      throw new ServiceUnavailableException({ status: 'error', database: { status: 'error', message: (e as Error).message } });
    }
  }
}
