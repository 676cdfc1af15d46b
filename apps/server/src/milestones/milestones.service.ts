import { Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { earlierProblems, fieldIsClean, Problem, ValidationFailed } from '@app/common';
import { AuditRepository, MilestoneUpdatesRepository, RoadmapRepository, Transactor } from '@app/persistence';
import type { RoadmapLang } from '@app/roadmap';
import { Calendar } from '@app/common';
import { RecordingRules } from '../measurements/recording-rules';
import { StatusService } from '@app/snapshots';
import { UpdateMilestoneDto } from './dto/milestone.dto';

/** "Note: …" is a note; "javascript:…" or "file:…" look like links but are not web links. */
function evidenceProblem(evidence: string): Problem | null {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):(?!\s)/i.exec(evidence)?.[1];
  if (scheme && !['http', 'https'].includes(scheme.toLowerCase())) {
    return { code: 'milestone.evidence_not_a_link', field: 'evidence', params: { scheme: scheme.slice(0, 40) } };
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
    private readonly roadmap: RoadmapRepository,
  ) {}

  /** The milestone in `lang` (its title, date words and source sentence), with its status today and its history. */
  async get(id: number, lang: RoadmapLang = 'fr') {
    const { objective } = this.rules.milestone(id);
    const asOf = this.calendar.today();
    const current = (await this.status.objective(objective.code, asOf, lang)).milestones.find((m) => m.id === id)!;
    const milestone = this.roadmap
      .structure(lang)
      .objectivesByCode.get(objective.code)!
      .milestones.find((m) => m.id === id)!;
    return { ...current, objectiveCode: objective.code, due: milestone.due, sourceText: milestone.sourceText, history: await this.updates.history(id) };
  }

  /** Appends the milestone's new full state (previous state + the fields given). */
  async update(id: number, input: UpdateMilestoneDto, principal: Principal, lang: RoadmapLang = 'fr') {
    const { objective } = this.rules.milestone(id);
    this.rules.assertCanUpdateMilestone(principal, objective);
    const earlier = earlierProblems(input);
    if (!earlier.length && Object.values(input).every((v) => v === undefined)) {
      throw new ValidationFailed([{ code: 'milestone.nothing_to_change', field: 'state' }]);
    }
    const updateId = await this.tx.run(
      async () => {
        const now = this.calendar.now().toISOString();
        const before = (await this.updates.latestAsOf(id, now)) ?? null;
        const state = input.state ?? before?.state ?? 'not_started';
        const completedOn = input.completedOn !== undefined ? input.completedOn : state === 'done' ? (before?.completedOn ?? null) : null;
        const evidence = input.evidence === undefined ? (before?.evidence ?? null) : typeof input.evidence === 'string' ? input.evidence.trim() || null : null;
        // The DTO's problems and the milestone's own rules, all at once; a refused field is not checked again.
        const errors: Problem[] = [...earlier];
        const clean = (field: string) => fieldIsClean(earlier, field) && fieldIsClean(earlier, 'state');
        if (clean('completedOn')) {
          if (state === 'done' && !completedOn) errors.push({ code: 'milestone.completed_on_required', field: 'completedOn' });
          if (state !== 'done' && completedOn) {
            errors.push({ code: 'milestone.completed_on_not_done', field: 'completedOn', params: { state, done: 'done' } });
          }
          if (completedOn) errors.push(...this.rules.pastDateErrors(completedOn, 'completedOn'));
        }
        const badEvidence = fieldIsClean(earlier, 'evidence') && typeof evidence === 'string' && evidenceProblem(evidence);
        if (badEvidence) errors.push(badEvidence);
        if (errors.length) throw new ValidationFailed(errors);

        const updateId = await this.updates.insert({
          milestoneId: id,
          state,
          completedOn,
          evidence,
          comment: input.comment?.trim() || null,
          recordedBy: principal.userId,
          recordedAt: now,
        });
        const after = (await this.updates.latestAsOf(id, now))!;
        await this.audit.record({ at: now, userId: principal.userId, action: 'milestone.update', entityType: 'milestone', entityId: id, before, after });
        return updateId;
      },
      { objectives: [objective.code] },
    );
    // Read once the unit has committed: its stamps have moved, so the status shows the new state
    // (inside the unit, a cached status of the objective would still be the one before it).
    return { ...(await this.get(id, lang)), updateId };
  }
}
