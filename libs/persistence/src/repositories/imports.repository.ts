import { Inject, Injectable } from '@nestjs/common';
import * as t from '@db/schema';
import type { Db } from '../database';
import { DRIZZLE } from '../tokens';

@Injectable()
export class ImportsRepository {
  constructor(@Inject(DRIZZLE) private readonly db: Db) {}

  insert(row: typeof t.imports.$inferInsert): number {
    return this.db.insert(t.imports).values(row).returning({ id: t.imports.id }).get().id;
  }
}
