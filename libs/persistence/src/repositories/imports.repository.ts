import { Injectable } from '@nestjs/common';
import type { Tables } from '@db/schema';
import { Database } from '../database';

@Injectable()
export class ImportsRepository {
  constructor(private readonly database: Database) {}

  async insert(row: Tables['imports']['$inferInsert']): Promise<number> {
    const { db, t } = this.database;
    const [created] = await db.insert(t.imports).values(row).returning({ id: t.imports.id });
    return created.id;
  }
}
