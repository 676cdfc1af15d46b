/**
 * The database, in drizzle's terms. The roadmap tables are rewritten from db/roadmap.yaml at start-up;
 * rows are never deleted from them (a removed indicator or milestone is marked retired), so that
 * what people recorded against them stays attached.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const bodies = sqliteTable('bodies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  acronym: text('acronym').notNull().unique(),
  name: text('name').notNull(),
  englishName: text('english_name').notNull(),
  inGlossary: integer('in_glossary', { mode: 'boolean' }).notNull(),
});

export const focusAreas = sqliteTable('focus_areas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  number: integer('number').notNull().unique(),
  title: text('title').notNull(),
  subtitle: text('subtitle').notNull(),
});

export const priorities = sqliteTable('priorities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  number: integer('number').notNull().unique(),
  focusAreaId: integer('focus_area_id')
    .notNull()
    .references(() => focusAreas.id),
  title: text('title').notNull(),
});

export const objectives = sqliteTable(
  'objectives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    priorityId: integer('priority_id')
      .notNull()
      .references(() => priorities.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: ['CONTINUATION', 'DEVELOPMENT'] }),
    description: text('description'),
    summary: text('summary').notNull(),
    leadBodyId: integer('lead_body_id')
      .notNull()
      .references(() => bodies.id),
    retiredAt: text('retired_at'),
  },
  (t) => [
    index('objectives_priority_idx').on(t.priorityId),
    check('objectives_kind_check', sql`${t.kind} IS NULL OR ${t.kind} IN ('CONTINUATION','DEVELOPMENT')`),
  ],
);

export const objectiveContributors = sqliteTable(
  'objective_contributors',
  {
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.objectiveId, t.bodyId] }), index('objective_contributors_body_idx').on(t.bodyId)],
);

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction', { enum: ['increase', 'decrease'] }).notNull(),
    frequency: text('frequency', { enum: ['monthly', 'quarterly', 'yearly'] }).notNull(),
    method: text('method', { enum: ['linear', 'cagr'] }).notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [
    uniqueIndex('indicators_objective_key_uq').on(t.objectiveId, t.key),
    check('indicators_direction_check', sql`${t.direction} IN ('increase','decrease')`),
    check('indicators_frequency_check', sql`${t.frequency} IN ('monthly','quarterly','yearly')`),
    check('indicators_method_check', sql`${t.method} IN ('linear','cagr')`),
  ],
);

export const targets = sqliteTable(
  'targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    position: integer('position').notNull(),
    value: real('value').notNull(),
    exclusive: integer('exclusive', { mode: 'boolean' }).notNull(),
    valueText: text('value_text').notNull(),
    due: text('due').notNull(),
    dueDate: text('due_date').notNull(),
    sourceText: text('source_text').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [
    uniqueIndex('targets_indicator_position_uq').on(t.indicatorId, t.position),
    check('targets_due_date_check', sql`${t.dueDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

export const milestones = sqliteTable(
  'milestones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    due: text('due').notNull(),
    dueDate: text('due_date').notNull(),
    sourceText: text('source_text').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [
    uniqueIndex('milestones_objective_key_uq').on(t.objectiveId, t.key),
    check('milestones_due_date_check', sql`${t.dueDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);
