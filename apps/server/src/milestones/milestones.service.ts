import { Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { FieldError, ValidationFailed } from '@app/common';
import { AuditRepository, MilestoneUpdatesRepository, Transactor } from '@app/persistence';
import { Calendar } from '@app/common';
import { RecordingRules } from '../measurements/recording-rules';
import { StatusService } from '@app/snapshots';
import { UpdateMilestoneDto } from './dto/milestone.dto';

/** "Note: …" is a note; "javascript:…" or "file:…" look like links but are not web links. */
function evidenceProblem(evidence: string): string | null {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):(?!\s)/i.exec(evidence)?.[1];
  if (scheme && !['http', 'https'].includes(scheme.toLowerCase())) {
    return `links must start with http:// or https:// (not ${scheme}:)`;
  }
  return null;
}

@Injectable()
export class MilestonesService {
  constructor(
    private readonly updates: MilestoneUpdatesRepository,
    private readonly audit: AuditRepository,
    private readonly rules: RecordingRules,
    private readonly status: StatusService,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
  ) {}

  get(id: number) {
    const { milestone, objective } = this.rules.milestone(id);
    const asOf = this.calendar.today();
    const current = this.status.objective(objective.code, asOf).milestones.find((m) => m.id === id)!;
    return { ...current, objectiveCode: objective.code, due: milestone.due, sourceText: milestone.sourceText, history: this.updates.history(id) };
  }

  /** Appends the milestone's new full state (previous state + the fields given). */
  update(id: number, input: UpdateMilestoneDto, principal: Principal) {
    const { objective } = this.rules.milestone(id);
    this.rules.assertCanRecord(principal, objective);
    if (Object.values(input).every((v) => v === undefined)) {
      throw new ValidationFailed([{ field: 'state', message: 'give at least one of state, completedOn, evidence, comment' }]);
    }
    return this.tx.run(() => {
      const now = this.calendar.now().toISOString();
      const before = this.updates.latestAsOf(id, now) ?? null;
      const state = input.state ?? before?.state ?? 'not_started';
      const completedOn =
        input.completedOn !== undefined ? input.completedOn : state === 'done' ? (before?.completedOn ?? null) : null;
      const evidence = input.evidence !== undefined ? input.evidence?.trim() || null : (before?.evidence ?? null);
      const errors: FieldError[] = [];
      if (state === 'done' && !completedOn) errors.push({ field: 'completedOn', message: 'is required when state is done' });
      if (state !== 'done' && completedOn) {
        errors.push({ field: 'completedOn', message: `is only for a done milestone (state is ${state})` });
      }
      if (completedOn) errors.push(...this.rules.pastDateErrors(completedOn, 'completedOn'));
      const badEvidence = evidence && evidenceProblem(evidence);
      if (badEvidence) errors.push({ field: 'evidence', message: badEvidence });
      if (errors.length) throw new ValidationFailed(errors);

      const updateId = this.updates.insert({
        milestoneId: id,
        state,
        completedOn,
        evidence,
        comment: input.comment?.trim() || null,
        recordedBy: principal.userId,
        recordedAt: now,
      });
      const after = this.updates.latestAsOf(id, now)!;
      this.audit.record({ at: now, userId: principal.userId, action: 'milestone.update', entityType: 'milestone', entityId: id, before, after });
      return { ...this.get(id), updateId };
    }, { objectives: [objective.code] });
  }
}
