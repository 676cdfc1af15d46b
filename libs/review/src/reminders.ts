import { addDays } from '@app/status';
import { isSubmitted } from './completeness';
import { daysLeft } from './review-period';
import type { UpdateState } from './update-workflow';

/**
 * Who the review chases, and when. Pure: the day, the periods, the updates and the people come in;
 * the mail capability turns the answers into outbox messages (each once, by its key).
 */

/** `deadline_near`: N days before the deadline (and until it); `deadline_day`: on the deadline or after it, while the period is open. */
export type ReminderKind = 'deadline_near' | 'deadline_day';

/**
 * The reminder an open period calls for on `today`, if any. Each is sent once per person and period
 * (the outbox key), so a day missed while the server was down is caught up at the next run: the
 * "near" reminder any day from N days before to the day before the deadline, the deadline one from
 * the deadline on.
 */
export function reminderDue(deadline: string, today: string, daysBefore: number): ReminderKind | null {
  const left = daysLeft(deadline, today);
  if (left <= 0) return 'deadline_day';
  if (left <= daysBefore) return 'deadline_near';
  return null;
}

const byCode = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** Per lead body, the objectives whose update is not submitted yet (none, draft or returned), in code order. */
export function objectivesToChase(lines: readonly { objectiveCode: string; leadBody: string; state: UpdateState | null }[]): Map<string, string[]> {
  const byBody = new Map<string, string[]>();
  for (const l of lines) {
    if (isSubmitted(l.state)) continue;
    byBody.set(l.leadBody, [...(byBody.get(l.leadBody) ?? []), l.objectiveCode]);
  }
  for (const codes of byBody.values()) codes.sort(byCode);
  return new Map([...byBody.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Someone who may receive mail, as the rules need them. */
export interface MailRecipient {
  id: number;
  email: string;
  role: 'admin' | 'validator' | 'editor' | 'viewer';
  bodies: readonly string[];
  disabled: boolean;
  remindersEnabled: boolean;
  lang: 'fr' | 'en';
}

/**
 * A body's editors (active accounts). With `reminder`, only those who kept reminders on: workflow
 * notices (opened, returned, validated) go to every active editor.
 */
export function editorsOf<T extends MailRecipient>(people: readonly T[], body: string, options: { reminder: boolean }): T[] {
  return people.filter((p) => !p.disabled && p.role === 'editor' && p.bodies.includes(body) && (!options.reminder || p.remindersEnabled));
}

/** Who validates: the active validators, or the active administrators when there is none. */
export function validatorsOf<T extends MailRecipient>(people: readonly T[]): T[] {
  const active = people.filter((p) => !p.disabled);
  const validators = active.filter((p) => p.role === 'validator');
  return validators.length ? validators : active.filter((p) => p.role === 'admin');
}

export interface DigestStaleIndicator {
  objectiveCode: string;
  leadBody: string;
  name: string;
  latestObservedAt: string;
}
export interface DigestMilestone {
  objectiveCode: string;
  leadBody: string;
  title: string;
  dueDate: string;
  state: 'not_started' | 'in_progress' | 'done';
}
export interface BodyDigest {
  body: string;
  stale: DigestStaleIndicator[];
  milestonesDue: DigestMilestone[];
}

/** How far ahead the weekly digest looks for milestones. */
export const DIGEST_HORIZON_DAYS = 90;

/**
 * A lead body's weekly digest: its stale indicators, and its milestones not done that fall due from
 * today to 90 days ahead. Null when there is nothing to say (no mail is sent then).
 */
export function bodyDigest(
  body: string,
  stale: readonly DigestStaleIndicator[],
  milestones: readonly DigestMilestone[],
  today: string,
  horizonDays = DIGEST_HORIZON_DAYS,
): BodyDigest | null {
  const until = addDays(today, horizonDays);
  const own = stale.filter((s) => s.leadBody === body).sort((a, b) => byCode(a.objectiveCode, b.objectiveCode) || a.name.localeCompare(b.name));
  const due = milestones
    .filter((m) => m.leadBody === body && m.state !== 'done' && m.dueDate >= today && m.dueDate <= until)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || byCode(a.objectiveCode, b.objectiveCode));
  return own.length || due.length ? { body, stale: own, milestonesDue: due } : null;
}

/** The ISO week of a date, `2026-W49` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
