/**
 * The database, in drizzle's terms, written once for both engines: `defineSchema` is given the
 * column kit of SQLite or of PostgreSQL (./kit.ts) and builds the same tables with either. The
 * roadmap tables are rewritten from db/roadmap.yaml at start-up; rows are never deleted from them
 * (a removed indicator or milestone is marked retired), so that what people recorded against them
 * stays attached.
 */
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Kit } from './kit';

export function defineSchema(k: Kit) {
  const bodies = k.table('bodies', {
    id: k.id('id'),
    acronym: k.text('acronym').notNull().unique(),
    name: k.text('name').notNull(),
    englishName: k.text('english_name').notNull(),
    inGlossary: k.boolean('in_glossary').notNull(),
  });

  const focusAreas = k.table('focus_areas', {
    id: k.id('id'),
    number: k.integer('number').notNull().unique(),
    title: k.text('title').notNull(),
    subtitle: k.text('subtitle').notNull(),
    // French texts (the project's working translation); null only before the data file was loaded.
    titleFr: k.text('title_fr'),
    subtitleFr: k.text('subtitle_fr'),
  });

  const priorities = k.table('priorities', {
    id: k.id('id'),
    number: k.integer('number').notNull().unique(),
    focusAreaId: k
      .integer('focus_area_id')
      .notNull()
      .references(() => focusAreas.id),
    title: k.text('title').notNull(),
    titleFr: k.text('title_fr'),
  });

  const objectives = k.table(
    'objectives',
    {
      id: k.id('id'),
      code: k.text('code').notNull().unique(),
      priorityId: k
        .integer('priority_id')
        .notNull()
        .references(() => priorities.id),
      position: k.integer('position').notNull(),
      title: k.text('title').notNull(),
      kind: k.text('kind', { enum: ['CONTINUATION', 'DEVELOPMENT'] }),
      description: k.text('description'),
      summary: k.text('summary').notNull(),
      titleFr: k.text('title_fr'),
      descriptionFr: k.text('description_fr'),
      summaryFr: k.text('summary_fr'),
      leadBodyId: k
        .integer('lead_body_id')
        .notNull()
        .references(() => bodies.id),
      retiredAt: k.text('retired_at'),
    },
    (t) => [
      k.index('objectives_priority_idx').on(t.priorityId),
      k.check('objectives_kind_check', sql`${t.kind} IS NULL OR ${t.kind} IN ('CONTINUATION','DEVELOPMENT')`),
    ],
  );

  const objectiveContributors = k.table(
    'objective_contributors',
    {
      objectiveId: k
        .integer('objective_id')
        .notNull()
        .references(() => objectives.id),
      bodyId: k
        .integer('body_id')
        .notNull()
        .references(() => bodies.id),
      position: k.integer('position').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.objectiveId, t.bodyId] }), k.index('objective_contributors_body_idx').on(t.bodyId)],
  );

  const indicators = k.table(
    'indicators',
    {
      id: k.id('id'),
      objectiveId: k
        .integer('objective_id')
        .notNull()
        .references(() => objectives.id),
      key: k.text('key').notNull(),
      position: k.integer('position').notNull(),
      name: k.text('name').notNull(),
      unit: k.text('unit').notNull(),
      direction: k.text('direction', { enum: ['increase', 'decrease'] }).notNull(),
      frequency: k.text('frequency', { enum: ['monthly', 'quarterly', 'yearly'] }).notNull(),
      method: k.text('method', { enum: ['linear', 'cagr'] }).notNull(),
      nameFr: k.text('name_fr'),
      /** A baseline the roadmap states (data file); one recorded by a user (indicator_baselines) wins over it. */
      baselineValue: k.real('baseline_value'),
      baselineDate: k.text('baseline_date'),
      baselineSource: k.text('baseline_source'),
      /**
       * The territorial breakdown the data file declares (null: national only): the levels values are
       * recorded at, how the national value follows from them, and what a weighted mean's denominator counts.
       */
      territorialLevels: k.json('territorial_levels').$type<('region' | 'departement')[]>(),
      nationalRule: k.text('national_rule', { enum: ['sum', 'weighted_mean', 'national_only'] }),
      denominatorName: k.text('denominator_name'),
      denominatorNameFr: k.text('denominator_name_fr'),
      retiredAt: k.text('retired_at'),
    },
    (t) => [
      k.uniqueIndex('indicators_objective_key_uq').on(t.objectiveId, t.key),
      k.check('indicators_national_rule_check', sql`${t.nationalRule} IS NULL OR ${t.nationalRule} IN ('sum','weighted_mean','national_only')`),
      k.check('indicators_territorial_check', sql`(${t.territorialLevels} IS NULL) = (${t.nationalRule} IS NULL)`),
      k.check('indicators_direction_check', sql`${t.direction} IN ('increase','decrease')`),
      k.check('indicators_frequency_check', sql`${t.frequency} IN ('monthly','quarterly','yearly')`),
      k.check('indicators_method_check', sql`${t.method} IN ('linear','cagr')`),
    ],
  );

  const targets = k.table(
    'targets',
    {
      id: k.id('id'),
      indicatorId: k
        .integer('indicator_id')
        .notNull()
        .references(() => indicators.id),
      position: k.integer('position').notNull(),
      value: k.real('value').notNull(),
      exclusive: k.boolean('exclusive').notNull(),
      valueText: k.text('value_text').notNull(),
      due: k.text('due').notNull(),
      dueDate: k.text('due_date').notNull(),
      sourceText: k.text('source_text').notNull(),
      valueTextFr: k.text('value_text_fr'),
      dueFr: k.text('due_fr'),
      sourceTextFr: k.text('source_text_fr'),
      retiredAt: k.text('retired_at'),
    },
    (t) => [k.uniqueIndex('targets_indicator_position_uq').on(t.indicatorId, t.position), k.check('targets_due_date_check', k.isoDate(t.dueDate))],
  );

  const milestones = k.table(
    'milestones',
    {
      id: k.id('id'),
      objectiveId: k
        .integer('objective_id')
        .notNull()
        .references(() => objectives.id),
      key: k.text('key').notNull(),
      position: k.integer('position').notNull(),
      title: k.text('title').notNull(),
      due: k.text('due').notNull(),
      dueDate: k.text('due_date').notNull(),
      sourceText: k.text('source_text').notNull(),
      titleFr: k.text('title_fr'),
      dueFr: k.text('due_fr'),
      sourceTextFr: k.text('source_text_fr'),
      retiredAt: k.text('retired_at'),
    },
    (t) => [k.uniqueIndex('milestones_objective_key_uq').on(t.objectiveId, t.key), k.check('milestones_due_date_check', k.isoDate(t.dueDate))],
  );

  // ---------------------------------------------------------------------------------------------
  // People and what they record. Recorded data is append-only: a correction adds a measurement and
  // stamps the one it replaces as superseded; nothing is ever deleted. Timestamps are UTC ISO-8601
  // with milliseconds ("2025-01-31T09:15:00.000Z"), so text order is time order.

  const users = k.table(
    'users',
    {
      id: k.id('id'),
      email: k.text('email').notNull().unique(),
      name: k.text('name').notNull(),
      passwordHash: k.text('password_hash').notNull(),
      role: k.text('role', { enum: ['admin', 'validator', 'editor', 'viewer'] }).notNull(),
      createdAt: k.text('created_at').notNull(),
      disabledAt: k.text('disabled_at'),
      /** The language of the mails sent to this person. */
      lang: k
        .text('lang', { enum: ['fr', 'en'] })
        .notNull()
        .default('fr'),
      /** Review reminders and digests are sent unless the person turned them off. */
      remindersEnabled: k.boolean('reminders_enabled').notNull().default(true),
      /** The TOTP second factor's secret, encrypted with the server's key; set once confirmed. */
      totpSecret: k.text('totp_secret'),
      totpEnabledAt: k.text('totp_enabled_at'),
      /** Failed passwords in a row; at the configured count the account is locked until `locked_until`. */
      failedLogins: k.integer('failed_logins').notNull().default(0),
      lockedUntil: k.text('locked_until'),
      /** The identity provider's subject (`sub`) bound at the first ProConnect sign-in. */
      oidcSubject: k.text('oidc_subject').unique(),
      lastSignInAt: k.text('last_sign_in_at'),
      /**
       * An editor's territory (an ARS: its region; null: national). Scoped, they record only for it and
       * the départements within it, never a national value.
       */
      scopeLevel: k.text('scope_level', { enum: ['region', 'departement'] }),
      scopeCode: k.text('scope_code'),
    },
    (t) => [
      k.check('users_role_check', sql`${t.role} IN ('admin','validator','editor','viewer')`),
      k.check('users_lang_check', sql`${t.lang} IN ('fr','en')`),
      k.check(
        'users_scope_check',
        sql`(${t.scopeLevel} IS NULL) = (${t.scopeCode} IS NULL) AND (${t.scopeLevel} IS NULL OR ${t.scopeLevel} IN ('region','departement'))`,
      ),
    ],
  );

  /** The bodies an editor records for. */
  const userBodies = k.table(
    'user_bodies',
    {
      userId: k
        .integer('user_id')
        .notNull()
        .references(() => users.id),
      bodyId: k
        .integer('body_id')
        .notNull()
        .references(() => bodies.id),
    },
    (t) => [k.primaryKey({ columns: [t.userId, t.bodyId] })],
  );

  /** Bearer tokens (login), personal API tokens and web sessions; only a SHA-256 of the secret is kept. */
  const authTokens = k.table(
    'auth_tokens',
    {
      id: k.id('id'),
      userId: k
        .integer('user_id')
        .notNull()
        .references(() => users.id),
      kind: k.text('kind', { enum: ['session', 'api', 'web'] }).notNull(),
      name: k.text('name'),
      tokenHash: k.text('token_hash').notNull().unique(),
      createdAt: k.text('created_at').notNull(),
      expiresAt: k.text('expires_at').notNull(),
      revokedAt: k.text('revoked_at'),
      lastUsedAt: k.text('last_used_at'),
    },
    (t) => [k.index('auth_tokens_user_idx').on(t.userId), k.check('auth_tokens_kind_check', sql`${t.kind} IN ('session','api','web')`)],
  );

  /** Password reset links sent by mail; only a SHA-256 of the link's secret is kept; used once. */
  const passwordResets = k.table(
    'password_resets',
    {
      id: k.id('id'),
      userId: k
        .integer('user_id')
        .notNull()
        .references(() => users.id),
      tokenHash: k.text('token_hash').notNull().unique(),
      createdAt: k.text('created_at').notNull(),
      expiresAt: k.text('expires_at').notNull(),
      usedAt: k.text('used_at'),
    },
    (t) => [k.index('password_resets_user_idx').on(t.userId)],
  );

  const imports = k.table('imports', {
    id: k.id('id'),
    userId: k
      .integer('user_id')
      .notNull()
      .references(() => users.id),
    fileName: k.text('file_name').notNull(),
    format: k.text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    sha256: k.text('sha256').notNull(),
    rowCount: k.integer('row_count').notNull(),
    createdAt: k.text('created_at').notNull(),
  });

  const measurements = k.table(
    'measurements',
    {
      id: k.id('id'),
      indicatorId: k
        .integer('indicator_id')
        .notNull()
        .references(() => indicators.id),
      value: k.real('value').notNull(),
      /** The date the value describes (end of the period it measures). */
      observedAt: k.text('observed_at').notNull(),
      source: k.text('source').notNull(),
      comment: k.text('comment'),
      recordedBy: k
        .integer('recorded_by')
        .notNull()
        .references(() => users.id),
      recordedAt: k.text('recorded_at').notNull(),
      /** On a correction: the measurement it replaces, and why. */
      supersedesId: k.integer('supersedes_id').references((): AnyPgColumn => measurements.id),
      correctionReason: k.text('correction_reason'),
      /** On a replaced measurement: when it was superseded (the correction's recordedAt). */
      supersededAt: k.text('superseded_at'),
      importId: k.integer('import_id').references(() => imports.id),
      /** The territory the value is for (level and official code); both null: the national value. */
      territoryLevel: k.text('territory_level', { enum: ['region', 'departement'] }),
      territoryCode: k.text('territory_code'),
      /** What a territorial rate is a share of (weighted_mean indicators): its weight in the national value. */
      denominator: k.real('denominator'),
    },
    (t) => [
      // The as-of lookups: latest (or first) current NATIONAL value of an indicator up to a date. Partial,
      // so that the status engine's walk down it never steps over the territories' values.
      k
        .index('measurements_national_observed_idx')
        .on(t.indicatorId, t.observedAt, t.recordedAt)
        .where(sql`${t.territoryLevel} IS NULL`),
      // The same lookups for one territory.
      k
        .index('measurements_territory_observed_idx')
        .on(t.indicatorId, t.territoryLevel, t.territoryCode, t.observedAt, t.recordedAt)
        .where(sql`${t.territoryLevel} IS NOT NULL`),
      // "What changed since the previous report": values recorded between two instants.
      k.index('measurements_recorded_at_idx').on(t.recordedAt),
      k.uniqueIndex('measurements_supersedes_uq').on(t.supersedesId),
      // One current value per indicator, territory and date: a second one must be a correction. Two
      // indexes, because NULLs are distinct in a unique index: one for national values, one for territories.
      k
        .uniqueIndex('measurements_current_uq')
        .on(t.indicatorId, t.observedAt)
        .where(sql`${t.supersededAt} IS NULL AND ${t.territoryLevel} IS NULL`),
      k
        .uniqueIndex('measurements_territory_current_uq')
        .on(t.indicatorId, t.territoryLevel, t.territoryCode, t.observedAt)
        .where(sql`${t.supersededAt} IS NULL AND ${t.territoryLevel} IS NOT NULL`),
      k.check(
        'measurements_territory_check',
        sql`(${t.territoryLevel} IS NULL) = (${t.territoryCode} IS NULL) AND (${t.territoryLevel} IS NULL OR ${t.territoryLevel} IN ('region','departement'))`,
      ),
      k.check('measurements_denominator_check', sql`${t.denominator} IS NULL OR (${t.territoryLevel} IS NOT NULL AND ${t.denominator} > 0)`),
      k.check('measurements_observed_at_check', k.isoDate(t.observedAt)),
      k.check('measurements_correction_check', sql`(${t.supersedesId} IS NULL) = (${t.correctionReason} IS NULL)`),
    ],
  );

  /**
   * A territory's own target for an indicator (an ARS sets its region's), beside the roadmap's national
   * ones. Append-only like baselines: for a territory and due date, the latest one recorded applies.
   */
  const territorialTargets = k.table(
    'territorial_targets',
    {
      id: k.id('id'),
      indicatorId: k
        .integer('indicator_id')
        .notNull()
        .references(() => indicators.id),
      territoryLevel: k.text('territory_level', { enum: ['region', 'departement'] }).notNull(),
      territoryCode: k.text('territory_code').notNull(),
      value: k.real('value').notNull(),
      dueDate: k.text('due_date').notNull(),
      source: k.text('source'),
      recordedBy: k
        .integer('recorded_by')
        .notNull()
        .references(() => users.id),
      recordedAt: k.text('recorded_at').notNull(),
    },
    (t) => [
      k.index('territorial_targets_lookup_idx').on(t.indicatorId, t.territoryLevel, t.territoryCode, t.dueDate, t.recordedAt),
      k.check('territorial_targets_level_check', sql`${t.territoryLevel} IN ('region','departement')`),
      k.check('territorial_targets_due_date_check', k.isoDate(t.dueDate)),
    ],
  );

  /** An indicator's baseline (b, t0); the latest one recorded as of a date applies. */
  const indicatorBaselines = k.table(
    'indicator_baselines',
    {
      id: k.id('id'),
      indicatorId: k
        .integer('indicator_id')
        .notNull()
        .references(() => indicators.id),
      value: k.real('value').notNull(),
      baselineDate: k.text('baseline_date').notNull(),
      source: k.text('source'),
      comment: k.text('comment'),
      recordedBy: k
        .integer('recorded_by')
        .notNull()
        .references(() => users.id),
      recordedAt: k.text('recorded_at').notNull(),
    },
    (t) => [k.index('indicator_baselines_indicator_idx').on(t.indicatorId, t.recordedAt)],
  );

  /** Each change of a milestone's progress, in full: the latest one recorded as of a date is its state. */
  const milestoneUpdates = k.table(
    'milestone_updates',
    {
      id: k.id('id'),
      milestoneId: k
        .integer('milestone_id')
        .notNull()
        .references(() => milestones.id),
      state: k.text('state', { enum: ['not_started', 'in_progress', 'done'] }).notNull(),
      completedOn: k.text('completed_on'),
      evidence: k.text('evidence'),
      comment: k.text('comment'),
      recordedBy: k
        .integer('recorded_by')
        .notNull()
        .references(() => users.id),
      recordedAt: k.text('recorded_at').notNull(),
    },
    (t) => [
      k.index('milestone_updates_milestone_idx').on(t.milestoneId, t.recordedAt),
      k.index('milestone_updates_recorded_at_idx').on(t.recordedAt),
      k.check('milestone_updates_state_check', sql`${t.state} IN ('not_started','in_progress','done')`),
      k.check('milestone_updates_done_check', sql`(${t.state} = 'done') = (${t.completedOn} IS NOT NULL)`),
    ],
  );

  /** Every write, with who, when, and the entity before and after (JSON). */
  const auditLog = k.table(
    'audit_log',
    {
      id: k.id('id'),
      at: k.text('at').notNull(),
      userId: k.integer('user_id').references(() => users.id),
      action: k.text('action').notNull(),
      entityType: k.text('entity_type').notNull(),
      entityId: k.text('entity_id'),
      before: k.json('before'),
      after: k.json('after'),
    },
    (t) => [k.index('audit_log_entity_idx').on(t.entityType, t.entityId), k.index('audit_log_at_idx').on(t.at)],
  );

  // ---------------------------------------------------------------------------------------------
  // Published progress reports: every generated file is kept, with the figures' hash and the
  // objective statuses it showed (the next report of the same kind compares against them).

  const reports = k.table(
    'reports',
    {
      id: k.text('id').primaryKey(),
      kind: k.text('kind', { enum: ['roadmap', 'focus_area', 'body', 'objective', 'region'] }).notNull(),
      scope: k.text('scope'),
      period: k.text('period').notNull(),
      asOf: k.text('as_of').notNull(),
      format: k.text('format', { enum: ['html', 'pdf'] }).notNull(),
      lang: k.text('lang', { enum: ['fr', 'en'] }).notNull(),
      trigger: k.text('trigger', { enum: ['manual', 'schedule', 'cli', 'closing'] }).notNull(),
      createdAt: k.text('created_at').notNull(),
      createdBy: k.integer('created_by').references(() => users.id),
      dataHash: k.text('data_hash').notNull(),
      fileHash: k.text('file_hash').notNull(),
      byteSize: k.integer('byte_size').notNull(),
      content: k.bytes('content').notNull(),
      statuses: k.json('statuses').notNull(),
      scriptHashes: k.json('script_hashes').notNull(),
    },
    (t) => [
      k.index('reports_kind_scope_as_of_idx').on(t.kind, t.scope, t.asOf),
      k.index('reports_created_at_idx').on(t.createdAt),
      k.check('reports_kind_check', sql`${t.kind} IN ('roadmap','focus_area','body','objective','region')`),
      k.check('reports_format_check', sql`${t.format} IN ('html','pdf')`),
      k.check('reports_lang_check', sql`${t.lang} IN ('fr','en')`),
      k.check('reports_trigger_check', sql`${t.trigger} IN ('manual','schedule','cli','closing')`),
    ],
  );

  /** Each run of a scheduled job (report batches, backups), with its attempts and outcome. */
  const jobRuns = k.table(
    'job_runs',
    {
      id: k.id('id'),
      job: k.text('job').notNull(),
      /** The period or day the run is for: a job runs once per key, whatever the restarts. */
      runKey: k.text('run_key').notNull(),
      attempt: k.integer('attempt').notNull(),
      status: k.text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
      startedAt: k.text('started_at').notNull(),
      finishedAt: k.text('finished_at'),
      error: k.text('error'),
      detail: k.json('detail'),
    },
    (t) => [k.index('job_runs_job_key_idx').on(t.job, t.runKey), k.check('job_runs_status_check', sql`${t.status} IN ('running','succeeded','failed')`)],
  );

  // ---------------------------------------------------------------------------------------------
  // The periodic review: each period, every objective's lead body writes an update (a confidence
  // rating and a commentary), the delegation validates it, and closing the period freezes what was
  // validated into the published snapshot the official report is made from.

  /** A review period (campaign): `2026-Q4`, `2026-11`, `2026-H2` or `2026`. Created when it opens. */
  const reviewPeriods = k.table(
    'review_periods',
    {
      id: k.id('id'),
      period: k.text('period').notNull().unique(),
      granularity: k.text('granularity', { enum: ['month', 'quarter', 'half', 'year'] }).notNull(),
      startDate: k.text('start_date').notNull(),
      endDate: k.text('end_date').notNull(),
      /** The day collection opens (by default the day after the period ends). */
      opensOn: k.text('opens_on').notNull(),
      /** The collection deadline (by default the 15th of the month after the period). */
      deadline: k.text('deadline').notNull(),
      state: k.text('state', { enum: ['open', 'closed'] }).notNull(),
      openedAt: k.text('opened_at').notNull(),
      /** Null when the scheduler opened it. */
      openedBy: k.integer('opened_by').references(() => users.id),
      closedAt: k.text('closed_at'),
      closedBy: k.integer('closed_by').references(() => users.id),
      /** Objective codes whose update was not validated at closing (closed anyway). */
      missingAtClosing: k.json('missing_at_closing').$type<string[]>(),
    },
    (t) => [
      k.check('review_periods_state_check', sql`${t.state} IN ('open','closed')`),
      k.check('review_periods_granularity_check', sql`${t.granularity} IN ('month','quarter','half','year')`),
      k.check('review_periods_closed_check', sql`(${t.state} = 'closed') = (${t.closedAt} IS NOT NULL)`),
    ],
  );

  /** An objective's update for a review period, written by its lead body; its current state. */
  const objectiveUpdates = k.table(
    'objective_updates',
    {
      id: k.id('id'),
      reviewPeriodId: k
        .integer('review_period_id')
        .notNull()
        .references(() => reviewPeriods.id),
      objectiveId: k
        .integer('objective_id')
        .notNull()
        .references(() => objectives.id),
      state: k.text('state', { enum: ['draft', 'submitted', 'validated', 'returned'] }).notNull(),
      /** The body's own judgement, shown beside the computed status (never replacing it). */
      confidence: k.text('confidence', { enum: ['secured', 'watch', 'difficulties', 'compromised'] }),
      progress: k.text('progress'),
      difficulties: k.text('difficulties'),
      nextSteps: k.text('next_steps'),
      decisionsNeeded: k.text('decisions_needed'),
      dataNote: k.text('data_note'),
      /** The validator's reason, while the update is returned (kept in the history afterwards). */
      returnReason: k.text('return_reason'),
      /** Incremented on every change: a save names the version it edits, so two editors cannot overwrite each other. */
      version: k.integer('version').notNull(),
      createdBy: k
        .integer('created_by')
        .notNull()
        .references(() => users.id),
      createdAt: k.text('created_at').notNull(),
      updatedBy: k
        .integer('updated_by')
        .notNull()
        .references(() => users.id),
      updatedAt: k.text('updated_at').notNull(),
      submittedBy: k.integer('submitted_by').references(() => users.id),
      submittedAt: k.text('submitted_at'),
      validatedBy: k.integer('validated_by').references(() => users.id),
      validatedAt: k.text('validated_at'),
      /** Set when the update, or a value of its period, changed after validation. */
      revisedAfterValidationAt: k.text('revised_after_validation_at'),
    },
    (t) => [
      k.uniqueIndex('objective_updates_period_objective_uq').on(t.reviewPeriodId, t.objectiveId),
      k.index('objective_updates_objective_idx').on(t.objectiveId),
      k.check('objective_updates_state_check', sql`${t.state} IN ('draft','submitted','validated','returned')`),
      k.check('objective_updates_confidence_check', sql`${t.confidence} IS NULL OR ${t.confidence} IN ('secured','watch','difficulties','compromised')`),
    ],
  );

  /**
   * Every event of an update (save, submit, validate, return, revision after validation) with the
   * update as it stood after it: the update's full history, and what a report of the period shows.
   */
  const objectiveUpdateEvents = k.table(
    'objective_update_events',
    {
      id: k.id('id'),
      updateId: k
        .integer('update_id')
        .notNull()
        .references(() => objectiveUpdates.id),
      action: k.text('action', { enum: ['save', 'submit', 'validate', 'return', 'revise', 'value_revised'] }).notNull(),
      fromState: k.text('from_state'),
      toState: k.text('to_state').notNull(),
      /** The return reason, or the reason for a revision after validation. */
      reason: k.text('reason'),
      /** The update's content after the event (rating and commentary sections). */
      content: k.json('content').notNull(),
      userId: k
        .integer('user_id')
        .notNull()
        .references(() => users.id),
      at: k.text('at').notNull(),
    },
    (t) => [
      k.index('objective_update_events_update_idx').on(t.updateId, t.id),
      k.check('objective_update_events_action_check', sql`${t.action} IN ('save','submit','validate','return','revise','value_revised')`),
    ],
  );

  /** A contributing body's signed contribution to an objective's update, which the lead body reads. */
  const updateContributions = k.table(
    'update_contributions',
    {
      id: k.id('id'),
      reviewPeriodId: k
        .integer('review_period_id')
        .notNull()
        .references(() => reviewPeriods.id),
      objectiveId: k
        .integer('objective_id')
        .notNull()
        .references(() => objectives.id),
      bodyId: k
        .integer('body_id')
        .notNull()
        .references(() => bodies.id),
      text: k.text('text').notNull(),
      authorId: k
        .integer('author_id')
        .notNull()
        .references(() => users.id),
      createdAt: k.text('created_at').notNull(),
    },
    (t) => [k.index('update_contributions_period_objective_idx').on(t.reviewPeriodId, t.objectiveId)],
  );

  /**
   * What closing a period froze: the report inputs (statuses, values, milestones) and the validated
   * updates, as JSON. The official report is rendered from it, so rendering it again gives the same content.
   */
  const reviewPublications = k.table('review_publications', {
    reviewPeriodId: k
      .integer('review_period_id')
      .primaryKey()
      .references(() => reviewPeriods.id),
    publishedAt: k.text('published_at').notNull(),
    snapshot: k.json('snapshot').notNull(),
    /** SHA-256 of the snapshot's JSON. */
    snapshotHash: k.text('snapshot_hash').notNull(),
    /** The official reports made at closing (ids in the reports table), per language and format. */
    reportIds: k.json('report_ids').$type<string[]>().notNull(),
  });

  // ---------------------------------------------------------------------------------------------
  // Mail goes through an outbox: a message is written in the same transaction as the event that
  // causes it, and a worker delivers it. The key makes enqueuing idempotent (a reminder is queued
  // once per recipient and occasion, however often the job that queues it runs).

  const outbox = k.table(
    'outbox',
    {
      id: k.id('id'),
      key: k.text('key').notNull().unique(),
      /** The template it was made from (review-opened, deadline-near, update-submitted…). */
      template: k.text('template').notNull(),
      userId: k.integer('user_id').references(() => users.id),
      toAddress: k.text('to_address').notNull(),
      lang: k.text('lang', { enum: ['fr', 'en'] }).notNull(),
      subject: k.text('subject').notNull(),
      html: k.text('html').notNull(),
      text: k.text('text').notNull(),
      state: k.text('state', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
      attempts: k.integer('attempts').notNull().default(0),
      nextAttemptAt: k.text('next_attempt_at').notNull(),
      /** While a worker is delivering it: until when its claim holds. */
      claimedUntil: k.text('claimed_until'),
      lastError: k.text('last_error'),
      createdAt: k.text('created_at').notNull(),
      sentAt: k.text('sent_at'),
      messageId: k.text('message_id'),
    },
    (t) => [
      k.index('outbox_state_next_idx').on(t.state, t.nextAttemptAt),
      k.index('outbox_user_idx').on(t.userId),
      k.check('outbox_state_check', sql`${t.state} IN ('pending','sending','sent','failed')`),
      k.check('outbox_lang_check', sql`${t.lang} IN ('fr','en')`),
    ],
  );

  // -------------------------------------------------------------------------------------------
  // Shared by every server instance on one database (PostgreSQL with several instances).

  /**
   * Stamps of the data statuses are computed from: `*` moves on a write that did not say what it
   * changed, `#` on every write, an objective's code on a write that changed its data. Each instance
   * compares them with the stamps its status cache was computed at.
   */
  const dataStamps = k.table('data_stamps', {
    scope: k.text('scope').primaryKey(),
    version: k.integer('version').notNull(),
  });

  /** Sign-in attempts per client and minute, counted in the database so that every instance sees them. */
  const rateLimits = k.table(
    'rate_limits',
    {
      key: k.text('key').notNull(),
      window: k.text('window').notNull(),
      hits: k.integer('hits').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.key, t.window] })],
  );

  /**
   * What a web page keeps between two requests of one person (an import waiting for confirmation, a
   * generated password shown once, a report form's one-time key), in the database so that the next
   * request may reach any instance. Each entry expires.
   */
  const webStates = k.table(
    'web_states',
    {
      key: k.text('key').primaryKey(),
      purpose: k.text('purpose').notNull(),
      userId: k.integer('user_id').references(() => users.id),
      value: k.json('value'),
      expiresAt: k.text('expires_at').notNull(),
    },
    (t) => [k.index('web_states_expires_idx').on(t.expiresAt)],
  );

  return {
    bodies,
    focusAreas,
    priorities,
    objectives,
    objectiveContributors,
    indicators,
    targets,
    milestones,
    users,
    userBodies,
    authTokens,
    passwordResets,
    imports,
    measurements,
    territorialTargets,
    indicatorBaselines,
    milestoneUpdates,
    auditLog,
    reports,
    jobRuns,
    reviewPeriods,
    objectiveUpdates,
    objectiveUpdateEvents,
    updateContributions,
    reviewPublications,
    outbox,
    dataStamps,
    rateLimits,
    webStates,
  };
}

/** The tables, as the query code sees them (typed as PostgreSQL's; SQLite's have the same columns). */
export type Tables = ReturnType<typeof defineSchema>;
