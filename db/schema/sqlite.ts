/** The SQLite tables (drizzle-kit reads this file to write db/migrations/sqlite). */
import { defineSchema } from './define';
import { sqliteKit } from './kit';

export const sqliteTables = defineSchema(sqliteKit);
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
} = sqliteTables;
