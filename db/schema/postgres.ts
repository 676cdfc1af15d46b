/** The PostgreSQL tables (drizzle-kit reads this file to write db/migrations/postgres). */
import { defineSchema } from './define';
import { pgKit } from './kit';

export const pgTables = defineSchema(pgKit);
export const {
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
} = pgTables;
