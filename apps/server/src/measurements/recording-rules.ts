import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { canRecordFor, Principal } from '@app/accounts';
import { FieldError } from '@app/common';
import { IndicatorRow, MilestoneRow, ObjectiveRow, RoadmapRepository } from '@app/persistence';
import { valueProblem } from '@app/roadmap';
import { Calendar } from '@app/common';

/** Dates before this are typing mistakes (0224-03-31), not roadmap data. */
export const EARLIEST_DATE = '2000-01-01';

/**
 * The rules every write of recorded data follows, whether it comes from a form, the API or an
 * imported spreadsheet: the thing exists, the user's role and bodies allow it, the value suits
 * the indicator's unit, and dates are real and not in the future.
 */
@Injectable()
export class RecordingRules {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly calendar: Calendar,
  ) {}

  indicator(id: number): { indicator: IndicatorRow; objective: ObjectiveRow } {
    const s = this.roadmap.structure();
    const indicator = s.indicatorsById.get(id);
    if (!indicator) throw new NotFoundException(`No indicator with id ${id}.`);
    return { indicator, objective: s.objectivesByCode.get(indicator.objectiveCode)! };
  }

  milestone(id: number): { milestone: MilestoneRow; objective: ObjectiveRow } {
    const s = this.roadmap.structure();
    const milestone = s.milestonesById.get(id);
    if (!milestone) throw new NotFoundException(`No milestone with id ${id}.`);
    return { milestone, objective: s.objectivesByCode.get(milestone.objectiveCode)! };
  }

  /** Why this user may not record for this objective, or null when they may. */
  permissionProblem(principal: Principal, objective: ObjectiveRow): string | null {
    if (canRecordFor(principal, objective)) return null;
    if (principal.role === 'viewer') return 'Viewers cannot record values or milestone progress.';
    const bodies = [objective.leadBody, ...objective.contributingBodies].join(', ');
    return `You record for ${principal.bodies.join(', ') || 'no body'}; objective ${objective.code} is led by ${objective.leadBody} (bodies: ${bodies}).`;
  }

  assertCanRecord(principal: Principal, objective: ObjectiveRow): void {
    const problem = this.permissionProblem(principal, objective);
    if (problem) throw new ForbiddenException(problem);
  }

  valueErrors(indicator: IndicatorRow, value: number, field = 'value'): FieldError[] {
    const problem = valueProblem(indicator.unit, value);
    return problem ? [{ field, message: problem }] : [];
  }

  /** A date a value or a completion describes: real, not before 2000, not after today. */
  pastDateErrors(date: string, field: string, today = this.calendar.today()): FieldError[] {
    if (date < EARLIEST_DATE) return [{ field, message: `must not be before ${EARLIEST_DATE}` }];
    if (date > today) return [{ field, message: `is in the future (today is ${today})` }];
    return [];
  }
}
