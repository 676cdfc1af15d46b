import type { UpdateContent } from './update-content';
import type { UpdateState } from './update-workflow';

/**
 * What belongs to an objective's update besides its commentary, and when a recorded value touches a
 * validated update. Pure: the dates and the updates come in.
 */

/**
 * The content (rating and sections) of a stored update, as the workflow, the history and the reports
 * read it: exactly the rating and the five sections (an event's JSON may carry more, or lack some).
 */
export function contentOf(update: Partial<UpdateContent>): UpdateContent {
  return {
    confidence: update.confidence ?? null,
    progress: update.progress ?? null,
    difficulties: update.difficulties ?? null,
    nextSteps: update.nextSteps ?? null,
    decisionsNeeded: update.decisionsNeeded ?? null,
    dataNote: update.dataNote ?? null,
  };
}

/** A value describes the period it is dated in: its observedAt falls between the period's first and last day. */
export function observedInPeriod(observedAt: string, period: { startDate: string; endDate: string }): boolean {
  return period.startDate <= observedAt && observedAt <= period.endDate;
}

/**
 * Milestone progress has no "date it describes", only the day it was recorded: a body reports its
 * milestones for a period while the period runs and during the collection that follows it, so what
 * belongs to the update is what was recorded (Paris dates) from the period's first day up to today,
 * or up to the closing once the period is closed (later progress belongs to the next review).
 */
export function milestoneWindow(period: { startDate: string; closedOn: string | null }, today: string): { from: string; to: string } {
  return { from: period.startDate, to: period.closedOn ?? today };
}

/** An objective's update that a value may revise, with its period's dates. */
export interface LockingUpdate {
  updateId: number;
  period: string;
  startDate: string;
  endDate: string;
  periodState: 'open' | 'closed';
  state: UpdateState;
}

export interface ValueLock {
  /** The validated updates whose period the value's date falls in: each gets a `value_revised` event. */
  revises: LockingUpdate[];
  /** A validated update of a period still open is locked: recording there needs a reason. */
  needsReason: boolean;
  /** The first such update of an open period, to name it in the refusal. */
  lockedBy: LockingUpdate | null;
}

/**
 * Whether a value dated `observedAt` touches validated updates. Once a period is closed its published
 * snapshot does not move, so no reason is demanded; a change there is still recorded as a revision.
 */
export function valueLockOn(observedAt: string, updates: readonly LockingUpdate[]): ValueLock {
  const revises = updates.filter((u) => u.state === 'validated' && observedInPeriod(observedAt, u));
  const lockedBy = revises.find((u) => u.periodState === 'open') ?? null;
  return { revises, needsReason: lockedBy !== null, lockedBy };
}

/** The locks of a correction, which touches both the date it leaves and the date it writes. */
export function mergeLocks(a: ValueLock, b: ValueLock | null): ValueLock {
  if (!b) return a;
  const revises = [...a.revises, ...b.revises.filter((u) => !a.revises.some((x) => x.updateId === u.updateId))];
  const lockedBy = a.lockedBy ?? b.lockedBy;
  return { revises, needsReason: lockedBy !== null, lockedBy };
}
