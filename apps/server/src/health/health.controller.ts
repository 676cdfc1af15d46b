import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { count, isNull } from 'drizzle-orm';
import { Database } from '@app/persistence';
import { Public } from '../auth/auth.decorators';

/** For operators and load balancers: is the process up and is its database answering? */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = new Date();

  constructor(private readonly database: Database) {}

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
}
