/**
 * The database, in drizzle's terms. The roadmap tables are rewritten from db/roadmap.yaml at start-up;
 * rows are never deleted from them (a removed indicator or milestone is marked retired), so that
 * what people recorded against them stays attached.
 */
import { sql } from 'drizzle-orm';
import { AnySQLiteColumn, blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  // French texts (the project's working translation); null only before the data file was loaded.
  titleFr: text('title_fr'),
  subtitleFr: text('subtitle_fr'),
});

export const priorities = sqliteTable('priorities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  number: integer('number').notNull().unique(),
  focusAreaId: integer('focus_area_id')
    .notNull()
    .references(() => focusAreas.id),
  title: text('title').notNull(),
  titleFr: text('title_fr'),
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
    titleFr: text('title_fr'),
    descriptionFr: text('description_fr'),
    summaryFr: text('summary_fr'),
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
    nameFr: text('name_fr'),
    /** A baseline the roadmap states (data file); one recorded by a user (indicator_baselines) wins over it. */
    baselineValue: real('baseline_value'),
    baselineDate: text('baseline_date'),
    baselineSource: text('baseline_source'),
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
    valueTextFr: text('value_text_fr'),
    dueFr: text('due_fr'),
    sourceTextFr: text('source_text_fr'),
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
    titleFr: text('title_fr'),
    dueFr: text('due_fr'),
    sourceTextFr: text('source_text_fr'),
    retiredAt: text('retired_at'),
  },
  (t) => [
    uniqueIndex('milestones_objective_key_uq').on(t.objectiveId, t.key),
    check('milestones_due_date_check', sql`${t.dueDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

// ---------------------------------------------------------------------------------------------
// People and what they record. Recorded data is append-only: a correction adds a measurement and
// stamps the one it replaces as superseded; nothing is ever deleted. Timestamps are UTC ISO-8601
// with milliseconds ("2025-01-31T09:15:00.000Z"), so text order is time order.

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'validator', 'editor', 'viewer'] }).notNull(),
    createdAt: text('created_at').notNull(),
    disabledAt: text('disabled_at'),
    /** The language of the mails sent to this person. */
    lang: text('lang', { enum: ['fr', 'en'] })
      .notNull()
      .default('fr'),
    /** Review reminders and digests are sent unless the person turned them off. */
    remindersEnabled: integer('reminders_enabled', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [check('users_role_check', sql`${t.role} IN ('admin','validator','editor','viewer')`), check('users_lang_check', sql`${t.lang} IN ('fr','en')`)],
);

/** The bodies an editor records for. */
export const userBodies = sqliteTable(
  'user_bodies',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bodyId] })],
);

/** Bearer tokens (login), personal API tokens and web sessions; only a SHA-256 of the secret is kept. */
export const authTokens = sqliteTable(
  'auth_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['session', 'api', 'web'] }).notNull(),
    name: text('name'),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('auth_tokens_user_idx').on(t.userId), check('auth_tokens_kind_check', sql`${t.kind} IN ('session','api','web')`)],
);

export const imports = sqliteTable('imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  fileName: text('file_name').notNull(),
  format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
  sha256: text('sha256').notNull(),
  rowCount: integer('row_count').notNull(),
  createdAt: text('created_at').notNull(),
});

export const measurements = sqliteTable(
  'measurements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    value: real('value').notNull(),
    /** The date the value describes (end of the period it measures). */
    observedAt: text('observed_at').notNull(),
    source: text('source').notNull(),
    comment: text('comment'),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
    /** On a correction: the measurement it replaces, and why. */
    supersedesId: integer('supersedes_id').references((): AnySQLiteColumn => measurements.id),
    correctionReason: text('correction_reason'),
    /** On a replaced measurement: when it was superseded (the correction's recordedAt). */
    supersededAt: text('superseded_at'),
    importId: integer('import_id').references(() => imports.id),
  },
  (t) => [
    // The as-of lookups: latest (or first) current value of an indicator up to a date.
    index('measurements_indicator_observed_idx').on(t.indicatorId, t.observedAt, t.recordedAt),
    // "What changed since the previous report": values recorded between two instants.
    index('measurements_recorded_at_idx').on(t.recordedAt),
    uniqueIndex('measurements_supersedes_uq').on(t.supersedesId),
    // One current value per indicator and date: a second one must be a correction.
    uniqueIndex('measurements_current_uq')
      .on(t.indicatorId, t.observedAt)
      .where(sql`${t.supersededAt} IS NULL`),
    check('measurements_observed_at_check', sql`${t.observedAt} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check('measurements_correction_check', sql`(${t.supersedesId} IS NULL) = (${t.correctionReason} IS NULL)`),
  ],
);

/** An indicator's baseline (b, t0); the latest one recorded as of a date applies. */
export const indicatorBaselines = sqliteTable(
  'indicator_baselines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    value: real('value').notNull(),
    baselineDate: text('baseline_date').notNull(),
    source: text('source'),
    comment: text('comment'),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('indicator_baselines_indicator_idx').on(t.indicatorId, t.recordedAt)],
);

/** Each change of a milestone's progress, in full: the latest one recorded as of a date is its state. */
export const milestoneUpdates = sqliteTable(
  'milestone_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id),
    state: text('state', { enum: ['not_started', 'in_progress', 'done'] }).notNull(),
    completedOn: text('completed_on'),
    evidence: text('evidence'),
    comment: text('comment'),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    index('milestone_updates_milestone_idx').on(t.milestoneId, t.recordedAt),
    index('milestone_updates_recorded_at_idx').on(t.recordedAt),
    check('milestone_updates_state_check', sql`${t.state} IN ('not_started','in_progress','done')`),
    check('milestone_updates_done_check', sql`(${t.state} = 'done') = (${t.completedOn} IS NOT NULL)`),
  ],
);

/** Every write, with who, when, and the entity before and after (JSON). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);

// ---------------------------------------------------------------------------------------------
// Published progress reports: every generated file is kept, with the figures' hash and the
// objective statuses it showed (the next report of the same kind compares against them).

export const reports = sqliteTable(
  'reports',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['roadmap', 'focus_area', 'body', 'objective'] }).notNull(),
    scope: text('scope'),
    period: text('period').notNull(),
    asOf: text('as_of').notNull(),
    format: text('format', { enum: ['html', 'pdf'] }).notNull(),
    lang: text('lang', { enum: ['fr', 'en'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule', 'cli', 'closing'] }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    dataHash: text('data_hash').notNull(),
    fileHash: text('file_hash').notNull(),
    byteSize: integer('byte_size').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    statuses: text('statuses', { mode: 'json' }).notNull(),
    scriptHashes: text('script_hashes', { mode: 'json' }).notNull(),
  },
  (t) => [
    index('reports_kind_scope_as_of_idx').on(t.kind, t.scope, t.asOf),
    index('reports_created_at_idx').on(t.createdAt),
    check('reports_kind_check', sql`${t.kind} IN ('roadmap','focus_area','body','objective')`),
    check('reports_format_check', sql`${t.format} IN ('html','pdf')`),
    check('reports_lang_check', sql`${t.lang} IN ('fr','en')`),
    check('reports_trigger_check', sql`${t.trigger} IN ('manual','schedule','cli','closing')`),
  ],
);

/** Each run of a scheduled job (report batches, backups), with its attempts and outcome. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    /** The period or day the run is for: a job runs once per key, whatever the restarts. */
    runKey: text('run_key').notNull(),
    attempt: integer('attempt').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    error: text('error'),
    detail: text('detail', { mode: 'json' }),
  },
  (t) => [index('job_runs_job_key_idx').on(t.job, t.runKey), check('job_runs_status_check', sql`${t.status} IN ('running','succeeded','failed')`)],
);

// ---------------------------------------------------------------------------------------------
// The periodic review: each period, every objective's lead body writes an update (a confidence
// rating and a commentary), the delegation validates it, and closing the period freezes what was
// validated into the published snapshot the official report is made from.

/** A review period (campaign): `2026-Q4`, `2026-11`, `2026-H2` or `2026`. Created when it opens. */
export const reviewPeriods = sqliteTable(
  'review_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    period: text('period').notNull().unique(),
    granularity: text('granularity', { enum: ['month', 'quarter', 'half', 'year'] }).notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** The day collection opens (by default the day after the period ends). */
    opensOn: text('opens_on').notNull(),
    /** The collection deadline (by default the 15th of the month after the period). */
    deadline: text('deadline').notNull(),
    state: text('state', { enum: ['open', 'closed'] }).notNull(),
    openedAt: text('opened_at').notNull(),
    /** Null when the scheduler opened it. */
    openedBy: integer('opened_by').references(() => users.id),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    /** Objective codes whose update was not validated at closing (closed anyway). */
    missingAtClosing: text('missing_at_closing', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [
    check('review_periods_state_check', sql`${t.state} IN ('open','closed')`),
    check('review_periods_granularity_check', sql`${t.granularity} IN ('month','quarter','half','year')`),
    check('review_periods_closed_check', sql`(${t.state} = 'closed') = (${t.closedAt} IS NOT NULL)`),
  ],
);

/** An objective's update for a review period, written by its lead body; its current state. */
export const objectiveUpdates = sqliteTable(
  'objective_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewPeriodId: integer('review_period_id')
      .notNull()
      .references(() => reviewPeriods.id),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    state: text('state', { enum: ['draft', 'submitted', 'validated', 'returned'] }).notNull(),
    /** The body's own judgement, shown beside the computed status (never replacing it). */
    confidence: text('confidence', { enum: ['secured', 'watch', 'difficulties', 'compromised'] }),
    progress: text('progress'),
    difficulties: text('difficulties'),
    nextSteps: text('next_steps'),
    decisionsNeeded: text('decisions_needed'),
    dataNote: text('data_note'),
    /** The validator's reason, while the update is returned (kept in the history afterwards). */
    returnReason: text('return_reason'),
    /** Incremented on every change: a save names the version it edits, so two editors cannot overwrite each other. */
    version: integer('version').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: text('submitted_at'),
    validatedBy: integer('validated_by').references(() => users.id),
    validatedAt: text('validated_at'),
    /** Set when the update, or a value of its period, changed after validation. */
    revisedAfterValidationAt: text('revised_after_validation_at'),
  },
  (t) => [
    uniqueIndex('objective_updates_period_objective_uq').on(t.reviewPeriodId, t.objectiveId),
    index('objective_updates_objective_idx').on(t.objectiveId),
    check('objective_updates_state_check', sql`${t.state} IN ('draft','submitted','validated','returned')`),
    check('objective_updates_confidence_check', sql`${t.confidence} IS NULL OR ${t.confidence} IN ('secured','watch','difficulties','compromised')`),
  ],
);

/**
 * Every event of an update (save, submit, validate, return, revision after validation) with the
 * update as it stood after it: the update's full history, and what a report of the period shows.
 */
export const objectiveUpdateEvents = sqliteTable(
  'objective_update_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    updateId: integer('update_id')
      .notNull()
      .references(() => objectiveUpdates.id),
    action: text('action', { enum: ['save', 'submit', 'validate', 'return', 'revise', 'value_revised'] }).notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    /** The return reason, or the reason for a revision after validation. */
    reason: text('reason'),
    /** The update's content after the event (rating and commentary sections). */
    content: text('content', { mode: 'json' }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [
    index('objective_update_events_update_idx').on(t.updateId, t.id),
    check('objective_update_events_action_check', sql`${t.action} IN ('save','submit','validate','return','revise','value_revised')`),
  ],
);

/** A contributing body's signed contribution to an objective's update, which the lead body reads. */
export const updateContributions = sqliteTable(
  'update_contributions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewPeriodId: integer('review_period_id')
      .notNull()
      .references(() => reviewPeriods.id),
    objectiveId: integer('objective_id')
      .notNull()
      .references(() => objectives.id),
    bodyId: integer('body_id')
      .notNull()
      .references(() => bodies.id),
    text: text('text').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('update_contributions_period_objective_idx').on(t.reviewPeriodId, t.objectiveId)],
);

/**
 * What closing a period froze: the report inputs (statuses, values, milestones) and the validated
 * updates, as JSON. The official report is rendered from it, so rendering it again gives the same content.
 */
export const reviewPublications = sqliteTable('review_publications', {
  reviewPeriodId: integer('review_period_id')
    .primaryKey()
    .references(() => reviewPeriods.id),
  publishedAt: text('published_at').notNull(),
  snapshot: text('snapshot', { mode: 'json' }).notNull(),
  /** SHA-256 of the snapshot's JSON. */
  snapshotHash: text('snapshot_hash').notNull(),
  /** The official reports made at closing (ids in the reports table), per language and format. */
  reportIds: text('report_ids', { mode: 'json' }).$type<string[]>().notNull(),
});

// ---------------------------------------------------------------------------------------------
// Mail goes through an outbox: a message is written in the same transaction as the event that
// causes it, and a worker delivers it. The key makes enqueuing idempotent (a reminder is queued
// once per recipient and occasion, however often the job that queues it runs).

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull().unique(),
    /** The template it was made from (review-opened, deadline-near, update-submitted…). */
    template: text('template').notNull(),
    userId: integer('user_id').references(() => users.id),
    toAddress: text('to_address').notNull(),
    lang: text('lang', { enum: ['fr', 'en'] }).notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** While a worker is delivering it: until when its claim holds. */
    claimedUntil: text('claimed_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    messageId: text('message_id'),
  },
  (t) => [
    index('outbox_state_next_idx').on(t.state, t.nextAttemptAt),
    index('outbox_user_idx').on(t.userId),
    check('outbox_state_check', sql`${t.state} IN ('pending','sending','sent','failed')`),
    check('outbox_lang_check', sql`${t.lang} IN ('fr','en')`),
  ],
);
