import { Injectable } from '@nestjs/common';
import { Conflict, Problem } from '@app/common';
import { AuditRepository, ReviewsRepository } from '@app/persistence';
import { contentOf, LockingUpdate, ValueLock, valueLockOn } from '@app/review';

/** The measurement a revision event names. */
export interface RevisedValue {
  id: number;
  indicatorId: number;
  indicator: string;
  observedAt: string;
  value: number;
  /** The value it replaced, for a correction. */
  previousValue: number | null;
  reason: string | null;
}

/**
 * Values dated in a period whose objective's update is validated are locked: recording or correcting
 * one needs a reason, marks the update "revised after validation" and adds a `value_revised` event.
 * A session remembers each objective's validated updates, so a write costs one indexed lookup per
 * objective, and an import of thousands of rows one per distinct objective, not one per row (and
 * a single one in all while no update is validated).
 */
@Injectable()
export class ValueLocks {
  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly audit: AuditRepository,
  ) {}

  session(): ValueLockSession {
    return new ValueLockSession(this.reviews, this.audit);
  }
}

export class ValueLockSession {
  private readonly byObjective = new Map<number, LockingUpdate[]>();
  private anyValidated: boolean | null = null;

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async lockOn(objective: { id: number }, observedAt: string): Promise<ValueLock> {
    this.anyValidated ??= await this.reviews.anyValidated();
    if (!this.anyValidated) return valueLockOn(observedAt, []);
    let updates = this.byObjective.get(objective.id);
    if (!updates) {
      updates = await this.reviews.validatedUpdatesOfObjective(objective.id);
      this.byObjective.set(objective.id, updates);
    }
    return valueLockOn(observedAt, updates);
  }

  /** Why a value without a reason is refused there (field `reason`), or null. */
  async problem(objective: { id: number; code: string }, observedAt: string, reason: string | null): Promise<Problem | null> {
    const lock = await this.lockOn(objective, observedAt);
    if (!lock.needsReason || reason) return null;
    return {
      code: 'review.value_locked_needs_reason',
      field: 'reason',
      params: { date: observedAt, period: lock.lockedBy!.period, objective: objective.code },
    };
  }

  /** The lock of a value, or a 409 saying to give a reason. */
  async assertReason(objective: { id: number; code: string }, observedAt: string, reason: string | null): Promise<ValueLock> {
    const problem = await this.problem(objective, observedAt, reason);
    if (problem) throw new Conflict(problem.code, problem.params, 'reason');
    return this.lockOn(objective, observedAt);
  }

  /** Inside the write's transaction: each validated update the value touches is marked revised, with its event and audit entry. */
  async recordRevision(lock: ValueLock, value: RevisedValue, userId: number, at: string): Promise<void> {
    for (const u of lock.revises) {
      const before = (await this.reviews.findUpdateById(u.updateId))!;
      const after = await this.reviews.markRevised(u.updateId, at);
      await this.reviews.insertEvent({
        updateId: u.updateId,
        action: 'value_revised',
        fromState: before.state,
        toState: after.state,
        reason: value.reason,
        content: { ...contentOf(after), measurement: value },
        userId,
        at,
      });
      await this.audit.record({ at, userId, action: 'review.value_revised', entityType: 'objective_update', entityId: u.updateId, before, after });
    }
  }
}
