import { assertIsoDate, daysBetween } from './dates';
import type { Status } from './status';

export type MilestoneState = 'not_started' | 'in_progress' | 'done';
export interface MilestoneEvaluation {
  status: Status;
  /** Days after the due date it was completed (done: 0 when on time), or has been overdue (missed); otherwise null. */
  daysLate: number | null;
  /** due − asOf in days; negative once the due date has passed. */
  daysUntilDue: number;
}
/** A milestone not started this close to its due date is at risk. */
export const AT_RISK_HORIZON_DAYS = 90;

const STATES: readonly MilestoneState[] = ['not_started', 'in_progress', 'done'];

/**
 * done → achieved (with days late); not done and past due → missed; in progress → on track;
 * not started and due within the horizon (0 ≤ due − asOf ≤ horizonDays, default 90) → at risk;
 * otherwise not started.
 */
export function evaluateMilestone(input: {
  dueDate: string;
  state: MilestoneState;
  completedOn: string | null;
  asOf: string;
  horizonDays?: number;
}): MilestoneEvaluation {
  assertIsoDate(input.dueDate, 'dueDate');
  assertIsoDate(input.asOf, 'asOf');
  if (!STATES.includes(input.state)) throw new Error(`Unknown milestone state ${JSON.stringify(input.state)}`);
  const horizon = input.horizonDays ?? AT_RISK_HORIZON_DAYS;
  if (!Number.isInteger(horizon) || horizon < 0) throw new Error(`horizonDays must be a whole number ≥ 0, got ${horizon}`);

  const daysUntilDue = daysBetween(input.asOf, input.dueDate);
  if (input.state === 'done') {
    // The database requires a completion date for done; without one, days late cannot be told.
    if (input.completedOn === null) throw new Error('A done milestone needs its completion date (completedOn)');
    assertIsoDate(input.completedOn, 'completedOn');
    return { status: 'achieved', daysLate: Math.max(0, daysBetween(input.dueDate, input.completedOn)), daysUntilDue };
  }
  if (daysUntilDue < 0) return { status: 'missed', daysLate: -daysUntilDue, daysUntilDue };
  if (input.state === 'in_progress') return { status: 'on_track', daysLate: null, daysUntilDue };
  return { status: daysUntilDue <= horizon ? 'at_risk' : 'not_started', daysLate: null, daysUntilDue };
}
