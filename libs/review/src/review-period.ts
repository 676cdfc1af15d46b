import { parsePeriod, Period, PeriodKind, previousPeriod, Problem } from '@app/common';
import { addDays, isIsoDate } from '@app/status';

/**
 * Review periods (campaigns). A period is reviewed once it is over: collection opens the day after
 * it ends and runs to a deadline, by default the 15th of the following month. Pure: `today` comes in.
 */
export type ReviewGranularity = PeriodKind;
export const REVIEW_GRANULARITIES: readonly ReviewGranularity[] = ['month', 'quarter', 'half', 'year'];

export interface ReviewCalendarRules {
  granularity: ReviewGranularity;
  /** Day of the month after the period on which collection closes (1–28). */
  deadlineDay: number;
}
export const DEFAULT_REVIEW_RULES: ReviewCalendarRules = { granularity: 'quarter', deadlineDay: 15 };

export interface ReviewPeriodPlan {
  period: Period;
  opensOn: string;
  deadline: string;
}

/** The day after the period ends. */
export function opensOn(period: Period): string {
  return addDays(period.end, 1);
}

/** The `deadlineDay` of the month after the period (clamped to that month's length). */
export function defaultDeadline(period: Period, deadlineDay: number): string {
  const next = opensOn(period); // first day of the following month
  const [y, m] = next.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${next.slice(0, 8)}${String(Math.min(Math.max(1, deadlineDay), last)).padStart(2, '0')}`;
}

export function planReviewPeriod(period: Period, rules: ReviewCalendarRules, deadline?: string): ReviewPeriodPlan {
  return { period, opensOn: opensOn(period), deadline: deadline ?? defaultDeadline(period, rules.deadlineDay) };
}

/**
 * The period whose review should be open on `today`: the last one of the configured granularity
 * that ended before today (on 2027-01-01, the quarter 2026-Q4).
 */
export function periodDueToOpen(rules: ReviewCalendarRules, today: string): ReviewPeriodPlan {
  return planReviewPeriod(previousPeriod(rules.granularity, today), rules);
}

/**
 * Whether the scheduler opens a due period by itself on `today`: from its opening day up to its
 * default deadline. A server started long after (a first install, months of downtime) does not
 * open a period whose collection is already over, late for everyone; an admin still can.
 */
export function opensAutomatically(plan: ReviewPeriodPlan, today: string): boolean {
  return plan.opensOn <= today && today <= plan.deadline;
}

/**
 * Checks an admin's request to open a period: a period written as people write it, already over
 * (or ending today at the latest), with a deadline after the period's end. Every problem, with its field.
 */
export function checkOpeningRequest(input: { period?: unknown; deadline?: unknown }, today: string): { period: Period | null; problems: Problem[] } {
  const problems: Problem[] = [];
  let period: Period | null = null;
  if (typeof input.period !== 'string' || !input.period.trim()) problems.push({ code: 'validation.required', field: 'period' });
  else {
    try {
      period = parsePeriod(input.period);
    } catch {
      problems.push({ code: 'period.invalid', field: 'period', params: { text: input.period.slice(0, 40) } });
    }
  }
  if (period && period.start > today) problems.push({ code: 'review.period_not_started', field: 'period', params: { period: period.id, start: period.start } });
  if (input.deadline !== undefined && input.deadline !== null) {
    if (!isIsoDate(input.deadline)) problems.push({ code: 'validation.not_a_date', field: 'deadline' });
    else if (period && input.deadline <= period.end) problems.push({ code: 'review.deadline_before_end', field: 'deadline', params: { end: period.end } });
    else if (input.deadline < today) problems.push({ code: 'review.deadline_past', field: 'deadline', params: { today } });
  }
  return { period, problems };
}

/** Days from `today` to the deadline (0 on the day; negative once it has passed). */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
