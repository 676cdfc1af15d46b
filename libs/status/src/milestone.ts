import { daysBetween } from './dates';
import type { Status } from './status';

export type MilestoneState = 'not_started' | 'in_progress' | 'done';
export interface MilestoneEvaluation {
  status: Status;
  /** Days after the due date it was completed (done), or has been overdue (missed); otherwise null. */
  daysLate: number | null;
  /** Negative once the due date has passed. */
  daysUntilDue: number;
}
export const AT_RISK_HORIZON_DAYS = 90;

/**
 * done → achieved (with days late); not done and past due → missed; in progress → on track;
 * not started and due within the horizon (90 days) → at risk; otherwise not started.
 */
export function evaluateMilestone(input: {
  dueDate: string;
  state: MilestoneState;
  completedOn: string | null;
  asOf: string;
  horizonDays?: number;
}): MilestoneEvaluation {
  const daysUntilDue = daysBetween(input.asOf, input.dueDate);
  if (input.state === 'done') {
    if (!input.completedOn) throw new Error('A done milestone needs its completion date');
    return { status: 'achieved', daysLate: Math.max(0, daysBetween(input.dueDate, input.completedOn)), daysUntilDue };
  }
  if (daysUntilDue < 0) return { status: 'missed', daysLate: -daysUntilDue, daysUntilDue };
  if (input.state === 'in_progress') return { status: 'on_track', daysLate: null, daysUntilDue };
  const horizon = input.horizonDays ?? AT_RISK_HORIZON_DAYS;
  return { status: daysUntilDue <= horizon ? 'at_risk' : 'not_started', daysLate: null, daysUntilDue };
}
