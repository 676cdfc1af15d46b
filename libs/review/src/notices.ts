/**
 * What the review tells people about, as it happens: the review service raises a notice inside the
 * transaction of the event, and the mail capability turns it into outbox messages in that same
 * transaction (so a submission and the mail announcing it commit together, or neither does).
 */
export type ReviewNotice =
  | { kind: 'period_opened'; period: string; deadline: string }
  | { kind: 'update_submitted'; period: string; objectiveCode: string; byUserId: number }
  | { kind: 'update_returned'; period: string; objectiveCode: string; reason: string; byUserId: number }
  | { kind: 'update_validated'; period: string; objectiveCode: string; byUserId: number }
  | { kind: 'period_closed'; period: string };

/** Implemented by the mail capability; awaited inside the caller's transaction (it only queues, never sends). */
export interface ReviewNoticeSink {
  notify(notice: ReviewNotice): Promise<void>;
}

/** The NestJS injection token of the ReviewNoticeSink. */
export const REVIEW_NOTICE_SINK = Symbol('REVIEW_NOTICE_SINK');
